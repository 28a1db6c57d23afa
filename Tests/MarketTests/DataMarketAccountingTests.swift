import Testing
@testable import Market
@testable import Simulation

/// Accounting that cannot drift (DOMAIN fixture 7 and issue 5): over many random scenarios,
/// every period, buyer payments = provider receipts + exchange fees + public-operator revenue,
/// and total welfare from its components = benefits − real costs, to 1e-9 relative.
@Suite struct DataMarketAccountingTests {
  static func randomConfig(_ seed: UInt64) -> DataMarketConfig {
    var rng = Xoshiro256StarStar(seed: seed)
    func u(_ a: Double, _ b: Double) -> Double { a + (b - a) * rng.nextUnitDouble() }
    var c = DataMarketConfig()
    c.periods = 14
    c.warmupPeriods = 2
    c.unification = u(0, 1)
    c.badShare = u(0, 0.5)
    c.regions = (0..<(1 + Int(rng.next() % 4))).map { .init(name: "R\($0)", buyerArrivalRate: u(0.5, 4), providerArrivalRate: u(0.05, 0.5), annotationBase: false) }
    c.exchanges = c.regions.indices.map { var e = DataMarketConfig.Exchange(name: "X\($0)", region: $0)
      e.sellerFeeRate = u(0, 0.1); e.buyerFeeRate = u(0, 0.05); e.membershipFee = u(0, 2); return e }
    c.registry.mode = DataMarketConfig.RegistryMode.allCases[Int(rng.next() % 3)]
    c.contracts.allowed = ContractType.allCases.filter { _ in rng.next() % 2 == 0 }
    if c.contracts.allowed.isEmpty { c.contracts.allowed = [.fixed] }
    c.contracts.benefitDelayDays = u(0, 120)
    c.buyers.wealthMultiple = u(0.2, 4)
    c.providers.pricing = rng.next() % 2 == 0 ? .costPlus : .adaptive
    c.providers.limitedShare = u(0, 0.5)
    c.publicOperator.enabled = rng.next() % 2 == 0
    c.publicOperator.capMultiple = [0.5, 1, 1.5, .infinity][Int(rng.next() % 4)]
    c.publicOperator.region = Int(rng.next() % UInt64(c.regions.count))
    c.offExchangeEnabled = rng.next() % 3 != 0
    return c
  }

  func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }

  @Test(arguments: UInt64(0)..<24)
  func moneyIsConservedAndWelfareAddsUp(seed: UInt64) throws {
    let (m, _) = try DataMarketModel.simulate(Self.randomConfig(seed), seed: seed)
    #expect(m.periods.count == 14)
    var trades = 0
    for p in m.periods {
      let l = p.ledger
      #expect(close(l.buyerPayments, l.providerReceipts + l.exchangeTradeFees + l.publicOperatorRevenue),
              "seed \(seed) period \(p.index): payments \(l.buyerPayments)")
      #expect(close(l.totalWelfare, l.resourceWelfare), "seed \(seed) period \(p.index): TW \(l.totalWelfare) vs \(l.resourceWelfare)")
      trades += p.national.trades
      // the splits add up to the national figures
      #expect(p.byRegion.reduce(0) { $0 + $1.trades } == p.national.trades)
      #expect(p.byExchange.reduce(0) { $0 + $1.onExchangeTrades } == p.national.onExchangeTrades)
      #expect(close(p.byRegion.reduce(0) { $0 + $1.gmv }, p.national.gmv))
      #expect(close(p.exchangeLedgers.reduce(0) { $0 + $1.exchangeProfit }, l.exchangeProfit),
              "seed \(seed) period \(p.index): exchange profits do not add up")
    }
    #expect(trades == m.contracts.count)
    // every contract's payments are what the ledgers booked from buyers
    let paid = m.contracts.reduce(0.0) { $0 + $1.paid }
    #expect(close(paid, m.periods.reduce(0.0) { $0 + $1.ledger.buyerPayments }))
  }

  /// Double entry: every flow nets to zero over the accounts, in every period of random markets,
  /// and each exchange's view holds only its own account.
  @Test(arguments: UInt64(30)..<36)
  func everyFlowNetsToZeroOverTheAccounts(seed: UInt64) throws {
    let (m, _) = try DataMarketModel.simulate(Self.randomConfig(seed), seed: seed)
    for p in m.periods {
      let accounts = [LedgerAccount.buyers, .providers, .publicOperator, .registry, .government, .world]
        + (0..<p.ledger.exchanges).map { LedgerAccount.exchange($0) }
      for flow in LedgerFlow.allCases {
        let total = accounts.reduce(0.0) { $0 + p.ledger.balance($1, flow) }
        let scale = accounts.reduce(0.0) { $0 + abs(p.ledger.balance($1, flow)) }
        #expect(abs(total) <= 1e-9 * max(1, scale), "seed \(seed) period \(p.index) flow \(flow): \(total)")
      }
      for (e, view) in p.exchangeLedgers.enumerated() {
        #expect(view.exchangeProfit == p.ledger.balance(.exchange(e)))
        #expect(view.buyerPayments == 0 && view.providerProfit == 0)
      }
    }
  }

  /// Extreme values (huge willingness to pay, tiny and huge prices) must neither crash the books
  /// (whose resting prices may span at most 2^24 ticks) nor break the accounting.
  @Test func extremeValuesStayWithinTheBooks() throws {
    var c = Self.randomConfig(7)
    c.periods = 6
    c.buyers.valueMedian = 5_000; c.buyers.valueMean = 2_000_000
    c.providers.fixedCostMedian = 0.01; c.providers.fixedCostMean = 50_000
    c.providers.pricing = .adaptive; c.providers.adaptiveRate = 5
    c.publicOperator.enabled = true; c.publicOperator.capMultiple = .infinity
    let (m, _) = try DataMarketModel.simulate(c, seed: 3)
    for p in m.periods {
      #expect(close(p.ledger.buyerPayments, p.ledger.providerReceipts + p.ledger.exchangeTradeFees + p.ledger.publicOperatorRevenue))
    }
  }

  @Test func sameSeedSameMarket() throws {
    let c = Self.randomConfig(99)
    let (a, _) = try DataMarketModel.simulate(c, seed: 5)
    let (b, _) = try DataMarketModel.simulate(c, seed: 5)
    #expect(a.periods.map(\.ledger) == b.periods.map(\.ledger))
    #expect(a.contracts.map(\.paid) == b.contracts.map(\.paid))
  }
}
