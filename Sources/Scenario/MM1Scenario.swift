import Simulation

/// The `mm1` scenario kind: the kernel's reference M/M/1 queue.
///
/// | key | unit | default | range |
/// |---|---|---|---|
/// | `queue.arrivalRate` | customers per time unit (λ) | 0.9 | > 0 |
/// | `queue.serviceRate` | customers per time unit (μ) | 1 | > 0 |
/// | `queue.customers` | customers served | 1,000,000 | ≥ 1 |
/// | `queue.warmupCustomers` | customers left out of the wait statistics | 0 | ≥ 0 |
/// | `queue.periodLength` | time units per reporting period | 1,000 | > 0 |
public enum MM1Scenario {
  static func decode(_ root: inout ConfigReader) throws(ScenarioError) -> MM1Queue.Parameters {
    var q = try root.object("queue")
    let d = MM1Queue.Parameters()
    let p = MM1Queue.Parameters(
      arrivalRate: try q.number("arrivalRate", default: d.arrivalRate, .positive),
      serviceRate: try q.number("serviceRate", default: d.serviceRate, .positive),
      customers: try q.integer("customers", default: d.customers, 1...Int.max),
      warmupCustomers: try q.integer("warmupCustomers", default: d.warmupCustomers, 0...Int.max),
      periodLength: try q.number("periodLength", default: d.periodLength, .positive))
    try q.finish()
    return p
  }
}
