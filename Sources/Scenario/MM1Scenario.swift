import Simulation

/// The `mm1` scenario kind: the kernel's reference M/M/1 queue (`queue` object), its keys declared
/// once in ``keys``.
public enum MM1Scenario {
  typealias Key = ScenarioKey<MM1Queue.Parameters>

  static var keys: [Key] {
    let s = "queue"
    return [
      .number(s, "arrivalRate", \.arrivalRate, .positive, unit: "customers per time unit", symbol: "λ", "arrival rate"),
      .number(s, "serviceRate", \.serviceRate, .positive, unit: "customers per time unit", symbol: "μ", "service rate"),
      .integer(s, "customers", \.customers, 1...Int.max, unit: "customers", "customers whose service starts"),
      .integer(s, "warmupCustomers", \.warmupCustomers, 0...Int.max, unit: "customers", "customers left out of the wait statistics"),
      .number(s, "periodLength", \.periodLength, .positive, unit: "time units", "time per periods.csv row"),
    ]
  }

  static func decode(_ root: inout ConfigReader) throws(ScenarioError) -> MM1Queue.Parameters {
    var p = MM1Queue.Parameters()
    try ScenarioKeyReading.readSection(&root, "queue", keys, into: &p)
    return p
  }
}
