import Foundation
import Testing
@testable import Scenario

/// Each class of bad scenario input, with its exact one-line message.
@Suite(.serialized) struct ScenarioErrorTests {
  let dir: String = {
    let d = NSTemporaryDirectory() + "datamarket-scenario-tests-\(ProcessInfo.processInfo.processIdentifier)"
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

  let da = """
  {
    kind: "doubleAuction",
    market: {
      buyers: [[150, 100], [140, 90]],
      sellers: [[10, 45], [20, 55]],
    },
  }
  """

  @Test func unknownKeyWithHint() {
    let f = write("unknown.json", "{ kind: \"doubleAuction\", market: { buyers: [[10]], sellers: [[5]], perods: 3 } }")
    #expect(message(f) == "\(f): $.market.perods: unknown key (did you mean 'periods'?)")
    let g = write("unknown2.json", "{ kinds: \"mm1\" }")
    #expect(message(g) == "\(g): $.kinds: unknown key (did you mean 'kind'?)")
  }

  @Test func wrongType() {
    let f = write("type.json", "{ kind: \"mm1\", queue: { arrivalRate: \"fast\" } }")
    #expect(message(f) == "\(f): $.queue.arrivalRate: expected a number > 0, found \"fast\"")
    let g = write("type2.json", "{ kind: \"mm1\", queue: [1] }")
    #expect(message(g) == "\(g): $.queue: expected an object, found an array")
  }

  @Test func outOfRangeNamedByKey() {
    let f = write("range.json", da)
    #expect(message(f, overrides: ["market.periods=0"]) == "--set market.periods=0: $.market.periods: expected an integer in [1, 100000], found 0")
    #expect(message(f, overrides: ["seed=-3"]) == "--set seed=-3: $.seed: expected an integer in [0, 9007199254740992], found -3")
    #expect(message(f, overrides: ["market.priceMax=100", "market.buyers=[[150]]"]) == "--set market.buyers=[[150]]: $.market.buyers[0][0]: expected an integer in [1, 100], found 150")
    #expect(message(f, overrides: ["market.buyers=[[10, 20]]"]) == "--set market.buyers=[[10, 20]]: $.market.buyers[0][1]: expected a value ≤ the previous unit's 10 (units trade highest first), found 20")
  }

  @Test func missingRequiredValue() {
    let f = write("missing.json", "{ kind: \"doubleAuction\", market: { sellers: [[5]] } }")
    #expect(message(f) == "\(f): $.market.buyers: expected an array of unit values arrays (or market.random), found nothing")
  }

  @Test func enumValuesWithHint() {
    let f = write("enum.json", da)
    #expect(message(f, overrides: ["market.strategy=zi-c"]) == "--set market.strategy=zi-c: $.market.strategy: expected one of \"truthful\", \"ziu\", \"zic\", \"zip\", found \"zi-c\" (did you mean \"zic\"?)")
    #expect(message(f, overrides: ["market.strategy=zip", "market.mechanism=call"]).hasSuffix("$.market.mechanism: expected \"continuous\" when a side uses the zip strategy, found \"call\""))
  }

  @Test func extendsCycleAndMissingParent() {
    let a = write("cycle-a.json", "{ extends: \"cycle-b.json\" }")
    _ = write("cycle-b.json", "{ extends: \"cycle-a.json\" }")
    let m = message(a)
    #expect(m.contains("extends cycle: ") && m.hasSuffix("cycle-a.json"), "\(m)")
    let orphan = write("orphan.json", "{ extends: \"nowhere.json\" }")
    #expect(message(orphan) == "\(orphan): $.extends: expected a readable scenario file (no such file), found \"nowhere.json\"")
  }

  @Test func syntaxErrorWithLineAndColumn() {
    let f = write("syntax.json", "{\n  kind: \"mm1\",\n  queue: { arrivalRate: 0.5 x }\n}\n")
    #expect(message(f) == "\(f):3:29: expected ',' or '}', found 'x }'")
  }

  @Test func extendsInheritsAndOverridesDeeply() throws {
    _ = write("base.json", da)
    let child = write("child.json", "{ extends: \"base.json\", name: \"kid\", market: { periods: 3, strategy: \"ziu\" } }")
    let s = try Scenario.load(file: child, overrides: ["market.ordersPerPeriod=77"])
    guard case .doubleAuction(let c) = s.model else { Issue.record("kind"); return }
    #expect(s.name == "kid" && c.periods == 3 && c.buyerStrategy == .ziu && c.ordersPerPeriod == 77)
    #expect(c.buyerValues == [[150, 100], [140, 90]])
  }

  @Test func dataMarketBadInputNamesTheKey() {
    let f = write("dm.json", "{ kind: \"dataMarket\" }")
    #expect(message(f, overrides: ["exchanges.defaults.sellerFeeRate=1.5"])
            == "--set exchanges.defaults.sellerFeeRate=1.5: $.exchanges.defaults.sellerFeeRate: expected a number in [0, 1], found 1.5")
    #expect(message(f, overrides: ["regions=[{name: \"East\", buyerArrivalRate: -2}]"])
            == "--set regions=[{name: \"East\", buyerArrivalRate: -2}]: $.regions[0].buyerArrivalRate: expected a number in [0, 10000], found -2")
    // a conflict between two keys names the override that wrote one of them, not the first that touched the object
    #expect(message(f, overrides: ["buyers.arrivalMultiplier=0.5", "buyers.valueMedian=1000"])
            == "--set buyers.valueMedian=1000: $.buyers.valueMean: expected a number ≥ buyers.valueMedian (1000.0), found 265")
    let g = write("dm-region.json", """
    { kind: "dataMarket",
      regions: [{ name: "East" }, { name: "West" }],
      exchanges: { list: [{ name: "SDE", region: "East" }, { name: "XX", region: "Wset" }] } }
    """)
    #expect(message(g) == "\(g): $.exchanges.list[1].region: expected one of \"East\", \"West\", found \"Wset\" (did you mean \"West\"?)")
    #expect(message(f, overrides: ["contracts.allowed=[\"FIXED\", \"LEASE\"]"]).hasSuffix(
      "$.contracts.allowed[1]: expected one of \"FIXED\", \"SUBSCRIPTION\", \"USAGE\", \"REVSHARE\", \"OUTCOME\", \"OPTION\", found \"LEASE\""))
    #expect(message(f, overrides: ["registry.mode=federal"]).contains("$.registry.mode: expected one of \"off\", \"regional\", \"national\""))
    #expect(message(f, overrides: ["market.unificaton=1"]) == "\(f): $.market.unificaton: unknown key (did you mean 'unification'?)"
            || message(f, overrides: ["market.unificaton=1"]).hasSuffix("$.market.unificaton: unknown key (did you mean 'unification'?)"))
    #expect(message(f, overrides: ["publicOperator.capMultiple=Infinity"]) == "no error")
  }

  @Test func seedsUpToTwoToThe53AreAccepted() throws {
    let f = write("bigseed.json", da)
    #expect(try Scenario.load(file: f, overrides: ["seed=9002961954960609"]).seed == 9_002_961_954_960_609)
    #expect(try Scenario.load(file: f, overrides: ["seed=9007199254740992"]).seed == 9_007_199_254_740_992)
    #expect(message(f, overrides: ["seed=9007199254740994"]).hasSuffix("expected an integer in [0, 9007199254740992], found 9007199254740994"))
    // 2^53 + 1 reads as the double 2^53: the number written is refused, not silently rounded
    #expect(message(f, overrides: ["seed=9007199254740993"]).hasSuffix(
      "$.seed: expected an integer in [0, 9007199254740992] (a whole number up to 2^53, exact as a JSON number), found 9007199254740993"))
  }

  /// A quoted key with a dot is one key, not a path: the message says how to nest it.
  @Test func aDottedQuotedKeyIsExplained() {
    let f = write("dotkey.json", "{ kind: \"dataMarket\", \"market.periods\": 3 }")
    #expect(message(f) == "\(f): $.\"market.periods\": expected a key without a dot (a quoted key is one name, not a path: "
            + "nest it as market: { periods: ... }), found \"market.periods\"")
  }

  /// Region, exchange and segment names label CSV rows: each must be non-empty and used once.
  @Test func namesAreNonEmptyAndUsedOnce() {
    let g = write("dm-names.json", """
    { kind: "dataMarket", regions: [{ name: "East" }, { name: "West" }],
      exchanges: { list: [{ name: "X", region: "East" }, { name: "X", region: "West" }] } }
    """)
    #expect(message(g) == "\(g): $.exchanges.list[1].name: expected an exchange name not used before, found \"X\"")
    let h = write("dm-names2.json", """
    { kind: "dataMarket", regions: [{ name: "East" }], exchanges: { list: [{ name: " ", region: "East" }] } }
    """)
    #expect(message(h) == "\(h): $.exchanges.list[0].name: expected a non-empty exchange name, found \" \"")
    let k = write("dm-names3.json", """
    { kind: "dataMarket", buyers: { segments: [{ name: "ai", share: 1 }, { name: "ai", share: 1 }] } }
    """)
    #expect(message(k) == "\(k): $.buyers.segments[1].name: expected a segment name not used before, found \"ai\"")
    let m = write("dm-names4.json", "{ kind: \"dataMarket\", buyers: { segments: [] } }")
    #expect(message(m) == "\(m): $.buyers.segments: expected at least one segment, found an empty array")
    let r = write("dm-names5.json", "{ kind: \"dataMarket\", regions: [{ name: \"\" }] }")
    #expect(message(r) == "\(r): $.regions[0].name: expected a non-empty region name, found \"\"")
  }

  @Test func seedOptionReplacesTheFileSeed() throws {
    let f = write("seeded.json", da)
    #expect(try Scenario.load(file: f, seed: 42).seed == 42)
    #expect(try Scenario.load(file: f).seed == 1)
  }
}
