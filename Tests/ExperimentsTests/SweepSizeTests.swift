import Foundation
import Testing
@testable import Experiments
import Scenario

/// A sweep file can ask for astronomically many runs (a grid of 10^18 points hung the tool while
/// building it): grids and totals are limited to SweepSpec.maxRuns.
@Suite struct SweepSizeTests {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

  func error(_ body: String) -> String {
    let file = NSTemporaryDirectory() + "datamarket-size-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max)).json"
    try? "{ base: \"\(root)/scenarios/mm1.json\", \(body) }".write(toFile: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: file) }
    do { _ = try SweepSpec.load(file); return "no error" } catch { return error.description.replacingOccurrences(of: file, with: "F") }
  }

  @Test func aHugeGridIsRefusedBeforeItIsBuilt() {
    let p = "{ from: 0.1, to: 0.9, steps: 1000000 }"
    #expect(error("parameters: { \"queue.arrivalRate\": \(p), \"queue.serviceRate\": \(p), \"queue.periodLength\": \(p) }")
            == "F: $.parameters: expected a grid of at most 10000000 points, found 1000000000000000000")
    #expect(error("parameters: { \"queue.arrivalRate\": \(p), \"queue.serviceRate\": { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] } }")
            == "F: $.parameters: expected a grid of at most 10000000 points, found 11000000")
  }

  @Test func tooManyRunsInAllAreRefused() {
    #expect(error("replications: 1000000, parameters: { \"queue.arrivalRate\": { values: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99] } }")
            == "F: $.replications: expected at most 10000000 runs in all (points × replications), found 11 × 1000000")
  }
}
