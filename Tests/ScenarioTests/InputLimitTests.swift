import Foundation
import Testing
@testable import Scenario

/// Issue 15: inputs that used to crash the parser, escape `results/`, blame the wrong source or
/// print a 100,000-character error.
@Suite(.serialized) struct InputLimitTests {
  let dir: String = {
    let d = NSTemporaryDirectory() + "datamarket-limit-tests-\(ProcessInfo.processInfo.processIdentifier)"
    try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
    return d
  }()

  func write(_ name: String, _ text: String) -> String {
    let path = dir + "/" + name
    try? text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  func message(_ file: String, overrides: [String] = []) -> String {
    do {
      _ = try Scenario.load(file: file, overrides: overrides)
      return "no error"
    } catch {
      return error.description
    }
  }

  let da = "{ kind: \"doubleAuction\", market: { buyers: [[150, 100], [140, 90]], sellers: [[10, 45], [20, 55]], periods: 3 } }"

  @Test func aHundredThousandNestedArraysAreRefusedNamingTheLimit() {
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    let f = write("deep.json", "{\n  a: " + deep + "\n}")
    #expect(message(f) == "\(f):2:261: expected at most 256 nested arrays and objects, found a deeper one")
    let objects = String(repeating: "{a:", count: 100_000) + "1" + String(repeating: "}", count: 100_000)
    let g = write("deep-objects.json", objects)
    #expect(message(g) == "\(g):1:769: expected at most 256 nested arrays and objects, found a deeper one")
  }

  @Test func nestingUpTo256LevelsIsAccepted() throws {
    let ok = String(repeating: "[", count: 255) + String(repeating: "]", count: 255)
    _ = try JSON5Parser.parse("{a: \(ok)}", source: "x")
  }

  @Test func deepNestingThroughSetIsRefused() {
    let f = write("da.json", da)
    let value = String(repeating: "[", count: 100_000)
    #expect(message(f, overrides: ["market.buyers=" + value])
            == "--set market.buyers=" + String(repeating: "[", count: 40) + "…:1:257: expected at most 256 nested arrays and objects, found a deeper one")
    let longPath = Array(repeating: "a", count: 100_000).joined(separator: ".") + "=1"
    #expect(message(f, overrides: [longPath]).hasSuffix(": expected a key path of at most 256 keys"))
    #expect(message(f, overrides: [longPath]).count < 200)
  }

  @Test func aHundredThousandDigitNumberGivesAShortError() {
    let digits = String(repeating: "7", count: 100_000)
    let f = write("huge.json", "{ kind: \"mm1\", queue: { customers: \(digits) } }")
    let short = String(repeating: "7", count: 40) + "…"
    #expect(message(f) == "\(f): $.queue.customers: expected an integer ≥ 1, found \(short)")
    let g = write("mm1.json", "{ kind: \"mm1\" }")
    #expect(message(g, overrides: ["queue.customers=" + digits])
            == "--set queue.customers=\(short): $.queue.customers: expected an integer ≥ 1, found \(short)")
    #expect(message(g, overrides: ["queue.customers=" + digits + "x"]).count < 300)
    let h = write("huge-bad.json", "{ kind: \"mm1\", queue: { customers: 1\(digits)x } }")
    #expect(message(h) == "\(h):1:36: expected a number, found '1\(String(repeating: "7", count: 39))…'")
  }

  @Test func namesThatWouldEscapeResultsAreRefused() {
    let rule = "a name of 1–100 letters, digits, '-', '_' or '.', not starting with '.'"
    for (name, found) in [("../..", "\"../..\""), ("", "\"\""), (".", "\".\""), ("a/b", "\"a/b\""),
                          ("x\\n", "\"x\\n\""), (String(repeating: "n", count: 101), "\"" + String(repeating: "n", count: 40) + "…\"")] {
      let f = write("name.json", "{ kind: \"mm1\", name: \"\(name)\" }")
      #expect(message(f) == "\(f): $.name: expected \(rule), found \(found)", "\(name)")
    }
    let f = write("name2.json", "{ kind: \"mm1\" }")
    #expect(message(f, overrides: ["name=../x"]) == "--set name=../x: $.name: expected \(rule), found \"../x\"")
    #expect(message(f, overrides: ["name=run-2.b_c"]) == "no error")
  }

  @Test func theDefaultNameFromTheFileIsSanitised() throws {
    let f = write("my scenario.json", "{ kind: \"mm1\" }")
    #expect(try Scenario.load(file: f).name == "my_scenario")
    let g = write(".hidden.json", "{ kind: \"mm1\" }")
    #expect(try Scenario.load(file: g).name == "_hidden")
    #expect(ScenarioName.sanitised("") == "_" && ScenarioName.sanitised("ä/b") == "__b")
  }

  @Test func setNullClearsAnInheritedKey() throws {
    let f = write("null.json", da)
    let s = try Scenario.load(file: f, overrides: ["market.periods=null"])
    guard case .doubleAuction(let c) = s.model else { Issue.record("kind"); return }
    #expect(c.periods == 6)  // the default, not the file's 3
    let r = try Scenario.load(file: f, overrides: ["market.buyers=null", "market.sellers=null", "market.random={buyers: 2, sellers: 3}"])
    guard case .doubleAuction(let d) = r.model else { Issue.record("kind"); return }
    #expect(d.buyerValues.count == 2 && d.sellerCosts.count == 3)
    #expect(message(f, overrides: ["market.perods=null"]).hasSuffix("$.market.perods: unknown key (did you mean 'periods'?)"))
  }

  @Test func errorsCausedByASetNameTheSet() {
    let f = write("attr.json", da)
    #expect(message(f, overrides: ["market.buyers=[]"]) == "--set market.buyers=[]: $.market.buyers: expected at least one trader, found an empty array")
    let g = write("attr-dm.json", "{ kind: \"dataMarket\" }")
    #expect(message(g, overrides: ["contracts.allowed=[]"])
            == "--set contracts.allowed=[]: $.contracts.allowed: expected at least one contract type, found an empty array")
    #expect(message(g, overrides: ["contracts={allowed: []}"])
            == "--set contracts={allowed: []}: $.contracts.allowed: expected at least one contract type, found an empty array")
    // a conflict with a key the file wrote still names the file
    #expect(message(f, overrides: ["market.priceMax=100"]) == "--set market.priceMax=100: $.market.buyers[0][0]: expected an integer in [1, 100], found 150"
            || message(f, overrides: ["market.priceMax=100"]).hasPrefix("\(f): $.market.buyers[0][0]: expected an integer in [1, 100]"))
  }

  @Test func aPriceMinAboveTheDefaultPriceMaxIsAnErrorNotACrash() {
    let f = write("pmin.json", da)
    #expect(message(f, overrides: ["market.priceMin=300"])
            == "--set market.priceMin=300: $.market.priceMin: expected an integer ≤ market.priceMax (200), found 300")
  }
}
