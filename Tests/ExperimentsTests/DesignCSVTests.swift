import Foundation
import Testing
@testable import Experiments
import Scenario

/// Issue 15: design values must land under their own parameter's column, whatever the order of
/// a design CSV's columns, a point that leaves a parameter out, or a repeated column.
@Suite struct DesignCSVTests {
  let dir: String = {
    let d = NSTemporaryDirectory() + "datamarket-design-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
    try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
    return d
  }()
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

  /// A sweep over queue.arrivalRate and queue.customers (in that order) with `design`.
  func spec(csv: String? = nil, design: String = "{ points: \"design.csv\" }", reference: String = "") throws(ScenarioError) -> SweepSpec {
    if let csv { try? csv.write(toFile: dir + "/design.csv", atomically: true, encoding: .utf8) }
    let file = dir + "/sweep.json"
    try? """
    { base: "\(root)/scenarios/mm1.json", design: \(design), \(reference)
      parameters: { "queue.arrivalRate": { values: [0.5] }, "queue.customers": { values: [1000] } } }
    """.write(toFile: file, atomically: true, encoding: .utf8)
    return try SweepSpec.load(file)
  }

  func error(csv: String) -> String {
    do { _ = try spec(csv: csv); return "no error" } catch { return error.description }
  }

  /// The identity columns and parameters of run `index`'s runs.csv row.
  func rowStart(_ s: SweepSpec, run index: Int) throws -> String {
    let base = try ScenarioLoader.load(s.baseFile)
    let (line, _, failed) = try SweepRunner.execute(spec: s, base: base, run: index, folder: dir)
    #expect(!failed, "\(line)")
    return line.split(separator: ",", omittingEmptySubsequences: false).prefix(5).joined(separator: ",")
  }

  @Test func columnsInAnotherOrderAreMappedByName() throws {
    let s = try spec(csv: "queue.customers,queue.arrivalRate\r\n1000,0.3\r\n2000,0.6\r\n")
    #expect(s.points.count == 2)
    let seed = s.seed(replicate: 0)
    #expect(try rowStart(s, run: 0) == "0,0,\(seed),0.3,1000")
    #expect(try rowStart(s, run: 1) == "1,0,\(seed),0.6,2000")
    #expect(s.overrides(point: 1) == ["queue.arrivalRate=0.6", "queue.customers=2000.0"])
  }

  @Test func aPointLeavingAParameterOutHasAnEmptyCellInItsColumn() throws {
    let s = try spec(design: "{ points: [{ \"queue.customers\": 2000 }, { \"queue.arrivalRate\": 0.7 }] }")
    let seed = s.seed(replicate: 0)
    #expect(try rowStart(s, run: 0) == "0,0,\(seed),,2000")
    #expect(try rowStart(s, run: 1) == "1,0,\(seed),0.7,")
  }

  @Test func aReferenceWrittenInAnotherOrderIsMappedByName() throws {
    let s = try spec(design: "\"grid\"", reference: "reference: { \"queue.customers\": 3000, \"queue.arrivalRate\": 0.2 },")
    #expect(try rowStart(s, run: 0) == "0,0,\(s.seed(replicate: 0)),0.2,3000")
  }

  @Test func unknownRepeatedAndMissingColumnsAreErrors() {
    let f = dir + "/design.csv"
    #expect(error(csv: "queue.arrivalRate,queue.custmers\n0.3,1000\n")
            == "\(f): line 1, column 2: expected one of the sweep's parameters, found \"queue.custmers\" (did you mean \"queue.customers\"?)")
    #expect(error(csv: "queue.arrivalRate,queue.customers,queue.arrivalRate\n0.3,1000,0.4\n")
            == "\(f): line 1, column 3: expected each parameter once, found \"queue.arrivalRate\" again (also column 1)")
    #expect(error(csv: "queue.customers\n1000\n")
            == "\(f): line 1, column 2: expected a column \"queue.arrivalRate\" (every parameter needs one), found nothing")
  }

  @Test func shortRowsAndEmptyCellsAreErrors() {
    let f = dir + "/design.csv"
    #expect(error(csv: "queue.arrivalRate,queue.customers\n0.3,1000\n0.4\n") == "\(f): line 3: expected 2 values (one per column), found 1")
    #expect(error(csv: "queue.arrivalRate,queue.customers\n0.3, \n")
            == "\(f): line 2, column 2 (\"queue.customers\"): expected a value, found nothing")
    #expect(error(csv: "") == "\(f): line 1: expected a header of parameter key paths, found an empty line")
  }
}
