import Foundation
import Testing
@testable import Experiments
import Output
import Scenario

/// Issue 13 item 4: parameters taken from a design's own keys, a reference that equals a design
/// point, `--set` on the base, the tidy aggregate's columns, and which changes extend a sweep.
@Suite struct SweepResolutionTests {
  let dir: String = {
    let d = NSTemporaryDirectory() + "datamarket-resolution-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
    try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
    return d
  }()
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

  /// Loads a sweep over mm1.json whose other members are `body`.
  func load(_ body: String, csv: String? = nil, set: [String] = []) throws(ScenarioError) -> SweepSpec {
    if let csv { try? csv.write(toFile: dir + "/d.csv", atomically: true, encoding: .utf8) }
    let file = dir + "/s.json"
    try? "{ base: \"\(root)/scenarios/mm1.json\", \(body) }".write(toFile: file, atomically: true, encoding: .utf8)
    return try SweepSpec.load(file, baseOverrides: set)
  }

  func error(_ body: String, csv: String? = nil, set: [String] = []) -> String {
    do { _ = try load(body, csv: csv, set: set); return "no error" } catch { return error.description }
  }

  @Test func aCSVHeaderGivesTheParametersInItsOrder() throws {
    let s = try load("design: { points: \"d.csv\" }", csv: "queue.customers,queue.arrivalRate\n1000,0.3\n2000,0.6\n")
    #expect(s.parameters == ["queue.customers", "queue.arrivalRate"])
    #expect(s.overrides(point: 1) == ["queue.customers=2000.0", "queue.arrivalRate=0.6"])
  }

  @Test func inlinePointsGiveTheParametersInOrderOfFirstUse() throws {
    let s = try load("design: { points: [{ \"queue.customers\": 1000 }, { \"queue.arrivalRate\": 0.3, \"queue.customers\": 2000 }] }")
    #expect(s.parameters == ["queue.customers", "queue.arrivalRate"])
    #expect(error("design: { points: [{ \"queue.custmers\": 1000 }] }")
            == "\(dir)/s.json: $.design.points: key \"queue.custmers\": unknown key (did you mean 'queue.customers'?)")
  }

  @Test func anUnknownHeaderColumnIsNamedWithTheNearestKey() {
    #expect(error("design: { points: \"d.csv\" }", csv: "queue.arrivalRate,queue.custmers\n0.3,1000\n")
            == "\(dir)/d.csv: line 1, column 2 (\"queue.custmers\"): unknown key (did you mean 'queue.customers'?)")
  }

  /// A declared parameter that is no scenario key is named where the sweep declares it, with the
  /// nearest key, whatever the design (not as a failed `--set` of design point 0).
  @Test func anUnknownDeclaredParameterIsNamedWithTheNearestKey() {
    #expect(error("design: { latinHypercube: { samples: 4 } }, parameters: { \"queue.arivalRate\": { from: 0.1, to: 0.5 } }")
            == "\(dir)/s.json: $.parameters.\"queue.arivalRate\": unknown key (did you mean 'queue.arrivalRate'?)")
    #expect(error("design: \"grid\", parameters: { \"x.y\": { values: [1, 2] } }") == "\(dir)/s.json: $.parameters.\"x.y\": unknown key")
  }

  /// A design point's invalid value is named as the sweep's parameter, not as a `--set`.
  @Test func anInvalidPointNamesItsParameter() {
    #expect(error("design: \"grid\", parameters: { \"queue.arrivalRate\": { values: [0.5, -1] } }")
            == "\(dir)/s.json: design point 1 (queue.arrivalRate=-1.0): expected a valid scenario, found parameter "
             + "queue.arrivalRate=-1.0: $.queue.arrivalRate: expected a number > 0, found -1.0")
  }

  @Test func aReferenceEqualToADesignPointIsThatPoint() throws {
    let grid = "parameters: { \"queue.arrivalRate\": { values: [0.3, 0.6] }, \"queue.customers\": { values: [1000] } }"
    let same = try load(grid + ", reference: { \"queue.customers\": 1000, \"queue.arrivalRate\": 0.6 }")
    #expect(same.points.count == 2 && same.hasReference && same.referencePoint == 1)
    let other = try load(grid + ", reference: { \"queue.customers\": 1000, \"queue.arrivalRate\": 0.9 }")
    #expect(other.points.count == 3 && other.referencePoint == 0)
    // the base's own value: the same scenario once resolved
    let base = try load("parameters: { \"queue.arrivalRate\": { values: [0.9, 0.6] } }, reference: {}")
    #expect(base.points.count == 2 && base.referencePoint == 0)
  }

  @Test func setChangesTheBaseAndIsPartOfTheIdentity() throws {
    let body = "parameters: { \"queue.arrivalRate\": { values: [0.3] } }"
    let plain = try load(body), set = try load(body, set: ["queue.serviceRate=2"])
    #expect(try set.loadBase()["queue"]?["serviceRate"]?.canonicalText == "2.0")
    #expect(plain.identity != set.identity)
    #expect(error(body, set: ["queue.arrivalRate=0.1"]).contains("queue.arrivalRate is a parameter of the sweep"))
    #expect(error(body, set: ["queue.serviceRate=-1"]).contains("$.queue.serviceRate: expected a number > 0"))
  }

  /// Specs no point could honour are refused before anything runs: `seed` as a parameter, a
  /// key inside another parameter's object, values beside from/to, no points, and a `--set`
  /// object holding a parameter.
  @Test func parametersNoPointCouldSetAreRefused() throws {
    #expect(error("parameters: { seed: { values: [1, 2] } }")
            == "\(dir)/s.json: $.parameters.\"seed\": expected a scenario key other than seed (each run's seed derives from the "
               + "sweep's seed and its replicate: set the sweep's seed, or more replications), found seed")
    #expect(error("design: { points: [{ seed: 3 }] }").contains("$.design.points (key \"seed\"): expected a scenario key other than seed"))
    #expect(error("parameters: { queue: { values: [{ customers: 10 }] }, \"queue.customers\": { values: [20] } }")
            == "\(dir)/s.json: $.parameters.\"queue.customers\": expected a key outside every other parameter's object, found a key inside \"queue\"")
    #expect(error("parameters: { \"queue.customers\": { from: 1, to: 2, steps: 5, values: [3] } }")
            == "\(dir)/s.json: $.parameters.\"queue.customers\".from: expected either values: [...] or from/to/steps, not both, found both")
    #expect(error("parameters: { \"queue.customers\": { from: 1000, to: 1002, steps: 5, integer: true } }")
            == "\(dir)/s.json: $.parameters.\"queue.customers\".steps: expected at most 3 steps (the integers from 1000.0 to 1002.0), found 5")
    #expect(try load("parameters: { \"queue.customers\": { from: 1000, to: 1002, steps: 3, integer: true } }").points.count == 3)
    #expect(error("design: { points: [] }") == "\(dir)/s.json: $.design.points: expected at least one point, found an empty array")
    #expect(error("design: { points: \"d.csv\" }", csv: "queue.customers\n")
            == "\(dir)/d.csv: line 2: expected at least one design point (a row of values below the header), found nothing")
    let body = "parameters: { \"queue.arrivalRate\": { values: [0.3] } }"
    #expect(error(body, set: ["queue={ arrivalRate: 0.1 }"]).contains("queue overlaps queue.arrivalRate, a parameter of the sweep"))
  }

  /// A Sobol or Morris design takes no reference (its points are the estimators' layout), and a
  /// sweep's --set cannot set the seed (each run's comes from the sweep's): both refused up front.
  @Test func aSensitivityReferenceAndABaseSeedAreRefused() {
    let sobol = "design: { sobol: { samples: 4 } }, parameters: { \"queue.arrivalRate\": { from: 0.3, to: 0.6 }, "
      + "\"queue.serviceRate\": { from: 1, to: 2 } }"
    #expect(error(sobol + ", reference: { \"queue.arrivalRate\": 0.4 }").hasPrefix("\(dir)/s.json: $.reference: expected no reference with a sobol design"))
    #expect(error(sobol) == "no error")
    #expect(error("parameters: { \"queue.arrivalRate\": { values: [0.3, 0.5] } }, reference: { \"queue.customers\": 100 }")
            == "\(dir)/s.json: $.reference.\"queue.customers\": expected one of the sweep's parameters (queue.arrivalRate): the base "
             + "sets every other key, found \"queue.customers\"")
    #expect(error("parameters: { \"queue.arrivalRate\": { values: [0.3] } }", set: ["seed=5"])
            .hasPrefix("--set seed=5: a sweep's runs take their seeds from the sweep's seed and their replicate"))
  }

  @Test func theVersionIsRecordedButNotPartOfTheIdentity() throws {
    var s = try load("parameters: { \"queue.arrivalRate\": { values: [0.3] } }")
    let identity = s.identity
    s.toolVersion = "9.9.9"; s.versionChanges = ["1 → 9.9.9"]
    #expect(s.identity == identity)
    #expect(JSONText.render(s.json).contains("\"version\": \"9.9.9\""))
  }

  /// The same sweep file named two ways (`s.json`, `./s.json`, an absolute path) is one sweep:
  /// its identity is what is run, so a resume or a shard typed differently is not refused.
  @Test func thePathAsTypedIsNotPartOfTheIdentity() throws {
    let s = try load("parameters: { \"queue.arrivalRate\": { values: [0.3] } }")
    let again = try SweepSpec.load(dir + "/./s.json")
    #expect(again.file != s.file && again.identity == s.identity)
    // and sweep.json records the files absolute, so shards typed either way record the same text
    #expect(JSONText.render(again.json) == JSONText.render(s.json) && JSONText.render(s.json).contains("\"sweep\": \"\(dir)/s.json\""))
  }

  @Test func theTidyAggregateColumns() throws {
    let s = try load("parameters: { \"queue.arrivalRate\": { values: [0.3] } }")
    #expect(SweepAssembler.longColumns(spec: s) == ["point", "queue.arrivalRate", "metric", "n", "mean", "sd", "ci95_low", "ci95_high"])
  }

  /// The point mapping of folder `o` holding `old`'s sweep.json for the sweep `new`.
  func mapping(old: SweepSpec, new: SweepSpec) throws(SweepError) -> [Int] {
    let node = try? JSON5Parser.parse(JSONText.file(old.json), source: "sweep.json")
    return try SweepContinuation(spec: new, folder: dir + "/o", allowVersionChange: false).pointMapping(node!)
  }

  @Test func onlyMoreReplicationsOrPointsExtendASweep() throws {
    func grid(_ values: String, replications: Int = 2, seed: Int = 1) -> String {
      "replications: \(replications), seed: \(seed), parameters: { \"queue.arrivalRate\": { values: \(values) } }"
    }
    let old = try load(grid("[0.3, 0.6]"))
    #expect(try mapping(old: old, new: try load(grid("[0.3, 0.45, 0.6]", replications: 5))) == [0, 2])
    #expect(try mapping(old: old, new: try load(grid("[0.6, 0.3]"))) == [1, 0])
    func refusal(_ new: SweepSpec) -> String {
      do { _ = try mapping(old: old, new: new); return "no error" } catch { return error.description }
    }
    #expect(refusal(try load(grid("[0.3, 0.6]", seed: 2))).contains("but its master seed changed"))
    #expect(refusal(try load(grid("[0.3, 0.6]", replications: 1))).contains("but replications went down (2 → 1)"))
    #expect(refusal(try load(grid("[0.3]"))).contains("but point 1 (queue.arrivalRate=0.6) is not in the new design"))
    #expect(refusal(try load(grid("[0.3, 0.6]"), set: ["queue.serviceRate=2"])).contains("but its --set overrides changed"))
  }

  @Test func anExtensionInterruptedAfterItsJournalWasRewrittenCompletes() throws {
    func grid(_ values: String, replications: Int) throws(ScenarioError) -> SweepSpec {
      var s = try load("replications: \(replications), parameters: { \"queue.arrivalRate\": { values: \(values) }, \"queue.customers\": { values: [3000] } }")
      s.toolVersion = "1"
      return s
    }
    let old = try grid("[0.3, 0.6]", replications: 2)
    let folder = dir + "/o"
    #expect(try SweepRunner(spec: old, folder: folder, jobs: 2).run() == 4)
    // the journal rewritten for the larger design, then a crash before the folder was re-marked
    let new = try grid("[0.3, 0.45, 0.6]", replications: 3)
    let continuation = SweepContinuation(spec: new, folder: folder, allowVersionChange: false)
    let oldNode = try JSON5Parser.parse(JSONText.file(old.json), source: "sweep.json")
    try continuation.migrateJournal(oldIdentity: old.identity, mapping: try continuation.pointMapping(oldNode), oldReplications: 2) { _ in }
    #expect(try SweepRunner(spec: new, folder: folder, jobs: 2).run() == 5)
    #expect(try SweepRunner(spec: new, folder: dir + "/fresh", jobs: 2).run() == 9)
    for f in ["runs.csv", "aggregate_long.csv", "sweep.json"] {
      #expect(FileManager.default.contents(atPath: folder + "/" + f) == FileManager.default.contents(atPath: dir + "/fresh/" + f), "\(f)")
    }
  }
}
