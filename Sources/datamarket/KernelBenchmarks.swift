import Simulation

/// The kernel group of `datamarket bench`: the hold model at two calendar sizes and an M/M/1 queue.
enum KernelBenchmarks {
  static func run(scale: Int, repeats: Int, into report: inout BenchReport) throws {
    for pending in [1_000, 100_000] {
      let events = 10_000_000 / scale
      report.add(try medianOf(repeats) { try hold(pending: pending, events: events) })
    }
    let customers = 1_000_000 / scale
    report.add(try medianOf(repeats) { try mm1(customers: customers) })
  }

  /// The hold model: `pending` events; each pop schedules one at now + Exp(1).
  static func hold(pending: Int, events: Int) throws -> BenchRow {
    var sim = Simulator(model: HoldModel(seed: 12345), capacity: pending)
    try sim.model.prime(&sim.kernel, pending: pending)
    try sim.run(maxEvents: pending)  // warm the storage
    let rssBefore = Stopwatch.residentMB()
    let clock = Stopwatch()
    try sim.run(maxEvents: events)
    let cpu = clock.cpuSeconds, wall = clock.wallSeconds
    precondition(sim.kernel.pendingCount == pending && sim.model.checksum > 0, "hold model lost events")
    let rssAfter = Stopwatch.residentMB()
    return BenchRow(group: "kernel", name: "hold-\(pending)", ops: events, cpuSeconds: cpu, wallSeconds: wall,
                    rssMB: rssAfter, note: "rss before \(BenchReport(csv: false).r(rssBefore, 1)) MB")
  }

  /// M/M/1 at ρ = 0.9: events handled per CPU second, and the mean wait against ρ/(μ−λ).
  static func mm1(customers: Int) throws -> BenchRow {
    let p = MM1Queue.Parameters(arrivalRate: 0.9, serviceRate: 1, customers: customers, warmupCustomers: customers / 100,
                                periodLength: 1e12)
    let clock = Stopwatch()
    let (model, events, _) = try MM1Queue.simulate(p, seed: 2024)
    let cpu = clock.cpuSeconds, wall = clock.wallSeconds
    let error = (model.waits.mean - p.theoreticalMeanWait) / p.theoreticalMeanWait
    let verdict = abs(error) <= 0.02 ? "within 2%" : "OUTSIDE 2%"
    let note = "mean wait \(BenchReport(csv: false).r(model.waits.mean, 3)) vs \(p.theoreticalMeanWait) (\(verdict)); \(customers) customers"
    return BenchRow(group: "kernel", name: "mm1", ops: events, cpuSeconds: cpu, wallSeconds: wall,
                    rssMB: Stopwatch.residentMB(), note: note)
  }
}
