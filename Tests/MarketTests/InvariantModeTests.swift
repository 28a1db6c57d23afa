import Testing
@testable import Market
@testable import Matching
@testable import Simulation

/// Issue 15 (B): invariants mode over seeded random markets, and deliberately broken states that
/// the checks must catch.
@Suite struct InvariantModeTests {
  /// A small random data market: regions, fees, registry modes, contract menus, limited licences,
  /// adaptive pricing (rates up to the maximum) and public caps including Infinity.
  static func randomConfig(_ seed: UInt64) -> DataMarketConfig {
    var rng = Xoshiro256StarStar(seed: seed &+ 1_000)
    func u(_ a: Double, _ b: Double) -> Double { a + (b - a) * rng.nextUnitDouble() }
    var c = DataMarketConfig()
    c.periods = 8 + Int(rng.next() % 8)
    c.warmupPeriods = 1
    c.unification = u(0, 1)
    c.regions = (0..<(1 + Int(rng.next() % 4))).map {
      .init(name: "R\($0)", buyerArrivalRate: u(0.2, 3), providerArrivalRate: u(0.05, 0.6), annotationBase: false)
    }
    c.exchanges = c.regions.indices.map { var e = DataMarketConfig.Exchange(name: "X\($0)", region: $0)
      e.sellerFeeRate = u(0, 0.2); e.buyerFeeRate = u(0, 0.1); e.membershipFee = u(0, 3); e.listingFee = u(0, 2); return e }
    c.registry.mode = DataMarketConfig.RegistryMode.allCases[Int(rng.next() % 3)]
    c.contracts.allowed = ContractType.allCases.filter { _ in rng.next() % 2 == 0 }
    if c.contracts.allowed.isEmpty { c.contracts.allowed = [.fixed] }
    c.contracts.benefitDelayDays = u(0, 90)
    c.buyers.wealthMultiple = u(0.2, 4)
    c.buyers.patienceDays = u(1, 90)
    c.providers.pricing = rng.next() % 2 == 0 ? .costPlus : .adaptive
    c.providers.adaptiveRate = [0.1, 1, 10][Int(rng.next() % 3)]
    c.providers.limitedShare = [0, 0.3, 1][Int(rng.next() % 3)]
    c.providers.licenceLimit = 1 + Int(rng.next() % 6)
    c.publicOperator.enabled = rng.next() % 3 != 0
    c.publicOperator.products = Int(rng.next() % 6)
    c.publicOperator.capMultiple = [0.5, 1, 2, .infinity][Int(rng.next() % 4)]
    c.publicOperator.region = Int(rng.next() % UInt64(c.regions.count))
    c.offExchangeEnabled = rng.next() % 3 != 0
    c.multiListing = rng.next() % 4 != 0
    if rng.next() % 2 == 0 {   // a second exchange in the first region: multi-listing skips a region it serves
      var e = DataMarketConfig.Exchange(name: "Y0", region: 0)
      e.reviewServers = 1
      c.exchanges.append(e)
    }
    return c
  }

  @Test(arguments: UInt64(0)..<16)
  func randomDataMarketsKeepEveryInvariant(seed: UInt64) throws {
    let c = Self.randomConfig(seed)
    let (checked, events) = try DataMarketModel.simulateChecked(c, seed: seed)
    let (plain, plainEvents) = try DataMarketModel.simulate(c, seed: seed)
    #expect(events == plainEvents, "invariants mode changed the run")
    #expect(checked.contracts.count == plain.contracts.count)
    #expect(checked.periods.map(\.ledger) == plain.periods.map(\.ledger))
  }

  @Test(arguments: UInt64(0)..<8)
  func randomDoubleAuctionsKeepEveryInvariant(seed: UInt64) throws {
    var rng = Xoshiro256StarStar(seed: seed)
    let values = (0..<(2 + Int(rng.next() % 6))).map { _ in (0..<3).map { _ in Int64(1 + rng.next() % 200) }.sorted(by: >) }
    let costs = (0..<(2 + Int(rng.next() % 6))).map { _ in (0..<3).map { _ in Int64(1 + rng.next() % 200) }.sorted() }
    let c = DoubleAuctionConfig(buyerValues: values, sellerCosts: costs, periods: 3,
                                mechanism: seed % 3 == 0 ? .call : .continuous,
                                buyerStrategy: DoubleAuctionConfig.Strategy.allCases[Int(seed % 3)],
                                book: seed % 2 == 0 ? .full : .bestQuotes, ordersPerPeriod: 200)
    let (checked, events) = try DoubleAuctionMarket.simulateChecked(c, seed: seed)
    let (plain, plainEvents) = try DoubleAuctionMarket.simulate(c, seed: seed)
    #expect(events == plainEvents)
    #expect(checked.periods.map(\.realisedSurplus) == plain.periods.map(\.realisedSurplus))
  }

  /// A finished small market with at least one limited product and some contracts.
  func market() throws -> DataMarketModel {
    var c = DataMarketConfig()
    c.periods = 12
    c.providers.limitedShare = 0.5
    let (m, _) = try DataMarketModel.simulate(c, seed: 3)
    #expect(m.checkInvariants() == nil)
    return m
  }

  @Test func brokenMoneyIsCaught() throws {
    let m = try market()
    m.ledger.balances[LedgerAccount.buyers.index * DataMarketLedger.flows + LedgerFlow.price.rawValue] -= 1
    #expect(m.checkInvariants()?.hasPrefix("money is conserved (flow price nets to -1") == true)
  }

  @Test func brokenLicencesAreCaught() throws {
    let m = try market()
    let i = try #require(m.products.firstIndex(where: { $0.limited }))
    m.products[i].licencesLeft += 1
    #expect(m.checkInvariants()?.hasPrefix("licences are conserved (product \(i):") == true)
    m.products[i].licencesLeft = -1
    #expect(m.checkInvariants()?.hasPrefix("licences are conserved") == true)
  }

  @Test func aCrossedBookIsCaught() throws {
    let m = try market()
    let p = try #require(m.listings.first(where: { $0.active && !m.products[Int($0.product)].limited && $0.askSlot >= 0 }))
    let ask = m.engine.price(p.askSlot)
    m.engine.rest(book: p.book, id: 999_999, side: .buy, price: ask + 5, quantity: 1)  // bypasses matching
    #expect(m.engine.isCrossed(book: p.book))
    #expect(m.engine.firstCrossedBook() != nil)
    #expect(m.checkInvariants()?.hasPrefix("no book is crossed") == true)
  }

  @Test func brokenListingsAreCaught() throws {
    let m = try market()
    let l = try #require(m.listings.indices.first(where: { !m.listings[$0].primary && m.listings[$0].active }))
    m.listedCount[m.listings[l].exchange] += 1
    #expect(m.checkInvariants()?.hasPrefix("listings are counted") == true)
    m.listedCount[m.listings[l].exchange] -= 1
    #expect(m.checkInvariants() == nil)
    let id = Int(m.listings[l].product)
    m.listingsOf[id].append(Int32(l))   // the same region twice
    #expect(m.checkInvariants()?.hasPrefix("a product lists at most once per region") == true)
    m.listingsOf[id].removeLast()
    m.products[id].listed = false
    #expect(m.checkInvariants()?.hasPrefix("listings are counted") == true)
  }

  @Test func contractsMovingBackwardsAreCaught() throws {
    let m = try market()
    var history = DataMarketInvariants()
    #expect(history.check(m) == nil)
    let i = try #require(m.contracts.firstIndex(where: { $0.paid > 0 && !$0.benefit.isNaN }))
    m.contracts[i].paid -= 0.5
    #expect(history.check(m)?.contains("contract \(i)'s paid amount fell") == true)
    m.contracts[i].paid += 0.5
    m.contracts[i].benefit += 1
    #expect(history.check(m)?.contains("contract \(i)'s benefit changed") == true)
    m.contracts[i].benefit -= 1
    m.contracts[i].defaulted = true
    #expect(history.check(m) == nil)  // a default may happen
    m.contracts[i].defaulted = false
    #expect(history.check(m)?.contains("contract \(i)'s default reverted") == true)
  }

  @Test func aBrokenCheckStopsTheRunNamingTimeAndEvent() throws {
    var c = DataMarketConfig()
    c.periods = 3
    var sim = Simulator(model: DataMarketModel(config: c, seed: 1), capacity: 64)
    try sim.model.start(&sim.kernel)
    do {
      try sim.run(checking: { $0.contracts.isEmpty ? nil : "no contracts (test)" })
      Issue.record("the run did not stop")
    } catch let v as InvariantViolation {
      #expect(v.invariant == "no contracts (test)")
      #expect(sim.model.contracts.count == 1)
      #expect(v.time == sim.kernel.now)
      #expect(v.description.hasPrefix("invariant violated: no contracts (test), at time \(v.time) after event "))
    }
  }
}
