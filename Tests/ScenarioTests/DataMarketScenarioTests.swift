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
}
