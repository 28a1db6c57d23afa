import Testing
@testable import Scenario
import Output
import Simulation

/// The M/M/1 summary's wait statistics: measured after the warm-up, and `nan` (not 0 and −∞)
/// when the warm-up leaves no customer to measure.
@Suite struct MM1SummaryTests {
  func metric(_ r: RunResult, _ name: String) -> Double? {
    guard let cell = r.metrics.first(where: { $0.name == name })?.value, case .double(let x) = cell else { return nil }
    return x
  }

  @Test func noMeasuredCustomerGivesNaNWaits() throws {
    let none = try ScenarioRunner.runMM1(MM1Queue.Parameters(customers: 100, warmupCustomers: 1_000), seed: 1)
    for name in ["mean_wait", "wait_sd", "max_wait"] { #expect(metric(none, name)?.isNaN == true, "\(name)") }
    let some = try ScenarioRunner.runMM1(MM1Queue.Parameters(customers: 100, warmupCustomers: 10), seed: 1)
    for name in ["mean_wait", "wait_sd", "max_wait"] { #expect(metric(some, name).map { $0.isFinite && $0 >= 0 } == true, "\(name)") }
  }
}
