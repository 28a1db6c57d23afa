import Testing
@testable import Simulation

/// A tiny logging model: each `.tick(n)` logs the time and schedules `.tick(n-1)` one unit later.
struct Ticker: SimulationModel {
  enum Event: CustomStringConvertible {
    case tick(Int), stopNow, goBack
    var description: String {
      switch self {
      case .tick(let n): return "tick(\(n))"
      case .stopNow: return "stopNow"
      case .goBack: return "goBack"
      }
    }
  }
  var log: [Double] = []
  mutating func handle(_ event: Event, kernel: inout Kernel<Event>) throws {
    log.append(kernel.now)
    switch event {
    case .tick(let n) where n > 0: try kernel.schedule(.tick(n - 1), after: 1)
    case .tick: break
    case .stopNow: kernel.stop()
    case .goBack: try kernel.schedule(.tick(0), at: kernel.now - 1)
    }
  }
}

@Suite struct SimulatorTests {
  @Test func runUntilStopsAtTheLimitAndAdvancesTheClock() throws {
    var sim = Simulator(model: Ticker())
    try sim.kernel.schedule(.tick(10), at: 0)
    do { let why = try sim.run(until: 2.5); #expect(why == .timeLimit) }
    #expect(sim.model.log == [0, 1, 2])
    #expect(sim.kernel.now == 2.5)
    #expect(sim.kernel.eventsProcessed == 3)
    do { let why = try sim.run(); #expect(why == .calendarEmpty) }
    #expect(sim.model.log.count == 11)
    #expect(sim.kernel.now == 10)
  }

  @Test func stepAndEventLimit() throws {
    var sim = Simulator(model: Ticker())
    try sim.kernel.schedule(.tick(5), at: 1)
    let stepped = try sim.step(); #expect(stepped)
    #expect(sim.kernel.now == 1)
    do { let why = try sim.run(maxEvents: 2); #expect(why == .eventLimit) }
    #expect(sim.model.log == [1, 2, 3])
  }

  @Test func modelCanStopTheRun() throws {
    var sim = Simulator(model: Ticker())
    try sim.kernel.schedule(.stopNow, at: 3)
    try sim.kernel.schedule(.tick(0), at: 4)
    do { let why = try sim.run(); #expect(why == .stopped) }
    #expect(sim.kernel.now == 3)
  }

  @Test func schedulingInThePastIsRejectedNamingTimeAndEvent() throws {
    var sim = Simulator(model: Ticker())
    try sim.kernel.schedule(.goBack, at: 2)
    #expect(throws: SchedulingError.inPast(time: 1, now: 2, event: "tick(0)")) { try sim.run() }
    #expect(SchedulingError.inPast(time: 1, now: 2, event: "tick(0)").description
            == "cannot schedule tick(0) at time 1.0: the clock is already at 2.0")
  }

  @Test func nanAndInfiniteTimesAreRejected() {
    var k = Kernel<Ticker.Event>()
    #expect(throws: SchedulingError.self) { try k.schedule(.tick(1), at: .nan) }
    #expect(throws: SchedulingError.self) { try k.schedule(.tick(1), after: .infinity) }
    #expect(k.pendingCount == 0)
  }

  @Test func mm1MeanWaitMatchesTheoryWithinStandardError() throws {
    // 12 independent replications; the spread of replicate means gives the standard error
    // (waits within one run are autocorrelated, replicate means are not).
    let p = MM1Queue.Parameters(arrivalRate: 0.9, serviceRate: 1, customers: 60_000, warmupCustomers: 5_000)
    var means = RunningStatistics()
    for r in 0..<12 { means.add(try MM1Queue.simulate(p, seed: UInt64(100 + r)).model.waits.mean) }
    #expect(abs(means.mean - p.theoreticalMeanWait) < 4 * means.standardError,
            "mean wait \(means.mean) vs \(p.theoreticalMeanWait), SE \(means.standardError)")
  }

  @Test func holdModelKeepsItsPopulation() throws {
    var sim = Simulator(model: HoldModel(seed: 1), capacity: 100)
    try sim.model.prime(&sim.kernel, pending: 100)
    try sim.run(maxEvents: 10_000)
    #expect(sim.kernel.pendingCount == 100)
    #expect(sim.kernel.eventsProcessed == 10_000)
  }
}
