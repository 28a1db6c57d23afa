import Foundation
import Testing
@testable import Scenario
import Market

/// The key declarations are the ones decoding uses, and the README's reference is theirs.
@Suite struct ScenarioKeyTests {
  /// Every declared scalar key is one the decoder reads: a wrong-typed value is a type error at
  /// that path, never "unknown key".
  @Test(arguments: Scenario.kinds)
  func everyDeclaredKeyIsDecoded(kind: String) throws {
    let base: String
    switch kind {
    case "doubleAuction": base = "{ kind: \"doubleAuction\", market: { buyers: [[150]], sellers: [[10]] } }"
    default: base = "{ kind: \"\(kind)\" }"
    }
    let path = NSTemporaryDirectory() + "datamarket-keys-\(ProcessInfo.processInfo.processIdentifier)-\(kind).json"
    try base.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let rows = try #require(ModelKeys.rows(kind: kind))
    var checked = 0
    for r in rows where ["number", "integer", "boolean"].contains(r.type) && !r.path.contains("[]") && r.path.contains(".") {
      let value = r.type == "boolean" ? "\"yes\"" : "\"x\""
      do {
        _ = try Scenario.load(file: path, overrides: ["\(r.path)=\(value)"])
        Issue.record("\(r.path) accepted \(value)")
      } catch {
        #expect(!error.description.contains("unknown key"), "\(r.path): \(error.description)")
        #expect(error.description.contains("$.\(r.path)"), "\(r.path): \(error.description)")
      }
      checked += 1
    }
    #expect(checked >= 5)
  }

  /// The README's scenario reference is `datamarket keys KIND --markdown`, table for table.
  @Test(arguments: Scenario.kinds)
  func theReadmeReferenceIsTheDeclaredKeys(kind: String) throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    let table = ModelKeys.markdown(try #require(ModelKeys.rows(kind: kind)))
    let found = readme.contains(table)
    #expect(found, "README.md lacks the current `datamarket keys \(kind) --markdown` table")
  }

  @Test func aFileWithoutKindNamesTheKinds() throws {
    let path = NSTemporaryDirectory() + "datamarket-nokind-\(ProcessInfo.processInfo.processIdentifier).json"
    try "{ queue: {} }".write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(throws: ScenarioError.self) { try Scenario.load(file: path) }
    do { _ = try Scenario.load(file: path) } catch {
      #expect(error.description == "\(path): $.kind: expected the model to run: one of \"mm1\", \"doubleAuction\", \"dataMarket\", found nothing")
    }
  }
}

/// The README's column reference is `datamarket columns … --markdown`.
@Suite struct DataMarketColumnReferenceTests {
  @Test func theReadmeColumnReferenceIsTheColumnTables() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    let summary = readme.contains(DataMarketColumns.markdown(DataMarketColumns.summary))
    let periods = readme.contains(DataMarketColumns.markdown(DataMarketColumns.periods))
    #expect(summary, "README.md lacks `datamarket columns summary --markdown`")
    #expect(periods, "README.md lacks `datamarket columns periods --markdown`")
  }
}
