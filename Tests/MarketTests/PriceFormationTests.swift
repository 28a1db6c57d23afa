import Testing
import Foundation
@testable import Market

/// M3: value-based posted prices and bargained bilateral prices respond to what data is worth,
/// to competition and to fees in the directions economics expects.
@Suite struct PriceFormationTests {
  @Test func theDemandOptimalPriceMaximisesProfitOverObservedWinningPrices() {
    // demand at p is #{w ≥ p}: 10 sells 1 (guarded out), 6 sells 2 → 12, 5 sells 4 → 20, 1 sells 8 → 8
    var w = [5, 1, 6, 1, 5, 10, 1, 1, 5, 1, 1, 1, 1, 1, 1, 1.0]
    #expect(ProviderPricing.demandOptimal(winningPrices: &w, sellerFeeRate: 0, marginalCost: 0) == 5)
    // a marginal cost of 4.5 makes the high price pay: (6 − 4.5)·2 = 3 > (5 − 4.5)·5 = 2.5
    var v = [5, 1, 6, 1, 5, 10, 1, 1, 5, 1, 1, 1, 1, 1, 1, 1.0]
    #expect(ProviderPricing.demandOptimal(winningPrices: &v, sellerFeeRate: 0, marginalCost: 4.5) == 6)
    // nothing above cost: no price
    var none = [1.0, 2, 3]
    #expect(ProviderPricing.demandOptimal(winningPrices: &none, sellerFeeRate: 0.5, marginalCost: 2) == nil)
  }

  @Test func theGuardIgnoresALoneOutlier() {
    // unguarded, 1000 to one buyer beats 8 × 10; guarded (at least 2 of 16 buyers), it cannot win
    var w = [1000.0] + Array(repeating: 10.0, count: 7) + Array(repeating: 1.0, count: 8)
    #expect(ProviderPricing.demandOptimal(winningPrices: &w, sellerFeeRate: 0, marginalCost: 0) == 10)
    var u = [1000.0] + Array(repeating: 10.0, count: 7) + Array(repeating: 1.0, count: 8)
    #expect(ProviderPricing.demandOptimal(winningPrices: &u, sellerFeeRate: 0, marginalCost: 0, guardShare: 0) == 1000)
  }

  @Test func learningMovesGeometricallyTowardTheTargetWithinBounds() {
    #expect(abs(ProviderPricing.learn(price: 100, target: 1, weight: 0.5, floor: 0, ceiling: 1e9) - 10) < 1e-9)
    #expect(ProviderPricing.learn(price: 100, target: 1, weight: 1, floor: 2, ceiling: 1e9) == 2)
    #expect(abs(ProviderPricing.learn(price: 5, target: 5, weight: 0.3, floor: 0, ceiling: 1e9) - 5) < 1e-12)
  }

  @Test func theLognormalMonopolyPriceSatisfiesItsFirstOrderCondition() {
    // zero cost: the hazard of the standard normal at z* equals σ; median 30, mean 265 ⇒ σ ≈ 2.087
    let p = ProviderPricing.lognormalMonopoly(scale: 1, median: 30, mean: 265, sellerFeeRate: 0, marginalCost: 0)
    let sigma = (2 * log(265.0 / 30)).squareRoot()
    let z = (log(p) - log(30)) / sigma
    let hazard = exp(-z * z / 2) / (2 * Double.pi).squareRoot() / (0.5 * erfc(z / 2.0.squareRoot()))
    #expect(abs(hazard - sigma) < 0.05, "z* = \(z), hazard \(hazard) vs σ \(sigma)")
    // proportional to the value scale; a seller fee on a zero-cost seller leaves it unchanged
    #expect(abs(ProviderPricing.lognormalMonopoly(scale: 0.5, median: 30, mean: 265, sellerFeeRate: 0, marginalCost: 0) - p / 2) < 1e-9 * p)
    #expect(ProviderPricing.lognormalMonopoly(scale: 1, median: 30, mean: 265, sellerFeeRate: 0.1, marginalCost: 0) == p)
  }

  @Test func bargainingLeavesTheBuyerItsOutsideOption() {
    #expect(ProviderPricing.bargained(marginalCost: 1, expectedValue: 21, transactionCosts: 0, providerShare: 0.5) == 11)
    #expect(ProviderPricing.bargained(marginalCost: 1, expectedValue: 21, transactionCosts: 0, providerShare: 0.5, buyerOutsideOption: 10) == 6)
    // a negative outside option (a bad on-exchange offer) is no better than not buying
    #expect(ProviderPricing.bargained(marginalCost: 1, expectedValue: 21, transactionCosts: 0, providerShare: 0.5, buyerOutsideOption: -5) == 11)
  }

  // MARK: the model

  static func small() -> DataMarketConfig {
    var c = WhatIfDirectionTests.small()
    c.offExchangeEnabled = false   // the posted-price market alone
    c.publicOperator.enabled = false
    c.providers.endogenousEntry = false   // the supply as configured: competition is the arrival rate
    c.leakage.enabled = false; c.readiness.investment = false; c.providers.sampleShare = 0; c.bundles.share = 0
    return c
  }

  /// The median price of paid on-exchange trades after the warm-up — posted asks as buyers pay
  /// them, weighted by sales (the mean is dominated by a few products with large fixed costs or
  /// values, and unsold listings keep their opening price) — and the mean over on-exchange trades
  /// of price / expected benefit, over seeds 1–4.
  func prices(_ c: DataMarketConfig) throws -> (posted: Double, priceToBenefit: Double) {
    var posted: [Double] = []
    var total = DataMarketActivity()
    let warm = Double(c.warmupPeriods) * c.periodDays
    for s in UInt64(1)..<5 {
      let (m, _) = try DataMarketModel.simulate(c, seed: s)
      for k in m.contracts where k.exchange >= 0 && k.price > 0 && k.signedAt >= warm { posted.append(k.price) }
      for p in m.periods where p.index >= c.warmupPeriods { total.add(p.national) }
    }
    posted.sort()
    return (posted[posted.count / 2], total.onExchangePriceToBenefitPerTrade.mean)
  }

  @Test func valueBasedPricesRiseWithWhatDataIsWorth() throws {
    var low = Self.small(), high = Self.small()
    high.buyers.valueMedian *= 4; high.buyers.valueMean *= 4
    let l = try prices(low), h = try prices(high)
    #expect(h.posted > 2 * l.posted, "posted \(l.posted) → \(h.posted)")
    // cost-plus prices ignore it (only which products list differs: listing follows trades)
    low.providers.pricing = .costPlus; high.providers.pricing = .costPlus
    let cl = try prices(low).posted, ch = try prices(high).posted
    #expect(abs(ch / cl - 1) < 0.25, "cost-plus \(cl) → \(ch)")
  }

  /// Competition as a buyer meets it: the listings it weighs against each other (its
  /// consideration set, drawn from the catalogue). Four times as many competing listings per
  /// buyer lower the prices paid and the share of the expected benefit they take. (More providers
  /// with the same consideration set give each buyer no more alternatives; they spread each
  /// product's viewers thinner, so prices learn more slowly — not a test of competition.)
  @Test func moreCompetingListingsLowerPricesAndThePriceToBenefitRatio() throws {
    var few = Self.small(), many = Self.small()
    few.buyers.considerationSetSize = 10; many.buyers.considerationSetSize = 40
    let f = try prices(few), m = try prices(many)
    #expect(m.posted < 0.8 * f.posted, "price paid \(f.posted) → \(m.posted)")
    #expect(m.priceToBenefit < 0.9 * f.priceToBenefit, "price/benefit \(f.priceToBenefit) → \(m.priceToBenefit)")
  }

  /// A buyer fee φ_b lowers the winning prices providers learn from, p + (CE − alt)/(1 + φ_b):
  /// the share of the benefit the price takes falls (the fee takes its own share on top).
  @Test func aBuyerFeeLowersThePriceToBenefitRatio() throws {
    var none = Self.small(), fee = Self.small()
    none.buyerFeeElasticity = 0; fee.buyerFeeElasticity = 0   // same participation: the price effect alone
    for e in fee.exchanges.indices { fee.exchanges[e].buyerFeeRate = 0.2 }
    let n = try prices(none), f = try prices(fee)
    #expect(f.priceToBenefit < n.priceToBenefit, "price/benefit \(n.priceToBenefit) → \(f.priceToBenefit)")
  }

  @Test func aSellerFeePassesIntoPricesWhenServingCostsMoney() throws {
    var none = Self.small(), fee = Self.small()
    none.providerFeeElasticity = 0; fee.providerFeeElasticity = 0
    none.providers.marginalCost = 5; fee.providers.marginalCost = 5
    for e in fee.exchanges.indices { fee.exchanges[e].sellerFeeRate = 0.2 }
    for e in none.exchanges.indices { none.exchanges[e].sellerFeeRate = 0 }
    let n = try prices(none), f = try prices(fee)
    #expect(f.posted > n.posted, "posted \(n.posted) → \(f.posted)")
  }
}
