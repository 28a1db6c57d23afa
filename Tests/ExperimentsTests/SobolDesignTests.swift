import Foundation
import Testing
@testable import Experiments
import Output
import Scenario

/// Sobol and Morris designs read from sweep files: their size and layout, values in range,
/// determinism from the seed, `sweep.json`'s record of the layout, and clear errors.
@Suite struct SobolDesignTests {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

  func load(_ body: String) throws(ScenarioError) -> SweepSpec {
    let file = NSTemporaryDirectory() + "datamarket-sobol-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max)).json"
    try? "{ base: \"\(root)/scenarios/testfunctions/gfunction.json\", \(body) }".write(toFile: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: file) }
    return try SweepSpec.load(file)
  }

  func error(_ body: String) -> String {
    do { _ = try load(body); return "no error" } catch { return error.description.components(separatedBy: ": ").dropFirst().joined(separator: ": ") }
  }

  let two = "parameters: { \"inputs.x1\": { from: 0, to: 1 }, \"inputs.x2\": { values: [0.25, 0.75] } }"

  @Test func aSobolDesignHasNTimesKPlus2PointsInItsBlocks() throws {
    let spec = try load("seed: 5, design: { sobol: { samples: 16 } }, \(two)")
    #expect(spec.designName == "sobol" && spec.points.count == 16 * 4)
    let x1 = spec.points.map { p -> Double in if case .number(let d, _) = p[0].value { return d } else { return .nan } }
    #expect(x1.allSatisfy { (0..<1).contains($0) })
    // A_B(1) takes x1 from B and x2 from A
    for j in 0..<16 {
      #expect(spec.points[32 + j][0] == spec.points[16 + j][0] && spec.points[32 + j][1] == spec.points[j][1])
      #expect(spec.points[48 + j][0] == spec.points[j][0] && spec.points[48 + j][1] == spec.points[16 + j][1])
    }
    // a values list is binned: both values appear, about equally often in A
    let lows = spec.points[0..<16].filter { $0[1].text == "0.25" }.count
    #expect(lows == 8)
    let json = JSONText.file(spec.json)
    #expect(json.contains("\"sensitivity\": {") && json.contains("\"AB:inputs.x2\""))
    #expect(try load("seed: 5, design: { sobol: { samples: 16 } }, \(two)").points == spec.points)
    #expect(try load("seed: 6, design: { sobol: { samples: 16 } }, \(two)").points != spec.points)
  }

  @Test func otherDesignsKeepTheirSweepJSON() throws {
    let grid = try load(two)
    #expect(!JSONText.file(grid.json).contains("sensitivity"))
  }

  @Test func badSensitivityDesignsAreRefusedClearly() {
    let many = (1...16).map { "\"inputs.x\($0)\": { from: 0, to: 1 }" }.joined(separator: ", ")
    #expect(error("design: { sobol: { samples: 8 } }, parameters: { \(many), \"seed\": { from: 1, to: 2 } }")
            == "$.parameters: expected 1 to 16 parameters for a Sobol design, found 17")
    #expect(error("design: { morris: { trajectories: 4, levels: 5 } }, \(two)") == "$.design.morris.levels: expected an even number of levels (2, 4, 6, …), found 5")
    #expect(error("design: { sobol: { samples: 1 } }, \(two)").hasPrefix("$.design.sobol.samples: expected"))
    #expect(error("design: { sobol: { sample: 8 } }, \(two)").contains("$.design.sobol.sample: unknown key"))
  }
}
