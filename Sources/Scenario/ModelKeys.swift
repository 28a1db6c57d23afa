import Market
import Simulation

/// One row of a scenario kind's key reference: what `datamarket keys` and the README print.
public struct ScenarioKeyRow: Sendable, Equatable {
  public var path: String, type: String, range: String, defaultText: String, unit: String, symbol: String, meaning: String
  /// Finite numeric bounds, where the key has them.
  public var bounds: ClosedRange<Double>? = nil
}

extension ScenarioKey {
  /// This key's reference row, its default read from `defaults`.
  func row(_ defaults: Config) -> ScenarioKeyRow {
    ScenarioKeyRow(path: path, type: type, range: range, defaultText: defaultText(defaults), unit: unit, symbol: symbol, meaning: meaning,
                   bounds: bounds)
  }
}

/// The key references of every scenario kind, in the order a scenario file is read.
public enum ModelKeys {
  /// The root keys every kind shares.
  static let common: [ScenarioKeyRow] = [
    ScenarioKeyRow(path: "kind", type: "string", range: Scenario.kinds.map { "\"\($0)\"" }.joined(separator: ", "), defaultText: "required",
                   unit: "", symbol: "", meaning: "the model the scenario drives"),
    ScenarioKeyRow(path: "name", type: "string", range: "letters, digits, - _ . (not leading .)", defaultText: "the file's base name",
                   unit: "", symbol: "", meaning: "scenario name; the default output folder is results/<name>/"),
    ScenarioKeyRow(path: "description", type: "string", range: "", defaultText: "\"\"", unit: "", symbol: "", meaning: "free text"),
    ScenarioKeyRow(path: "seed", type: "integer", range: "0–2^53", defaultText: "1", unit: "", symbol: "",
                   meaning: "master seed of every random stream"),
    ScenarioKeyRow(path: "extends", type: "string", range: "a file path", defaultText: "none", unit: "", symbol: "",
                   meaning: "a scenario file to inherit (relative to this one; objects merge key by key)"),
  ]

  /// Every key of `kind` (one of ``Scenario/kinds``), nil for an unknown kind.
  public static func rows(kind: String) -> [ScenarioKeyRow]? {
    switch kind {
    case "dataMarket": return common + dataMarket
    case "doubleAuction": return common + doubleAuction
    case "mm1": return common + MM1Scenario.keys.map { $0.row(MM1Queue.Parameters()) }
    case "testFunction": return TestFunctionScenario.rows(common: common)
    default: return nil
    }
  }

  static var dataMarket: [ScenarioKeyRow] {
    let c = DataMarketConfig()
    let k = DataMarketKeys.self
    func custom(_ path: String, _ type: String, _ range: String, _ def: String, _ symbol: String = "", _ meaning: String) -> ScenarioKeyRow {
      ScenarioKeyRow(path: path, type: type, range: range, defaultText: def, unit: "", symbol: symbol, meaning: meaning)
    }
    let defaultExchange = c.exchanges[0]
    let defaultRegion = DataMarketScenario.newRegion("R0"), defaultSegment = DataMarketScenario.newSegment("segment0")
    return k.market.map { $0.row(c) }
      + [custom("regions", "array", "≥ 1 region", "East 6/0.12, South 5/0.10, North 4/0.08, Southwest 2/0.06 (per day)", "",
                "the regions; an entry has the keys below, whose defaults are an entry's own (assumed)"),
         custom("regions[].name", "string", "unique, not empty", "R<i>", "", "region name (exchanges and the public operator refer to it)")]
      + k.region.map { $0.row(defaultRegion) }
      + [custom("exchanges.list", "array", "", "one per region (SDE, SZDEX, BJDEX, GBDEX for four)", "",
                "the exchanges; each entry has name (unique, not empty), region (a region's name) and any exchanges.defaults key (one per region, assumed)")]
      + k.exchange.map { $0.row(defaultExchange) }
      + k.registry.map { $0.row(c) } + k.providers.map { $0.row(c) } + k.buyers.map { $0.row(c) }
      + [custom("buyers.segments", "array", "≥ 1 segment; shares with a positive sum", "ai 0.30, finance 0.30, manufacturing 0.25, publicInterest 0.15",
                "", "buyer segments (assumed); an entry has name and the keys below, with an entry's own defaults"),
         custom("buyers.segments[].name", "string", "unique, not empty", "segment<i>", "", "segment name")]
      + k.segment.map { $0.row(defaultSegment) }
      + [custom("contracts.allowed", "array", ContractType.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "),
                "[\"FIXED\", \"SUBSCRIPTION\"]", "", "contract types buyers and providers may sign (M7; fixed licences and subscriptions, assumed)")]
      + k.contracts.map { $0.row(c) }
      + [custom("publicOperator.region", "string", "a region's name", c.regions[c.publicOperator.region].name, "",
                "region whose exchange lists the public products (assumed)")]
      + k.publicOperator.map { $0.row(c) }
      + k.readiness.map { $0.row(c) }
      + k.leakage.map { $0.row(c) }
      + k.bundles.map { $0.row(c) }
  }

  /// The double auction's keys: read by ``DoubleAuctionScenario`` (whose ranges depend on each
  /// other: priceMax on priceMin, schedules on both), documented here.
  static var doubleAuction: [ScenarioKeyRow] {
    func row(_ key: String, _ type: String, _ range: String, _ def: String, _ unit: String = "", _ meaning: String) -> ScenarioKeyRow {
      ScenarioKeyRow(path: "market." + key, type: type, range: range, defaultText: def, unit: unit, symbol: "", meaning: meaning)
    }
    let strategies = DoubleAuctionConfig.Strategy.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
    return [
      row("buyers", "array", "values in [priceMin, priceMax], non-increasing per buyer", "required (or random)", "ticks",
          "unit values per buyer, highest first: [[150, 100], [140, 90]]"),
      row("sellers", "array", "costs in [priceMin, priceMax], non-decreasing per seller", "required (or random)", "ticks",
          "unit costs per seller, lowest first"),
      row("random.buyers", "integer", "1–1,000,000", "10", "traders", "instead of explicit lists: number of buyers"),
      row("random.sellers", "integer", "1–1,000,000", "10", "traders", "number of sellers"),
      row("random.units", "integer", "1–10,000", "1", "units", "units per trader"),
      row("random.valueLow", "integer", "[priceMin, priceMax]", "priceMin", "ticks", "values and costs uniform from here (stream schedules)"),
      row("random.valueHigh", "integer", "[valueLow, priceMax]", "priceMax", "ticks", "… to here"),
      row("periods", "integer", "1–100,000", "6", "periods", "trading periods; each starts with fresh endowments"),
      row("mechanism", "string", "\"continuous\", \"call\"", "\"continuous\"", "", "double auction or uniform-price call auction"),
      row("strategy", "string", strategies, "\"zic\"", "", "both sides' strategy (zip needs continuous)"),
      row("buyerStrategy", "string", strategies, "strategy", "", "the buyers' strategy"),
      row("sellerStrategy", "string", strategies, "strategy", "", "the sellers' strategy"),
      row("book", "string", "\"bestQuotes\", \"full\"", "\"bestQuotes\"", "",
          "Gode & Sunder's improving best quotes, or a full limit-order book (one order per trader)"),
      row("ordersPerPeriod", "integer", "1–100,000,000", "1,000", "orders", "expected order submissions per period (Poisson), continuous"),
      row("callRoundsPerPeriod", "integer", "1–1,000,000", "10", "rounds", "call rounds per period (every active trader submits once)"),
      row("priceMin", "integer", "1–1,000,000,000", "1", "ticks", "lowest price (ZI-U bounds, ZI-C floor)"),
      row("priceMax", "integer", "[priceMin, priceMin + 10^7]", "200", "ticks", "highest price"),
      row("zip.learningRate", "[low, high]", "within [0, 1]", "[0.1, 0.5]", "", "ZIP learning rates traders draw from (Cliff 1997)"),
      row("zip.momentum", "[low, high]", "within [0, 1]", "[0, 0.1]", "", "ZIP momentum"),
      row("zip.initialMargin", "[low, high]", "within [0, 1]", "[0.05, 0.35]", "", "ZIP initial margins"),
    ]
  }

  /// The rows as a Markdown table (the README's scenario reference).
  public static func markdown(_ rows: [ScenarioKeyRow]) -> String {
    var s = "| key | symbol | meaning | unit | default | range |\n|---|---|---|---|---|---|\n"
    for r in rows {
      let cells = ["`\(r.path)`", r.symbol, r.meaning, r.unit, r.defaultText, r.range].map { $0.replacingOccurrences(of: "|", with: "\\|") }
      s += "| " + cells.joined(separator: " | ") + " |\n"
    }
    return s
  }

  /// The rows as aligned plain text (`datamarket keys KIND`).
  public static func text(_ rows: [ScenarioKeyRow]) -> String {
    let width = (rows.map(\.path.count).max() ?? 0) + 2
    var s = ""
    for r in rows {
      let pad = String(repeating: " ", count: max(1, width - r.path.count))
      var detail = "default \(r.defaultText)"
      if !r.range.isEmpty { detail += "; \(r.range)" }
      if !r.unit.isEmpty { detail += "; \(r.unit)" }
      if !r.symbol.isEmpty { detail += "; \(r.symbol)" }
      s += r.path + pad + r.meaning + " (" + detail + ")\n"
    }
    return s
  }
}
