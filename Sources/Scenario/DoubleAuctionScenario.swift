import Market
import Simulation

/// The `doubleAuction` scenario kind: the induced-value double auction (`market` object).
/// Every key, unit, default and range is listed in the README's scenario reference.
public enum DoubleAuctionScenario {
  /// The most unit values `market.random` may draw ((buyers + sellers) × units): they are drawn
  /// when the file loads, before any work estimate, and take 8 bytes each several times over.
  public static let maxRandomScheduleValues = 100_000_000

  static func decode(_ root: inout ConfigReader, seed: UInt64) throws(ScenarioError) -> DoubleAuctionConfig {
    var m = try root.object("market")
    // One book's resting prices may span at most MatchingEngine.maximumSpan ticks.
    let priceMin = Int64(try m.integer("priceMin", default: 1, 1...1_000_000_000))
    let priceMax = Int64(try m.integer("priceMax", default: 200, Int(priceMin)...Int(priceMin) + 10_000_000))
    if priceMax < priceMin, let n = m.node["priceMin"] {  // only when priceMax takes its default
      throw .invalid(source: n.source, path: m.path("priceMin"), expected: "an integer ≤ market.priceMax (\(priceMax))", found: n.foundDescription)
    }
    let periods = try m.integer("periods", default: 6, 1...100_000)
    let mechanism = DoubleAuctionConfig.Mechanism(rawValue: try m.string("mechanism", default: "continuous",
                                                                          allowed: DoubleAuctionConfig.Mechanism.allCases.map(\.rawValue)))!
    let strategies = DoubleAuctionConfig.Strategy.allCases.map(\.rawValue)
    let both = try m.string("strategy", default: "zic", allowed: strategies)
    let buyerStrategy = DoubleAuctionConfig.Strategy(rawValue: try m.string("buyerStrategy", default: both, allowed: strategies))!
    let sellerStrategy = DoubleAuctionConfig.Strategy(rawValue: try m.string("sellerStrategy", default: both, allowed: strategies))!
    let book = DoubleAuctionConfig.BookRule(rawValue: try m.string("book", default: "bestQuotes",
                                                                    allowed: DoubleAuctionConfig.BookRule.allCases.map(\.rawValue)))!
    let ordersPerPeriod = try m.integer("ordersPerPeriod", default: 1_000, 1...100_000_000)
    let callRounds = try m.integer("callRoundsPerPeriod", default: 10, 1...1_000_000)
    if (buyerStrategy == .zip || sellerStrategy == .zip) && mechanism != .continuous {
      let n = m.node["mechanism"] ?? m.node
      throw .invalid(source: n.source, path: m.path("mechanism"), expected: "\"continuous\" when a side uses the zip strategy",
                     found: n.foundDescription)
    }
    var zip = DoubleAuctionConfig.ZIPParameters()
    var z = try m.object("zip")
    zip.learningRate = try range(&z, "learningRate", default: zip.learningRate, .unitInterval)
    zip.momentum = try range(&z, "momentum", default: zip.momentum, .unitInterval)
    zip.initialMargin = try range(&z, "initialMargin", default: zip.initialMargin, .unitInterval)
    try z.finish()

    var buyerValues: [[Int64]], sellerCosts: [[Int64]]
    if m.node["random"] != nil {
      var r = try m.object("random")
      let buyers = try r.integer("buyers", default: 10, 1...1_000_000)
      let sellers = try r.integer("sellers", default: 10, 1...1_000_000)
      let units = try r.integer("units", default: 1, 1...10_000)
      let low = try r.integer("valueLow", default: Int(priceMin), Int(priceMin)...Int(priceMax))
      let high = try r.integer("valueHigh", default: Int(priceMax), low...Int(priceMax))
      if (buyers + sellers) * units > maxRandomScheduleValues, let n = r.node["units"] ?? r.node["buyers"] ?? r.node["sellers"] {
        throw .invalid(source: n.source, path: r.path(r.node["units"] != nil ? "units" : r.node["buyers"] != nil ? "buyers" : "sellers"),
                       expected: "(buyers + sellers) × units ≤ \(maxRandomScheduleValues) (the schedules are drawn when the file loads)",
                       found: "(\(buyers) + \(sellers)) × \(units) = \(WorkLimits.count(Double((buyers + sellers) * units)))")
      }
      try r.finish()
      var rng = RandomStreams(masterSeed: seed).stream("schedules")
      let draw = UniformIntegerDistribution(low: Int64(low), high: Int64(high))
      buyerValues = (0..<buyers).map { _ in (0..<units).map { _ in draw.sample(using: &rng) }.sorted(by: >) }
      sellerCosts = (0..<sellers).map { _ in (0..<units).map { _ in draw.sample(using: &rng) }.sorted() }
      if m.node["buyers"] != nil || m.node["sellers"] != nil {
        let n = m.node["buyers"] ?? m.node["sellers"]!
        throw .invalid(source: n.source, path: m.path(m.node["buyers"] != nil ? "buyers" : "sellers"),
                       expected: "either explicit buyers and sellers or random, not both", found: n.foundDescription)
      }
    } else {
      buyerValues = try schedule(&m, "buyers", decreasing: true, priceMin: priceMin, priceMax: priceMax)
      sellerCosts = try schedule(&m, "sellers", decreasing: false, priceMin: priceMin, priceMax: priceMax)
    }
    try m.finish()
    return DoubleAuctionConfig(buyerValues: buyerValues, sellerCosts: sellerCosts, periods: periods, mechanism: mechanism,
                               buyerStrategy: buyerStrategy, sellerStrategy: sellerStrategy, book: book,
                               ordersPerPeriod: ordersPerPeriod, callRoundsPerPeriod: callRounds, priceMin: priceMin,
                               priceMax: priceMax, zip: zip)
  }

  /// `[[v, v, …], …]`: one array of unit values (or costs) per trader, in trading order.
  static func schedule(_ m: inout ConfigReader, _ key: String, decreasing: Bool, priceMin: Int64, priceMax: Int64) throws(ScenarioError) -> [[Int64]] {
    let what = decreasing ? "unit values" : "unit costs"
    guard let traders = try m.array(key) else {
      throw .missing(source: m.node.source, path: m.path(key), expected: "an array of \(what) arrays (or market.random)")
    }
    if traders.isEmpty {
      throw .invalid(source: m.node.source, path: m.path(key), expected: "at least one trader", found: "an empty array")
    }
    var out: [[Int64]] = []
    for (i, t) in traders.enumerated() {
      let path = m.path(key) + "[\(i)]"
      guard case .array(let units) = t.value, !units.isEmpty else {
        throw .invalid(source: t.source, path: path, expected: "a non-empty array of \(what)", found: t.foundDescription)
      }
      var row: [Int64] = []
      for (j, u) in units.enumerated() {
        let v = Int64(try ConfigReader.integer(u, path: path + "[\(j)]", Int(priceMin)...Int(priceMax)))
        if let last = row.last, decreasing ? v > last : v < last {
          throw .invalid(source: u.source, path: path + "[\(j)]",
                         expected: decreasing ? "a value ≤ the previous unit's \(last) (units trade highest first)"
                                              : "a cost ≥ the previous unit's \(last) (units trade lowest first)",
                         found: u.foundDescription)
        }
        row.append(v)
      }
      out.append(row)
    }
    return out
  }

  /// `[low, high]` inside `rule`, low ≤ high.
  static func range(_ r: inout ConfigReader, _ key: String, default value: ClosedRange<Double>, _ rule: NumberRule) throws(ScenarioError) -> ClosedRange<Double> {
    guard let items = try r.array(key) else { return value }
    let n = r.node[key]!
    guard items.count == 2 else {
      throw .invalid(source: n.source, path: r.path(key), expected: "[low, high]", found: "\(items.count) numbers")
    }
    let low = try ConfigReader.number(items[0], path: r.path(key) + "[0]", rule)
    let high = try ConfigReader.number(items[1], path: r.path(key) + "[1]", rule)
    guard low <= high else { throw .invalid(source: n.source, path: r.path(key), expected: "low ≤ high", found: "[\(low), \(high)]") }
    return low...high
  }
}
