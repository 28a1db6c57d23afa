import Testing
@testable import Market
@testable import Simulation

/// Regression tests for the data-market defects found by running the model (issue 11), each
/// failing before its fix.
@Suite struct DataMarketDefectTests {
  /// Two regions, short horizon, a few public products: fast and every mechanism on.
  static func small(periods: Int = 14) -> DataMarketConfig {
    var c = WhatIfDirectionTests.small()
    c.periods = periods
    c.warmupPeriods = 2
    return c
  }

  func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }

  @Test(arguments: [[ContractType.outcome], [.revenueShare], [.usage, .subscription]])
  func onlyAllowedContractTypesAreSigned(allowed: [ContractType]) throws {
    var c = Self.small()
    c.contracts.allowed = allowed
    let (m, _) = try DataMarketModel.simulate(c, seed: 4)
    let paid = m.contracts.filter { !$0.free }
    #expect(!paid.isEmpty)
    for k in paid { #expect(allowed.contains(k.terms.type), "contract \(k.id) is \(k.terms.type.rawValue)") }
    // free uses are public data for public-interest buyers, or substitutes of a leaked private
    // product (M9), at price 0
    for k in m.contracts where k.free {
      let p = m.products[Int(k.product)]
      #expect(k.price == 0 && k.paid == 0)
      #expect(p.isPublic ? c.buyers.segments[k.segment].publicPurpose : p.leakedPeriod >= 0, "free contract \(k.id)")
    }
    // the contract mix counts the paid contracts only
    let counted = m.periods.reduce(0) { $0 + $1.national.contractCounts.reduce(0, +) }
    #expect(counted == paid.count)
  }

  @Test(arguments: UInt64(1)...3)
  func providerRevenueIsWhatTheLedgerPaidThem(seed: UInt64) throws {
    var c = Self.small()
    c.contracts.allowed = [.fixed, .revenueShare, .outcome, .subscription]
    let (m, _) = try DataMarketModel.simulate(c, seed: seed)
    let privateRevenue = m.products.filter { !$0.isPublic }.reduce(0.0) { $0 + $1.revenue }
    let publicRevenue = m.products.filter(\.isPublic).reduce(0.0) { $0 + $1.revenue }
    let receipts = m.periods.reduce(0.0) { $0 + $1.ledger.providerReceipts }
    let operatorRevenue = m.periods.reduce(0.0) { $0 + $1.ledger.publicOperatorRevenue }
    #expect(receipts > 0)
    #expect(close(privateRevenue, receipts), "providers \(privateRevenue) vs ledger \(receipts)")
    #expect(close(publicRevenue, operatorRevenue), "public products \(publicRevenue) vs ledger \(operatorRevenue)")
  }

  @Test func everyExchangeChargesItsOwnSellerFeeInThePriceFloor() throws {
    var c = Self.small()
    c.providers.marginalCost = 5; c.providers.markup = 0; c.providers.fixedCostMedian = 0.01; c.providers.fixedCostMean = 0.01
    c.providers.pricing = .costPlus   // cost-plus sits at the floor: the floor alone sets the price
    c.exchanges[0].sellerFeeRate = 0; c.exchanges[1].sellerFeeRate = 0.5
    let (m, _) = try DataMarketModel.simulate(c, seed: 2)
    let listedAtB = m.products.filter { !$0.isPublic && $0.listed && $0.exchange == 1 }
    #expect(!listedAtB.isEmpty)
    for p in listedAtB { #expect(p.price >= 10 - 1e-9, "price \(p.price) below c/(1 − φ_s) = 10 at XB") }
    for p in m.products where !p.isPublic && p.listed && p.exchange == 0 { #expect(p.price < 10) }
  }

  /// M5's one visibility v0 + (1 − v0)u also governs where providers list: at u = 0 a listing
  /// abroad is still visible with probability v0, so some providers list abroad.
  @Test func providersListAbroadWithTheBuyersVisibility() throws {
    var c = Self.small()
    c.unification = 0; c.visibilityFloor = 1
    let (m, _) = try DataMarketModel.simulate(c, seed: 3)
    let abroad = m.products.filter { !$0.isPublic && $0.exchange >= 0 && c.exchanges[$0.exchange].region != $0.region }
    #expect(abroad.count > 3, "\(abroad.count) products listed abroad")
  }

  @Test func aYearIs365DaysEverywhere() {
    let monthly = ReportingCalendar(periodDays: 30)
    #expect((0..<40).filter { monthly.closesYear(period: $0) } == [12, 24, 36])
    let exact = ReportingCalendar(periodDays: 365.0 / 12)
    #expect((0..<36).filter { exact.closesYear(period: $0) } == [11, 23, 35])
    let weekly = ReportingCalendar(periodDays: 7)
    #expect((0..<110).filter { weekly.closesYear(period: $0) } == [52, 104])
    #expect(abs(weekly.years(periods: 365) - 7) < 1e-12)
  }

  /// The public operator's yearly review (its cap re-priced from observed willingness to pay
  /// under κ_cap = ∞) happens when a year of 365 days ends, not every 12 periods.
  @Test func theYearlyReviewFollowsTheCalendar() throws {
    var c = Self.small(periods: 60)
    c.periodDays = 7
    c.publicOperator.capMultiple = .infinity
    let (m, _) = try DataMarketModel.simulate(c, seed: 5)
    let caps = m.periods.map(\.publicPriceCap)
    let changes = (1..<caps.count).filter { caps[$0] != caps[$0 - 1] }
    #expect(changes == [52], "cap changed at periods \(changes)")
  }

  /// M8: the operator keeps at most MAR a year (the excess is clawed back, also under κ_cap = ∞),
  /// caps never collapse to zero, and the clawback is one cycle's excess.
  @Test(arguments: [1.0, .infinity])
  func thePublicOperatorKeepsAtMostMARAYear(capMultiple: Double) throws {
    var c = Self.small(periods: 61)
    c.publicOperator.capMultiple = capMultiple
    c.publicOperator.expectedVolume = 50   // a Q̂ far below demand: year 1 overshoots MAR
    let (m, _) = try DataMarketModel.simulate(c, seed: 6)
    let calendar = ReportingCalendar(periodDays: c.periodDays)
    var revenue = 0.0, clawedBack = 0.0, years = 0
    for p in m.periods {
      revenue += p.ledger.publicOperatorRevenue
      #expect(p.publicPriceCap > 0, "cap \(p.publicPriceCap) in period \(p.index)")
      guard calendar.closesYear(period: p.index) else { continue }
      years += 1
      #expect(close(p.clawback, max(0, revenue - c.mar)), "year \(years): clawback \(p.clawback) of revenue \(revenue)")
      #expect(close(p.ledger.clawbacks, p.clawback))
      #expect(revenue - p.clawback <= c.mar + 1e-9)
      revenue = 0; clawedBack += p.clawback
    }
    #expect(years == 5)   // 61 periods of 30 days: years end on days 365, …, 1,825
    if capMultiple == 1 { #expect(clawedBack > 0, "year 1 should overshoot with Q̂ = 50") }
  }

  /// Every contract whose costs are counted has its benefit realised within the horizon, and
  /// benefits in expectation sum the contracts' true mean benefits.
  @Test func benefitsAreCountedOnceAndInExpectation() throws {
    var c = Self.small()
    c.contracts.benefitDelayDays = 200
    c.contracts.allowed = [.fixed, .revenueShare, .outcome]
    let (m, _) = try DataMarketModel.simulate(c, seed: 7)
    #expect(m.contracts.allSatisfy { !$0.benefit.isNaN })
    let realised = m.periods.reduce(0.0) { $0 + $1.ledger.benefits }
    let expected = m.periods.reduce(0.0) { $0 + $1.ledger.expectedBenefits }
    #expect(close(realised, m.contracts.reduce(0.0) { $0 + $1.benefit }))
    #expect(close(expected, m.contracts.reduce(0.0) { $0 + $1.trueMeanBenefit }))
    for p in m.periods { #expect(close(p.ledger.expectedTotalWelfare - p.ledger.totalWelfare, p.ledger.expectedBenefits - p.ledger.benefits)) }
  }

  /// M4: the membership fee is paid once a year per buyer firm and exchange, not on every trade.
  @Test func membershipIsPaidOnceAYearPerFirmAndExchange() throws {
    var c = Self.small()
    c.buyers.firmsPerRegion = 3
    c.offExchangeEnabled = false
    for e in c.exchanges.indices { c.exchanges[e].sellerFeeRate = 0; c.exchanges[e].buyerFeeRate = 0; c.exchanges[e].membershipFee = 5 }
    let (m, _) = try DataMarketModel.simulate(c, seed: 8)
    let fees = m.periods.reduce(0.0) { $0 + $1.ledger.exchangeTradeFees }
    let paidTrades = m.contracts.filter { !$0.free && $0.exchange >= 0 }.count
    let years = Int((Double(c.periods) * c.periodDays / 365).rounded(.up))
    #expect(paidTrades > 100)
    #expect(fees > 0 && fees <= 5 * Double(2 * 3 * 2 * years) + 1e-9, "membership fees \(fees) for \(paidTrades) trades")
  }

  /// M4: the buyer fee deters on-exchange use, not a region's whole demand (off-exchange included).
  @Test func theBuyerFeeActsOnTheExchangeOnly() throws {
    var none = Self.small(), high = Self.small()
    for e in high.exchanges.indices { high.exchanges[e].buyerFeeRate = 0.3 }
    let (a, _) = try DataMarketModel.simulate(none, seed: 9), (b, _) = try DataMarketModel.simulate(high, seed: 9)
    func total(_ m: DataMarketModel) -> DataMarketActivity { m.periods.reduce(into: DataMarketActivity()) { $0.add($1.national) } }
    let x = total(a), y = total(b)
    #expect(abs(Double(y.buyerArrivals) / Double(x.buyerArrivals) - 1) < 0.05, "arrivals \(x.buyerArrivals) → \(y.buyerArrivals)")
    #expect(Double(y.onExchangeTrades) < 0.7 * Double(x.onExchangeTrades), "on-exchange trades \(x.onExchangeTrades) → \(y.onExchangeTrades)")
    #expect(y.trades - y.onExchangeTrades > x.trades - x.onExchangeTrades, "off-exchange trades take up part of the demand")
  }

  /// Listing, review and registration fees enter the providers' decisions.
  @Test func fixedFeesDeterListingAndRegistration() throws {
    var low = Self.small(), high = Self.small()
    // the listing choice alone: cost-plus prices (the fees' weight is relative to N̂·p) and no entry decision
    low.providers.pricing = .costPlus; high.providers.pricing = .costPlus
    low.providers.endogenousEntry = false; high.providers.endogenousEntry = false
    for e in high.exchanges.indices { high.exchanges[e].listingFee = 40; high.exchanges[e].reviewFee = 20 }
    high.registry.fee = 60
    let (a, _) = try DataMarketModel.simulate(low, seed: 10), (b, _) = try DataMarketModel.simulate(high, seed: 10)
    let listedA = a.products.filter { !$0.isPublic && $0.exchange >= 0 }.count, listedB = b.products.filter { !$0.isPublic && $0.exchange >= 0 }.count
    #expect(Double(listedB) < 0.85 * Double(listedA), "products choosing an exchange \(listedA) → \(listedB)")
    let regA = a.periods.reduce(0) { $0 + $1.national.registrationsApplied }, regB = b.periods.reduce(0) { $0 + $1.national.registrationsApplied }
    #expect(Double(regB) < 0.85 * Double(regA), "registration applications \(regA) → \(regB)")
  }

  /// M12: after the warm-up, listing, review and registration fees deter marginal entrants.
  @Test func fixedFeesDeterMarginalEntrants() throws {
    var low = Self.small(), high = Self.small()
    for e in high.exchanges.indices { high.exchanges[e].listingFee = 150; high.exchanges[e].reviewFee = 50 }
    high.registry.fee = 100; high.registry.uptake = 1
    let (a, _) = try DataMarketModel.simulate(low, seed: 10), (b, _) = try DataMarketModel.simulate(high, seed: 10)
    func share(_ m: DataMarketModel) -> Double {
      let t = m.periods.reduce(into: DataMarketActivity()) { $0.add($1.national) }
      return Double(t.deterredEntrants) / Double(max(1, t.deterredEntrants + t.providerEntries))
    }
    #expect(share(b) > share(a) + 0.05, "deterred share \(share(a)) → \(share(b))")
  }

  /// M7: misreporting acts. Providers design risk-sharing terms at the venue's mean share h̄ and
  /// bear its spread; each buyer values them at its own share, so buyers who misreport more select
  /// REVSHARE and providers receive less than the price in expectation — the more so off-exchange
  /// where h̄ is higher. With h̄ = 0 they receive the price exactly.
  @Test func misreportingMakesRiskSharingNeedVerification() throws {
    func offExchangeRevenueShare(h: Double) throws -> (selection: Double, received: Double) {
      var c = Self.small()
      c.contracts.allowed = [.fixed, .revenueShare]
      c.contracts.misreportingOff = h
      var hRev = 0.0, nRev = 0, hFixed = 0.0, nFixed = 0, received = 0.0, priced = 0.0
      for seed in UInt64(1)...3 {
        let (m, _) = try DataMarketModel.simulate(c, seed: seed)
        for k in m.contracts where k.exchange < 0 {
          if k.terms.type == .revenueShare {
            hRev += k.misreporting; nRev += 1
            received += k.terms.upfront + k.terms.share * (1 - k.misreporting) * k.trueMeanBenefit
            priced += k.price
          } else { hFixed += k.misreporting; nFixed += 1 }
        }
      }
      #expect(nRev > 20 && nFixed > 20, "REVSHARE \(nRev), FIXED \(nFixed)")
      return (hRev / Double(max(nRev, 1)) - hFixed / Double(max(nFixed, 1)), received / priced)
    }
    let honest = try offExchangeRevenueShare(h: 0), opaque = try offExchangeRevenueShare(h: 0.4)
    #expect(abs(honest.received - 1) < 1e-9 && abs(honest.selection) < 1e-12)
    #expect(opaque.selection > 0.02, "REVSHARE buyers misreport \(opaque.selection) more than FIXED buyers")
    #expect(opaque.received < 0.99, "providers receive \(opaque.received) of the price on REVSHARE off-exchange")
  }

  @Test func theProviderBearsTheSpreadOfMisreporting() {
    let t = ContractTerms.design(.revenueShare, price: 20, upfrontShare: 0.3, providerExpectedBenefit: 60, sigma: 0.8,
                                 misreporting: 0.25, term: 12, outcomeQuantile: 1, expectedUses: 100)
    let known = t.providerCE(expectedBenefit: 60, sigma: 0.8, misreporting: 0.25, sellerFeeRate: 0, marginalCost: 1,
                             riskAversion: 1, wealth: 500)
    let unknown = t.providerCE(expectedBenefit: 60, sigma: 0.8, misreporting: 0.25,
                               misreportingVariance: ContractChoice.misreportingVariance(mean: 0.25), sellerFeeRate: 0,
                               marginalCost: 1, riskAversion: 1, wealth: 500)
    #expect(unknown < known)
    #expect(abs(ContractChoice.buyerMisreporting(mean: 0.25, draw: 0.5) - 0.25) < 1e-12)
    #expect(ContractChoice.buyerMisreporting(mean: 0.9, draw: 0.999_999) <= 0.99)
  }

  /// Public products have no marginal cost of their own (the operator's costs are C_o), so a low
  /// cap still sells; and a posted cap is what buyers pay, also when a lower re-posted cap reaches
  /// bids that wait at higher prices.
  @Test func publicDataSellsAtThePostedCap() throws {
    var c = Self.small(periods: 36)
    c.publicOperator.capMultiple = 0.2
    let (m, _) = try DataMarketModel.simulate(c, seed: 11)
    let publicSales = m.contracts.filter { !$0.free && m.products[Int($0.product)].isPublic }
    #expect(publicSales.count > 10, "\(publicSales.count) commercial sales of public data at κ_cap = 0.2")
    var caps = Set(m.periods.map { Int64(($0.publicPriceCap / 0.01).rounded(.up)) })
    caps.insert(Int64((DataMarketModel(config: c, seed: 11).publicCap / 0.01).rounded(.up)))
    for k in publicSales {
      #expect(caps.contains(Int64((k.price / 0.01).rounded())), "public sale at \(k.price), caps \(caps.sorted())")
    }
  }

  /// An arrival rate so small that its exponential draw overflows to ∞ (a valid 1e-9 per day
  /// times an arrival multiplier of 1e-300) is an arrival that never comes: the run completes
  /// with none from that region. It failed before ("cannot schedule … at time inf").
  @Test func anArrivalRateTooSmallToDrawMeansNoArrivals() throws {
    var c = Self.small(periods: 4)
    c.regions[0].providerArrivalRate = 1e-9
    c.regions[0].buyerArrivalRate = 1e-9
    c.providers.arrivalMultiplier = 1e-300
    c.buyers.arrivalMultiplier = 1e-300
    #expect(c.providerArrivalRate(0) > 0 && c.buyerArrivalRate(0) > 0)
    let (m, _) = try DataMarketModel.simulate(c, seed: 2)
    #expect(m.periods.count == 4)
    #expect(m.periods.reduce(0) { $0 + $1.byRegion[0].buyerArrivals } == 0)
    #expect(m.products.allSatisfy { $0.isPublic || $0.region != 0 })
  }
}
