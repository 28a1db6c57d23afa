import Foundation
import Testing
@testable import Experiments
import Output

@Suite struct JournalTests {
  let dir: String = {
    let d = NSTemporaryDirectory() + "datamarket-journal-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
    try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
    return d
  }()

  @Test func aTornLastLineIsDroppedAndRepaired() throws {
    let path = dir + "/journal.csv"
    let a = Journal.line(run: 0, identity: "id", payload: "a,b"), b = Journal.line(run: 1, identity: "id", payload: "c,d")
    try (a + "\n" + b + "\n2,id,e,").write(toFile: path, atomically: true, encoding: .utf8)  // killed mid-write
    let read = JournalReader(path: path, identity: "id", runCount: 3)
    #expect(read.runs.keys.sorted() == [0, 1] && read.damaged.isEmpty && read.tornTail)
    let j = try Journal(path: path, identity: "id")
    try j.append(run: 2, payload: "e,f")
    j.close()
    #expect(try String(contentsOfFile: path, encoding: .utf8) == a + "\n" + b + "\n" + Journal.line(run: 2, identity: "id", payload: "e,f") + "\n")
  }

  @Test func failedRunsGoToFailuresCSVAndTheRestAggregates() throws {
    let sweepFile = dir + "/s.json"
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    try "{ base: \"\(root)/scenarios/mm1.json\", replications: 3, parameters: { \"queue.customers\": { values: [100] } } }"
      .write(toFile: sweepFile, atomically: true, encoding: .utf8)
    let spec = try SweepSpec.load(sweepFile)
    let columns = ["point", "replicate", "seed", "queue.customers", "x"]
    let lines: [Int: Substring] = [0: "0,0,\(spec.seed(replicate: 0)),100,1.0", 1: "!,\"boom, at run time\"", 2: "0,2,\(spec.seed(replicate: 2)),100,3.0"]
    try SweepAssembler.write(spec: spec, columns: columns, lines: lines, folder: dir)
    #expect(try String(contentsOfFile: dir + "/failures.csv", encoding: .utf8)
            == "point,replicate,seed,error\n0,1,\(spec.seed(replicate: 1)),\"boom, at run time\"\n")
    let agg = try String(contentsOfFile: dir + "/aggregate.csv", encoding: .utf8)
    let rows = agg.split(separator: "\n")
    #expect(rows[0] == "point,queue.customers,runs,x_n,x_mean,x_sd,x_ci95_low,x_ci95_high")
    let v = rows[1].split(separator: ",").map { Double($0)! }
    // two values 1 and 3: mean 2, sd √2, half-width t(0.975, 1) · √2/√2 = 12.7062047362
    #expect(Array(v[0..<5]) == [0, 100, 2, 2, 2])
    #expect(abs(v[5] - 2.0.squareRoot()) < 1e-15)
    #expect(abs(v[6] - (2 - 12.706204736174707)) < 1e-9 && abs(v[7] - (2 + 12.706204736174707)) < 1e-9)
  }

  @Test func editingTheBaseScenarioChangesTheSweepIdentity() throws {
    let base = dir + "/base.json", sweep = dir + "/edit.json"
    try "{ kind: \"mm1\", queue: { customers: 100 } }".write(toFile: base, atomically: true, encoding: .utf8)
    try "{ base: \"base.json\", parameters: { \"queue.arrivalRate\": { values: [0.5] } } }".write(toFile: sweep, atomically: true, encoding: .utf8)
    let before = JSONText.render(try SweepSpec.load(sweep).json)
    try "{ kind: \"mm1\", queue: { customers: 200 } }".write(toFile: base, atomically: true, encoding: .utf8)
    let after = JSONText.render(try SweepSpec.load(sweep).json)
    #expect(before != after)
  }

  @Test func replicateSeedsDependOnlyOnMasterSeedAndReplicate() throws {
    let f = dir + "/seeds.json"
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    try "{ base: \"\(root)/scenarios/mm1.json\", replications: 4, seed: 5, parameters: { \"queue.customers\": { values: [10, 20] } } }"
      .write(toFile: f, atomically: true, encoding: .utf8)
    let a = try SweepSpec.load(f)
    #expect(a.runCount == 8 && a.points.count == 2)
    #expect(Set((0..<4).map { a.seed(replicate: $0) }).count == 4)
    try "{ base: \"\(root)/scenarios/mm1.json\", replications: 2, seed: 5, parameters: { \"queue.arrivalRate\": { values: [0.1] } } }"
      .write(toFile: f, atomically: true, encoding: .utf8)
    let b = try SweepSpec.load(f)
    #expect(b.seed(replicate: 1) == a.seed(replicate: 1))
  }
}
