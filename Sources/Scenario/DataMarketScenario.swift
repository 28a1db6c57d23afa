import Market

/// The `dataMarket` scenario kind: DOMAIN.md §4. Sections `market`, `regions`, `exchanges`,
/// `registry`, `providers`, `buyers`, `contracts`, `readiness`, `leakage`, `bundles`, `publicOperator`; every key is declared once
/// in ``DataMarketKeys`` with its default, range, unit and meaning.
public enum DataMarketScenario {
  static func decode(_ root: inout ConfigReader) throws(ScenarioError) -> DataMarketConfig {
    var c = DataMarketConfig()
    try ScenarioKeyReading.readSection(&root, "market", DataMarketKeys.market, into: &c)
    if c.warmupPeriods >= c.periods {
      let m = root.node["market"]
      throw .invalid(source: (m?["warmupPeriods"] ?? m ?? root.node).source, path: "$.market.warmupPeriods",
                     expected: "fewer warm-up periods than market.periods (\(c.periods)): the summary needs a measured period",
                     found: String(c.warmupPeriods))
    }
    try readRegions(&root, into: &c)
    try readExchanges(&root, into: &c)
    try ScenarioKeyReading.readSection(&root, "registry", DataMarketKeys.registry, into: &c)
    try ScenarioKeyReading.readSection(&root, "providers", DataMarketKeys.providers, into: &c) { (p, c) throws(ScenarioError) in
      try atLeast(c.providers.fixedCostMean, c.providers.fixedCostMedian, p, "fixedCostMean", "providers.fixedCostMedian")
    }
    try ScenarioKeyReading.readSection(&root, "buyers", DataMarketKeys.buyers, into: &c) { (b, c) throws(ScenarioError) in
      try atLeast(c.buyers.valueMean, c.buyers.valueMedian, b, "valueMean", "buyers.valueMedian")
      try readSegments(&b, into: &c)
    }
    try ScenarioKeyReading.readSection(&root, "contracts", DataMarketKeys.contracts, into: &c) { (k, c) throws(ScenarioError) in
      try readAllowedContracts(&k, into: &c)
    }
    try ScenarioKeyReading.readSection(&root, "readiness", DataMarketKeys.readiness, into: &c) { (r, c) throws(ScenarioError) in
      try atLeast(c.readiness.highInvestment, c.readiness.lowInvestment, r, "highInvestment", "readiness.lowInvestment")
    }
    try ScenarioKeyReading.readSection(&root, "leakage", DataMarketKeys.leakage, into: &c)
    try ScenarioKeyReading.readSection(&root, "bundles", DataMarketKeys.bundles, into: &c)
    let regionNames = c.regions.map(\.name)
    try ScenarioKeyReading.readSection(&root, "publicOperator", DataMarketKeys.publicOperator, into: &c) { (o, c) throws(ScenarioError) in
      if let rn = o.raw("region") {
        c.publicOperator.region = regionNames.firstIndex(of: try ConfigReader.string(rn, path: o.path("region"), allowed: regionNames))!
      }
    }
    try checkPublicOperatorVenue(c, root.node)
    return c
  }

  /// The public operator lists its products only at an exchange of its own region (M8): one
  /// without such an exchange would pay its costs and sell nothing, so it is an error, not a
  /// silent zero.
  static func checkPublicOperatorVenue(_ c: DataMarketConfig, _ root: JSONNode) throws(ScenarioError) {
    let o = c.publicOperator
    guard o.enabled, o.products > 0, !c.exchanges.contains(where: { $0.region == o.region }) else { return }
    let section = root["publicOperator"]
    throw .invalid(source: (section?["region"] ?? section ?? root["exchanges"] ?? root).source, path: "$.publicOperator.region",
                   expected: "a region with an exchange (the operator lists its products only at an exchange of its own region): "
                     + "add one to exchanges.list, move the operator, or set publicOperator.enabled to false",
                   found: "\"\(c.regions[o.region].name)\", which has no exchange")
  }

  static func atLeast(_ value: Double, _ floor: Double, _ r: ConfigReader, _ key: String, _ other: String) throws(ScenarioError) {
    guard value < floor else { return }
    // named by whichever of the two was written (an override of the other one is the culprit)
    let otherKey = String(other.split(separator: ".").last ?? Substring(other))
    throw .invalid(source: (r.node[key] ?? r.node[otherKey] ?? r.node).source, path: r.path(key), expected: "a number ≥ \(other) (\(floor))",
                   found: ScenarioKeyText.number(value))
  }

  static func readRegions(_ root: inout ConfigReader, into c: inout DataMarketConfig) throws(ScenarioError) {
    guard let regions = try root.array("regions") else { return }
    guard !regions.isEmpty else { throw .invalid(source: root.node.source, path: "$.regions", expected: "at least one region", found: "an empty array") }
    c.regions = []
    for (i, n) in regions.enumerated() {
      var r = try ConfigReader(n, path: "$.regions[\(i)]")
      let name = try r.string("name", default: "R\(i)")
      try checkName(name, kind: "region", used: c.regions.map(\.name), node: n, path: r.path("name"))
      var region = newRegion(name)
      try ScenarioKeyReading.read(&r, DataMarketKeys.region, into: &region)
      try r.finish()
      c.regions.append(region)
    }
  }

  static func readExchanges(_ root: inout ConfigReader, into c: inout DataMarketConfig) throws(ScenarioError) {
    let regionNames = c.regions.map(\.name)
    var ex = try root.object("exchanges")
    var defaults = DataMarketConfig.Exchange(name: "", region: 0)
    var d = try ex.object("defaults")
    try ScenarioKeyReading.read(&d, DataMarketKeys.exchange, into: &defaults)
    try d.finish()
    if let list = try ex.array("list") {
      c.exchanges = []
      for (i, n) in list.enumerated() {
        var r = try ConfigReader(n, path: "$.exchanges.list[\(i)]")
        var e = defaults
        e.name = try r.string("name", default: "X\(i)")
        try checkName(e.name, kind: "exchange", used: c.exchanges.map(\.name), node: n, path: r.path("name"))
        guard let regionNode = r.raw("region") else {
          throw .missing(source: n.source, path: r.path("region"), expected: "the name of one of the regions")
        }
        e.region = regionNames.firstIndex(of: try ConfigReader.string(regionNode, path: r.path("region"), allowed: regionNames))!
        try ScenarioKeyReading.read(&r, DataMarketKeys.exchange, into: &e)
        try r.finish()
        c.exchanges.append(e)
      }
    } else {
      c.exchanges = c.regions.indices.map { i in
        var e = defaults
        e.name = i < 4 && c.regions.count == 4 ? ["SDE", "SZDEX", "BJDEX", "GBDEX"][i] : "X\(i)"
        e.region = i
        return e
      }
    }
    try ex.finish()
  }

  /// A region's, exchange's or segment's name: not empty (it labels rows of the CSVs) and not one
  /// already used by another of its kind (the rows would be indistinguishable).
  static func checkName(_ name: String, kind: String, used: [String], node: JSONNode, path: String) throws(ScenarioError) {
    if name.allSatisfy(\.isWhitespace) {
      throw .invalid(source: node.source, path: path, expected: "a non-empty \(kind) name", found: "\"\(name)\"")
    }
    if used.contains(name) {
      let article = "aeiou".contains(kind.first ?? "x") ? "an" : "a"
      throw .invalid(source: node.source, path: path, expected: "\(article) \(kind) name not used before", found: "\"\(name)\"")
    }
  }

  static func readSegments(_ b: inout ConfigReader, into c: inout DataMarketConfig) throws(ScenarioError) {
    guard let segments = try b.array("segments") else { return }
    guard !segments.isEmpty else {
      throw .invalid(source: b.node.source, path: "$.buyers.segments", expected: "at least one segment", found: "an empty array")
    }
    c.buyers.segments = []
    for (i, n) in segments.enumerated() {
      var s = try ConfigReader(n, path: "$.buyers.segments[\(i)]")
      let name = try s.string("name", default: "segment\(i)")
      try checkName(name, kind: "segment", used: c.buyers.segments.map(\.name), node: n, path: s.path("name"))
      var segment = newSegment(name)
      try ScenarioKeyReading.read(&s, DataMarketKeys.segment, into: &segment)
      try s.finish()
      c.buyers.segments.append(segment)
    }
    if c.buyers.segments.reduce(0, { $0 + $1.share }) <= 0 {
      throw .invalid(source: b.node.source, path: "$.buyers.segments", expected: "shares with a positive sum", found: "all zero")
    }
  }

  /// The arrays a data-market scenario may leave to their defaults, as the JSON a file could have
  /// written — `regions`, `buyers.segments` and `exchanges.list` (one exchange per region, named
  /// and placed as ``readExchanges(_:into:)`` makes them, the rest from `exchanges.defaults`) — so
  /// that `--set regions[1].buyerArrivalRate=9` can index them. Decoding a rendering gives the
  /// default configuration (tested). Nil for any other path.
  static func defaultArray(at path: String, in root: JSONNode) -> JSONNode? {
    let source = "the default \(path)"
    func number(_ x: Double) -> JSONNode { JSONNode(.number(x, text: "\(x)"), source: source) }
    func object(_ members: [(String, JSONNode)]) -> JSONNode {
      JSONNode(.object(members.map { JSONNode.Member(key: $0.0, value: $0.1) }), source: source)
    }
    func text(_ s: String) -> JSONNode { JSONNode(.string(s), source: source) }
    let d = DataMarketConfig()
    switch path {
    case "regions":
      return JSONNode(.array(d.regions.map { r in
        object([("name", text(r.name)), ("buyerArrivalRate", number(r.buyerArrivalRate)), ("providerArrivalRate", number(r.providerArrivalRate)),
                ("annotationBase", JSONNode(.bool(r.annotationBase), source: source))])
      }), source: source)
    case "buyers.segments":
      return JSONNode(.array(d.buyers.segments.map { g in
        object([("name", text(g.name)), ("share", number(g.share)), ("readinessWeight", number(g.readinessWeight)),
                ("publicPurpose", JSONNode(.bool(g.publicPurpose), source: source)), ("ai", JSONNode(.bool(g.ai), source: source))])
      }), source: source)
    case "exchanges.list":
      // the regions as the scenario has them (written, or the defaults)
      var names = d.regions.map(\.name)
      if case .array(let written)? = root["regions"]?.value {
        names = written.enumerated().map { i, n in if case .string(let s)? = n["name"]?.value { return s }; return "R\(i)" }
      }
      return JSONNode(.array(names.enumerated().map { i, region in
        object([("name", text(i < 4 && names.count == 4 ? ["SDE", "SZDEX", "BJDEX", "GBDEX"][i] : "X\(i)")), ("region", text(region))])
      }), source: source)
    default:
      return nil
    }
  }

  /// What a `regions[]` entry holds before its keys are read (its keys' defaults).
  static func newRegion(_ name: String) -> DataMarketConfig.Region {
    DataMarketConfig.Region(name: name, buyerArrivalRate: 5, providerArrivalRate: 0.1, annotationBase: false)
  }

  /// What a `buyers.segments[]` entry holds before its keys are read.
  static func newSegment(_ name: String) -> DataMarketConfig.Segment {
    DataMarketConfig.Segment(name: name, share: 1, readinessWeight: 0.3, publicPurpose: false)
  }

  static func readAllowedContracts(_ k: inout ConfigReader, into c: inout DataMarketConfig) throws(ScenarioError) {
    guard let allowed = try k.array("allowed") else { return }
    c.contracts.allowed = []
    for (i, n) in allowed.enumerated() {
      let t = try ConfigReader.string(n, path: "$.contracts.allowed[\(i)]", allowed: ContractType.allCases.map(\.rawValue))
      let type = ContractType(rawValue: t)!
      if c.contracts.allowed.contains(type) {
        throw .invalid(source: n.source, path: "$.contracts.allowed[\(i)]", expected: "each contract type once (the menu's order breaks ties)",
                       found: "\"\(t)\" again")
      }
      c.contracts.allowed.append(type)
    }
    if c.contracts.allowed.isEmpty {
      throw .invalid(source: k.node.source, path: "$.contracts.allowed", expected: "at least one contract type", found: "an empty array")
    }
  }
}
