import Testing
@testable import Simulation

/// Issue 15 (B): the run loop's invariants path checks the clock after every event and changes
/// nothing else.
@Suite struct InvariantRunTests {
  @Test func checkedRunGivesTheSameResults() throws {
    let p = MM1Queue.Parameters(arrivalRate: 0.8, serviceRate: 1, customers: 5_000)
    let plain = try MM1Queue.simulate(p, seed: 7)
    let checked = try MM1Queue.simulateChecked(p, seed: 7)
    #expect(plain.eventsProcessed == checked.eventsProcessed && plain.endTime == checked.endTime)
    #expect(plain.model.waits.mean == checked.model.waits.mean)
  }

  @Test func timeGoingBackIsCaught() throws {
    var sim = Simulator(model: MM1Queue(parameters: .init(customers: 100), seed: 1), capacity: 16)
    try sim.model.start(&sim.kernel)
    for _ in 0..<20 { _ = try sim.step(checking: { _ in nil }) }
    let now = sim.kernel.now
    sim.kernel.calendar.schedule(.departure, at: now / 2, priority: -9)  // bypasses the kernel's guard
    do {
      try sim.run(checking: { _ in nil })
      Issue.record("time went back unnoticed")
    } catch let v as InvariantViolation {
      #expect(v.invariant == "time is non-decreasing (\(now / 2) after \(now))")
      #expect(v.event == "departure" && v.time == now / 2)
    }
  }
}
