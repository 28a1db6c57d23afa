import Testing
@testable import Market
@testable import Simulation

@Suite struct DoubleAuctionTests {
  static let buyers: [[Int64]] = [[150, 100, 72, 50], [145, 95, 71, 45], [140, 90, 70, 40]]
  static let sellers: [[Int64]] = [[10, 45, 66, 95], [15, 50, 68, 100], [20, 55, 70, 105]]

  func config(_ s: DoubleAuctionConfig.Strategy, mechanism: DoubleAuctionConfig.Mechanism = .continuous,
              book: DoubleAuctionConfig.BookRule = .bestQuotes) -> DoubleAuctionConfig {
    DoubleAuctionConfig(buyerValues: Self.buyers, sellerCosts: Self.sellers, periods: 4, mechanism: mechanism,
                        buyerStrategy: s, sellerStrategy: s, book: book, ordersPerPeriod: 500)
  }

  /// ZI-C never trades at a loss: every trade has price ≤ the buyer's unit value and ≥ the
  /// seller's unit cost, under every mechanism and book rule, over many seeds.
  @Test(arguments: [DoubleAuctionConfig.Mechanism.continuous, .call])
  func ziCNeverTradesAtALoss(mechanism: DoubleAuctionConfig.Mechanism) throws {
    for seed in UInt64(0)..<20 {
      for book in DoubleAuctionConfig.BookRule.allCases {
        let (m, _) = try DoubleAuctionMarket.simulate(config(.zic, mechanism: mechanism, book: book), seed: seed, recordTrades: true)
        for t in m.trades {
          #expect(t.price <= t.buyerValue && t.price >= t.sellerCost, "seed \(seed): \(t)")
        }
      }
    }
  }

  @Test func ziCQuotesStayWithinLimits() {
    var m = DoubleAuctionMarket(config: config(.zic), seed: 3)
    m.openPeriod(0)
    for _ in 0..<20_000 {
      for t in 0..<m.traders {
        let q = m.quote(t)
        let limit = m.unitLimit[m.nextUnit[t]]
        if m.isBuyer(t) { #expect(q >= 1 && q <= limit) } else { #expect(q >= limit && q <= 200) }
      }
    }
  }

  /// Realised surplus = Σ buyer surplus + Σ seller surplus = Σ (value − cost) over recorded trades.
  @Test(arguments: [DoubleAuctionConfig.Strategy.zic, .ziu, .truthful, .zip])
  func surplusAccounting(strategy: DoubleAuctionConfig.Strategy) throws {
    let (m, _) = try DoubleAuctionMarket.simulate(config(strategy, book: .full), seed: 9, recordTrades: true)
    var total = DoubleAuctionPeriod(period: -1)
    for p in m.periods { total.accumulate(p) }
    let fromTrades = m.trades.reduce(Int64(0)) { $0 + ($1.buyerValue - $1.sellerCost) }
    #expect(total.realisedSurplus == fromTrades)
    #expect(total.buyerSurplus == m.trades.reduce(0) { $0 + ($1.buyerValue - $1.price) })
    #expect(total.sellerSurplus == m.trades.reduce(0) { $0 + ($1.price - $1.sellerCost) })
    #expect(total.trades == m.trades.count && m.periods.count == 4)
  }

  @Test func efficiencyNeverExceedsOneForConstrainedTraders() throws {
    for seed in UInt64(0)..<10 {
      let (m, _) = try DoubleAuctionMarket.simulate(config(.zic), seed: seed)
      for p in m.periods { #expect(p.efficiency(maxSurplus: m.equilibrium.maxSurplus) <= 1) }
    }
  }

  @Test func sameSeedSameMarketDifferentSeedDifferentMarket() throws {
    let (a, _) = try DoubleAuctionMarket.simulate(config(.zic), seed: 1, recordTrades: true)
    let (b, _) = try DoubleAuctionMarket.simulate(config(.zic), seed: 1, recordTrades: true)
    let (c, _) = try DoubleAuctionMarket.simulate(config(.zic), seed: 2, recordTrades: true)
    #expect(a.trades == b.trades && a.periods == b.periods)
    #expect(a.trades != c.trades)
  }

  @Test func truthfulTradersInACallAuctionReachEquilibrium() throws {
    let (m, _) = try DoubleAuctionMarket.simulate(config(.truthful, mechanism: .call), seed: 1)
    // One call round with everyone truthful executes exactly the efficient units.
    #expect(m.periods.allSatisfy { $0.realisedSurplus == m.equilibrium.maxSurplus })
  }
}
