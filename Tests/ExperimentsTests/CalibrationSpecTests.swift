import Foundation
import Testing
@testable import Experiments
import Scenario

@Suite struct CalibrationSpecTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
  let dir: String = {
    let d = NSTemporaryDirectory() + "datamarket-calspec-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
    try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
    return d
  }()

  /// Writes a calibration file with `body` after `base` and returns its path.
  func file(_ body: String, base: String = "\(root)/scenarios/mm1.json") throws -> String {
    let path = dir + "/c.json5"
    try "{ base: \"\(base)\", \(body) }".write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  static let mm1 = """
    set: ["queue.customers=500"], seeds: 2, maxEvaluations: 10,
    parameters: { "queue.arrivalRate": { from: 0.1, to: 0.9, scale: "log" } },
    targets: { mean_wait: { value: 2, source: "test" } }
    """

  func error(_ body: String, base: String = "\(root)/scenarios/mm1.json") throws -> String {
    let path = try file(body, base: base)
    do { _ = try CalibrationSpec.load(path); return "no error" } catch { return error.description.replacingOccurrences(of: path, with: "FILE") }
  }

  @Test func readsAValidFile() throws {
    let spec = try CalibrationSpec.load(try file(Self.mm1))
    #expect(spec.parameters.map(\.key) == ["queue.arrivalRate"] && spec.parameters[0].log && !spec.parameters[0].integer)
    #expect(spec.targets.map(\.metric) == ["mean_wait"] && spec.targets[0].weight == 1)
    #expect(spec.seeds == [SweepSpec.seed(master: 1, replicate: 0), SweepSpec.seed(master: 1, replicate: 1)])
    #expect(spec.overrides == ["queue.customers=500"] && spec.maxEvaluations == 10 && spec.baseName == "mm1")
    // the log scale's middle is the geometric mean
    #expect(abs(spec.parameters[0].value(spec.start[0]) - 0.3) < 1e-12)
  }

  @Test func mapsTheUnitIntervalOntoTheRange() throws {
    let p = CalibrationSpec.Parameter(key: "k", from: 1, to: 100, log: true, integer: false, start: 0.5)
    #expect(p.value(0) == 1 && p.value(1) == 100 && abs(p.value(0.5) - 10) < 1e-12 && abs(p.unit(10) - 0.5) < 1e-12)
    let q = CalibrationSpec.Parameter(key: "k", from: 2, to: 12, log: false, integer: true, start: 0.5)
    #expect(q.value(0.26) == 5 && q.text(q.value(0.26)) == "5")
  }

  @Test func anExplicitSeedListIsKeptAndTheIdentityFollowsTheContent() throws {
    let a = try CalibrationSpec.load(try file(Self.mm1.replacingOccurrences(of: "seeds: 2", with: "seeds: [7, 3]")))
    #expect(a.seeds == [7, 3])
    let b = try CalibrationSpec.load(try file(Self.mm1.replacingOccurrences(of: "value: 2", with: "value: 3")))
    #expect(a.identity != b.identity)
    // the file named another way is the same calibration
    let path = try file(Self.mm1)
    let slash = path.lastIndex(of: "/")!
    let other = String(path[...slash]) + "./" + String(path[path.index(after: slash)...])
    #expect(try CalibrationSpec.load(other).identity == CalibrationSpec.load(path).identity)
  }

  @Test func errorsNameTheFilePathAndWhatWasExpected() throws {
    #expect(try error(Self.mm1.replacingOccurrences(of: "queue.arrivalRate", with: "queue.arivalRate"))
            == "FILE: $.parameters.\"queue.arivalRate\": unknown key (did you mean 'queue.arrivalRate'?)")
    #expect(try error(Self.mm1.replacingOccurrences(of: "mean_wait", with: "mean_wiat"))
            == "FILE: $.targets.\"mean_wiat\": unknown key (did you mean 'mean_wait'?)")
    #expect(try error(Self.mm1.replacingOccurrences(of: "value: 2", with: "value: 0"))
            == "FILE: $.targets.\"mean_wait\".value: expected a nonzero number (errors are relative to it), found 0")
    #expect(try error(Self.mm1.replacingOccurrences(of: "source: \"test\"", with: "weight: -1"))
            == "FILE: $.targets.\"mean_wait\".weight: expected a number ≥ 0, found -1")
    #expect(try error(Self.mm1.replacingOccurrences(of: "from: 0.1", with: "from: 0")).hasPrefix(
            "FILE: $.parameters.\"queue.arrivalRate\".from: expected a number > 0 for scale: \"log\""))
    #expect(try error(Self.mm1.replacingOccurrences(of: "from: 0.1", with: "from: 2")).hasPrefix(
            "FILE: $.parameters.\"queue.arrivalRate\".to: expected a number > from"))
    #expect(try error(Self.mm1.replacingOccurrences(of: ", scale: \"log\"", with: "").replacingOccurrences(of: "from: 0.1", with: "from: 0"))
            .hasPrefix("FILE: $.parameters (every from: queue.arrivalRate=0.0): expected a valid scenario, found "))
    #expect(try error(Self.mm1.replacingOccurrences(of: "seeds: 2", with: "seeds: [1, 1]"))
            == "FILE: $.seeds[1]: expected a seed not already listed, found 1")
    #expect(try error(Self.mm1.replacingOccurrences(of: "maxEvaluations", with: "maxEvaluation"))
            == "FILE: $.maxEvaluation: unknown key (did you mean 'maxEvaluations'?)")
    #expect(try error(Self.mm1, base: dir + "/none.json") == "\(dir)/none.json: cannot read: no such file")
    // a fixed override of a fitted key would be hidden by the fit
    #expect(try error(Self.mm1.replacingOccurrences(of: "queue.customers=500", with: "queue.arrivalRate=0.5"))
            == "FILE: $.set[0]: expected an override of a key the calibration does not fit, found \"queue.arrivalRate=0.5\" (queue.arrivalRate is a parameter)")
  }

  @Test func parametersStayInsideTheKeysOwnBounds() throws {
    let body = """
      parameters: { "market.unification": { from: 0, to: 2 } }, targets: { gmv_per_year_wan_rmb: { value: 1.6e7 } }
      """
    #expect(try error(body, base: "\(Self.root)/scenarios/baseline.json")
            == "FILE: $.parameters.\"market.unification\".to: expected a value of market.unification in [0, 1], found 2.0")
    let arrays = """
      parameters: { "regions[].buyerArrivalRate": { from: 1, to: 2 } }, targets: { trades: { value: 100 } }
      """
    #expect(try error(arrays, base: "\(Self.root)/scenarios/baseline.json").hasPrefix("FILE: $.parameters.\"regions[].buyerArrivalRate\": unknown key"))
  }
}

@Suite struct CalibrationOutputsTests {
  @Test func theBaseIsNamedRelativeToTheFolder() {
    #expect(CalibrationOutputs.relativePath(from: "/a/results/x-calibration", to: "/a/scenarios/base.json") == "../../scenarios/base.json")
    #expect(CalibrationOutputs.relativePath(from: "/a/scenarios/out", to: "/a/scenarios/base.json") == "../base.json")
  }

  @Test func overridesBecomeNestedJSON5KeepingNumbersAsWritten() throws {
    let patch = try ScenarioLoader.apply(overrides: ["queue.customers=5000", "regions=[{name: \"East\", buyerArrivalRate: 60}]", "queue.arrivalRate=0.8"],
                                         to: JSONNode(.object([]), source: ""))
    guard case .object(let members) = patch.value else { Issue.record("not an object"); return }
    #expect(members.map { CalibrationOutputs.member($0, indent: "  ") }.joined()
            == "  queue: {\n    customers: 5000,\n    arrivalRate: 0.8,\n  },\n  regions: [{ name: \"East\", buyerArrivalRate: 60 }],\n")
  }
}
