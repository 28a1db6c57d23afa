import Foundation
import Testing
@testable import Scenario

/// Data-market scenario checks that need more than one key.
@Suite struct DataMarketScenarioTests {
  func load(_ text: String, overrides: [String] = []) -> String {
    let path = NSTemporaryDirectory() + "datamarket-dm-scenario-\(ProcessInfo.processInfo.processIdentifier)-\(text.hashValue).json"
    try? text.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    do {
      _ = try Scenario.load(file: path, overrides: overrides)
      return "no error"
    } catch {
      return error.description.replacingOccurrences(of: path, with: "F")
    }
  }

  @Test func warmUpMustLeaveAMeasuredPeriod() {
    #expect(load("{ kind: \"dataMarket\", market: { periods: 12, warmupPeriods: 12 } }")
            == "F: $.market.warmupPeriods: expected fewer warm-up periods than market.periods (12): "
             + "the summary needs a measured period, found 12")
    #expect(load("{ kind: \"dataMarket\", market: { periods: 12, warmupPeriods: 11 } }") == "no error")
  }

  /// The contract mix is a mix of paid contracts: its shares add up to 1 (free uses have no type).
  @Test func contractSharesAddUpToOne() throws {
    let path = NSTemporaryDirectory() + "datamarket-dm-shares-\(ProcessInfo.processInfo.processIdentifier).json"
    try "{ kind: \"dataMarket\", market: { periods: 8, warmupPeriods: 1 }, contracts: { allowed: [\"FIXED\", \"REVSHARE\", \"SUBSCRIPTION\"] } }"
      .write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = try ScenarioRunner.run(try Scenario.load(file: path))
    var sum = 0.0
    for m in result.metrics where m.name.hasPrefix("contract_share_") { sum += Double(m.value.text) ?? .nan }
    #expect(abs(sum - 1) < 1e-12, "contract shares sum to \(sum)")
    let free = result.metrics.first { $0.name == "public_free_uses" }.map { Int($0.value.text) ?? 0 } ?? 0
    #expect(free > 0)
  }
}
