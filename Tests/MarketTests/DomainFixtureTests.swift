import Testing
@testable import Market
@testable import Simulation

/// DOMAIN.md §4.5 canonical fixtures 1, 4, 5, 6 (fixture 7 is the accounting property below).
@Suite struct DomainFixtureTests {
  @Test func fixture1Valuation() {
    let v = Valuation.value(buyerScale: 100, fit: 1, quality: 0.8, qualityExponent: 1.5, readiness: 0.5, readinessWeight: 0.8)
    #expect(abs(v - 42.93) < 0.005, "\(v)")
    #expect(Valuation.fit([1, 0], [1, 0]) == 1 && Valuation.fit([1, 0], [0, 1]) == 0 && Valuation.fit([1, 0], [-1, 0]) == 0)
  }

  @Test func beliefsFollowM2() {
    // π = 0.2, screens 0.7 and 0.8 ⇒ π̂ = 0.2·0.06 / (0.012 + 0.8)
    let p = Valuation.posteriorBad(prior: 0.2, detections: [0.7, 0.8])
    #expect(abs(p - 0.012 / 0.812) < 1e-15)
    #expect(Valuation.posteriorBad(prior: 0.2, detections: []) == 0.2)
  }

  @Test func fixture4RevenueShareVariances() {
    // α = 0.3, h = 0, φ_s = 0: Var π_P / Var Y = α² = 0.09, Var π_B / Var Y = (1 − α)² = 0.49
    let ey = 50.0, sigma = 0.8
    let t = ContractTerms(type: .revenueShare, upfront: 0, share: 0.3, bonus: 0, threshold: 0, perUse: 0, expectedUses: 0)
    let (_, varP, cov) = t.paymentMoments(expectedBenefit: ey, sigma: sigma, misreporting: 0)
    let varY = ey * ey * (_exp(sigma * sigma) - 1)
    #expect(abs(varP / varY - 0.09) < 1e-12)
    #expect(abs((varY + varP - 2 * cov) / varY - 0.49) < 1e-12)
    #expect(abs((_exp(0.64) - 1) - 0.896) < 0.001)  // Var Z for σ_Z = 0.8
  }

  @Test func fixture5HHI() {
    #expect(Concentration.hhi([30.0, 30, 20, 20]) == 2_600)
    #expect(Concentration.hhi([3.0, 3, 2, 2]) == 2_600)
    #expect(Concentration.hhi([Double]()).isNaN && Concentration.hhi([0.0, 0]).isNaN)
  }

  @Test func fixture6MAR() {
    let mar = PublicDataPricing.maximumAllowableRevenue(allowedCost: 1_000, assetBase: 2_000, permittedRate: 0.078, tax: 0)
    #expect(abs(mar - 1_156) < 1e-9)
    #expect(PublicDataPricing.clawback(revenue: 1_300, mar: 1_156) == 144)
    #expect(PublicDataPricing.clawback(revenue: 900, mar: 1_156) == 0)
    #expect(PublicDataPricing.monopolyPrice(willingness: [10, 8, 3, 1]) == 8)
  }

  @Test func contractDesignKeepsTheExpectedPaymentAtThePrice() {
    for type in ContractType.allCases {
      let t = ContractTerms.design(type, price: 20, upfrontShare: 0.3, providerExpectedBenefit: 60, sigma: 0.8, misreporting: 0.05,
                                   term: 12, outcomeQuantile: 1, expectedUses: 100)
      let (mean, _, _) = t.paymentMoments(expectedBenefit: 60, sigma: 0.8, misreporting: 0.05)
      #expect(abs(mean - 20) < 1e-9, "\(type): expected payment \(mean)")
    }
  }

  @Test func riskSharingLowersTheBuyersRiskPremium() {
    let fixed = ContractTerms.design(.fixed, price: 20, upfrontShare: 0.3, providerExpectedBenefit: 60, sigma: 0.8, misreporting: 0,
                                     term: 12, outcomeQuantile: 1, expectedUses: 100)
    let share = ContractTerms.design(.revenueShare, price: 20, upfrontShare: 0.3, providerExpectedBenefit: 60, sigma: 0.8, misreporting: 0,
                                     term: 12, outcomeQuantile: 1, expectedUses: 100)
    let ceFixed = fixed.buyerCE(expectedBenefit: 60, sigma: 0.8, misreporting: 0, buyerFeeRate: 0, fixedCosts: 0, riskAversion: 2, wealth: 200)
    let ceShare = share.buyerCE(expectedBenefit: 60, sigma: 0.8, misreporting: 0, buyerFeeRate: 0, fixedCosts: 0, riskAversion: 2, wealth: 200)
    #expect(ceShare > ceFixed)
    // a bad provider (true E[Y] lower) would ask a larger share: buyers expecting 60 then pay more than 20
    let badShare = ContractTerms.design(.revenueShare, price: 20, upfrontShare: 0.3, providerExpectedBenefit: 25, sigma: 0.8, misreporting: 0,
                                        term: 12, outcomeQuantile: 1, expectedUses: 100)
    #expect(badShare.paymentMoments(expectedBenefit: 60, sigma: 0.8, misreporting: 0).mean > 20)
  }
}

/// M3, M5 and M6 as pure functions, with hand-computed values.
@Suite struct PricingAndFrictionFixtureTests {
  @Test func providerPricing() {
    #expect(ProviderPricing.costPlus(fixedCost: 200, expectedSales: 20, marginalCost: 0.5, markup: 0.3) == 1.3 * 10.5)
    #expect(ProviderPricing.floor(marginalCost: 0.5, sellerFeeRate: 0.5) == 1)
    #expect(ProviderPricing.floor(marginalCost: 0.5, sellerFeeRate: 1) == 0.5 / 1e-9)    // a 100% fee: no finite floor
    #expect(abs(ProviderPricing.adapt(price: 10, conversion: 0.2, target: 0.2, rate: 0.1, floor: 1, ceiling: 100) - 10) < 1e-12)
    #expect(ProviderPricing.adapt(price: 10, conversion: 0, target: 1, rate: 50, floor: 3, ceiling: 100) == 3)
    #expect(ProviderPricing.adapt(price: 10, conversion: 1, target: 0, rate: 50, floor: 3, ceiling: 100) == 100)
    #expect(ProviderPricing.bargained(marginalCost: 1, expectedValue: 21, transactionCosts: 4, providerShare: 0.5) == 9)
  }

  @Test func friction() {
    let f = Friction(searchCost: 0.2, dueDiligenceCost: 2, certificateCut: 0.5, unification: 0.2, crossRegionFixedCost: 5,
                     crossRegionCostRate: 0.05, offExchangeDiligenceMultiple: 2)
    #expect(f.onExchange(recognised: false, crossRegion: false, price: 10) == 2.2)
    #expect(f.onExchange(recognised: true, crossRegion: false, price: 10) == 1.2)
    #expect(abs(f.onExchange(recognised: false, crossRegion: true, price: 10) - (2.2 + 0.8 * 5.5)) < 1e-12)
    #expect(f.offExchange(certified: false) == 4.2)
    #expect(f.offExchange(certified: true) == 2.2)
    var unified = f
    unified.unification = 1
    #expect(unified.onExchange(recognised: false, crossRegion: true, price: 10) == 2.2)   // no cross-region friction at u = 1
  }
}
