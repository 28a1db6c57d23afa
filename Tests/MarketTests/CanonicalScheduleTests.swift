import Foundation
import Testing
@testable import Market

/// Known answers of the canonical markets: Gode & Sunder's (1993) five markets (unit values read
/// off the paper's Figs. 1–5; Table 2's ZI-U column and the text's P₀) and Cliff's (1997) four
/// markets (P₀ = 200, Q₀ = 6), computed from the schedules by ``CompetitiveEquilibrium``, and a
/// check that scenarios/canonical/ holds exactly these schedules.
@Suite struct CanonicalScheduleTests {
  /// A market's schedules: unit values per buyer and unit costs per seller, in trading order.
  struct Schedules {
    var buyers: [[Int64]]
    var sellers: [[Int64]]
    var values: [Int64] { buyers.flatMap { $0 } }
    var costs: [Int64] { sellers.flatMap { $0 } }
    var equilibrium: CompetitiveEquilibrium { .compute(values: values, costs: costs) }
    /// ZI-U's efficiency when every unit trades: (Σ values − Σ costs) / maximum surplus.
    var allUnitsEfficiency: Double {
      Double(values.reduce(0, +) - costs.reduce(0, +)) / Double(equilibrium.maxSurplus)
    }
  }

  /// Six buyers and six sellers, each holding the same units.
  static func identical(_ values: [Int64], _ costs: [Int64]) -> Schedules {
    Schedules(buyers: Array(repeating: values, count: 6), sellers: Array(repeating: costs, count: 6))
  }

  /// Market 5: 18 intramarginal units a side evenly spaced (rounded) 159 → 131 and 96 → 124,
  /// unit i to trader i mod 3; three buyers with seven units at 127, three sellers seven at 131.
  static var market5: Schedules {
    let spaced = { (from: Double, step: Double) in (0..<18).map { Int64((from + Double($0) * step).rounded()) } }
    let values = spaced(159, -28.0 / 17), costs = spaced(96, 28.0 / 17)
    let deal = { (units: [Int64]) in (0..<3).map { k in stride(from: k, to: 18, by: 3).map { units[$0] } } }
    return Schedules(buyers: deal(values) + Array(repeating: Array(repeating: 127, count: 7), count: 3),
                     sellers: deal(costs) + Array(repeating: Array(repeating: 131, count: 7), count: 3))
  }

  static let gs: [Int: Schedules] = [
    1: identical([102, 97, 92, 87, 82, 77], [34, 46, 58, 70, 82, 94]),
    2: identical([117, 105, 93, 81, 69, 57], [49, 54, 59, 64, 69, 74]),
    3: identical([133, 95, 90], [90, 95, 100]),
    4: identical([180, 175, 170, 165, 160], [90, 142, 170, 190, 198]),
    5: market5,
  ]

  static let ladder: [Int64] = Array(stride(from: 75, through: 325, by: 25))
  static let cliff: [String: Schedules] = [
    "symmetric": Schedules(buyers: ladder.reversed().map { [$0] }, sellers: ladder.map { [$0] }),
    "flat-supply": Schedules(buyers: ladder.reversed().map { [$0] }, sellers: Array(repeating: [200], count: 11)),
    "excess-demand": Schedules(buyers: Array(repeating: [200], count: 11), sellers: Array(repeating: [50], count: 6)),
    "excess-supply": Schedules(buyers: Array(repeating: [320], count: 6), sellers: Array(repeating: [200], count: 11)),
  ]

  /// Table 2's ZI-U efficiency (%), markets 1–4 (reproduced exactly by the schedules).
  static let table2ZIU: [Int: Double] = [1: 90.0, 2: 90.0, 3: 76.7, 4: 48.8]

  @Test func marketFiveIsBuiltAsDescribed() {
    let m = Self.market5
    #expect(m.buyers.count == 6 && m.sellers.count == 6)
    #expect(m.buyers[0] == [159, 154, 149, 144, 139, 134] && m.buyers[2].last == 131)
    #expect(m.sellers[0] == [96, 101, 106, 111, 116, 121] && m.sellers[2].last == 124)
    #expect(m.values.count == 39 && m.costs.count == 39)
  }

  @Test func gsEquilibria() {
    let expected: [Int: (q: Int, low: Double, high: Double, surplus: Int64)] = [
      1: (30, 82, 82, 1020), 2: (30, 69, 69, 1020), 3: (12, 95, 95, 258), 4: (18, 170, 170, 738), 5: (18, 127, 131, 630),
    ]
    for (market, e) in expected.sorted(by: { $0.key < $1.key }) {
      let ce = Self.gs[market]!.equilibrium
      #expect(ce.quantity == e.q && ce.priceLow == e.low && ce.priceHigh == e.high && ce.maxSurplus == e.surplus, "market \(market): \(ce)")
    }
    #expect(Self.gs[2]!.equilibrium.price == 69 && Self.gs[4]!.equilibrium.price == 170)
    #expect(Self.gs[5]!.equilibrium.price == 129)
  }

  @Test func allUnitsEfficiencyIsTable2ZIU() {
    for (market, percent) in Self.table2ZIU {
      let e = Self.gs[market]!.allUnitsEfficiency * 100
      #expect((e * 10).rounded() / 10 == percent, "market \(market): \(e)")
    }
    let five = Self.gs[5]!.allUnitsEfficiency * 100
    #expect(abs(five - 86.0) < 1, "market 5: \(five) (paper 86.0)")
  }

  @Test func cliffEquilibria() {
    for (name, m) in Self.cliff.sorted(by: { $0.key < $1.key }) {
      let ce = m.equilibrium
      #expect(ce.quantity == 6 && ce.priceLow == 200 && ce.priceHigh == 200, "\(name): \(ce)")
    }
  }

  /// With 2,000 orders a period, ZI-U trades every unit of every Gode–Sunder market, so its
  /// efficiency is the all-units figure whatever the seed.
  @Test(arguments: [1, 2, 3, 4, 5])
  func ziuTradesEveryUnit(market: Int) throws {
    let s = Self.gs[market]!
    let config = DoubleAuctionConfig(buyerValues: s.buyers, sellerCosts: s.sellers, periods: 6, buyerStrategy: .ziu,
                                     sellerStrategy: .ziu, ordersPerPeriod: 2_000)
    for seed in UInt64(1)...4 {
      let (m, _) = try DoubleAuctionMarket.simulate(config, seed: seed)
      for p in m.periods {
        #expect(p.trades == s.values.count, "market \(market) seed \(seed) period \(p.period)")
        #expect(p.efficiency(maxSurplus: m.equilibrium.maxSurplus) == s.allUnitsEfficiency)
      }
    }
  }

  /// ZI-C is more efficient than ZI-U in every Gode–Sunder market (Table 2), here on average over seeds.
  @Test(arguments: [1, 2, 3, 4, 5])
  func ziCBeatsZIU(market: Int) throws {
    let s = Self.gs[market]!
    let config = DoubleAuctionConfig(buyerValues: s.buyers, sellerCosts: s.sellers, periods: 6, ordersPerPeriod: 2_000)
    var total = 0.0
    for seed in UInt64(1)...5 {
      let (m, _) = try DoubleAuctionMarket.simulate(config, seed: seed)
      total += m.periods.reduce(0) { $0 + $1.efficiency(maxSurplus: m.equilibrium.maxSurplus) } / Double(m.periods.count)
    }
    #expect(total / 5 > s.allUnitsEfficiency, "market \(market): ZI-C \(total / 5)")
  }

  // MARK: the shipped scenario files

  static let canonical = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("scenarios/canonical")

  /// market.buyers and market.sellers of a scenario file (plain JSON).
  static func schedules(in file: String) throws -> Schedules {
    let data = try Data(contentsOf: canonical.appendingPathComponent(file))
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let market = try #require(root["market"] as? [String: Any])
    let side = { (key: String) throws -> [[Int64]] in
      try #require(market[key] as? [[NSNumber]], "\(file): market.\(key)").map { $0.map(\.int64Value) }
    }
    return Schedules(buyers: try side("buyers"), sellers: try side("sellers"))
  }

  @Test(arguments: [1, 2, 3, 4, 5])
  func gsScenarioHoldsTheSchedules(market: Int) throws {
    let s = try Self.schedules(in: "gs\(market).json")
    #expect(s.buyers == Self.gs[market]!.buyers && s.sellers == Self.gs[market]!.sellers)
  }

  @Test(arguments: ["symmetric", "flat-supply", "excess-demand", "excess-supply"])
  func cliffScenarioHoldsTheSchedules(name: String) throws {
    let s = try Self.schedules(in: "cliff-\(name).json")
    #expect(s.buyers == Self.cliff[name]!.buyers && s.sellers == Self.cliff[name]!.sellers)
  }
}
