import Testing
@testable import Market
@testable import Simulation

/// M3's optional versions by readiness tier (Varian 1997): with `providers.versioning` every
/// unlimited private product whose readiness exceeds a_L also posts a basic version of readiness
/// a_L, at the price that leaves the segment valuing readiness most indifferent; buyers weigh
/// both versions and sort themselves by how much readiness is worth to them.
@Suite struct VersioningTests {
  static func config(versioning: Bool) -> DataMarketConfig {
    var c = DataMarketConfig()
    c.periods = 24
    c.providers.versioning = versioning
    return c
  }

  static func run(_ c: DataMarketConfig, seed: UInt64 = 11) throws -> DataMarketModel {
    try DataMarketModel.simulateChecked(c, seed: seed).0
  }

  @Test func theBasicVersionIsWorthM1sReadinessFactorRatio() {
    // (1 − 0.8·(1 − 0))/(1 − 0.8·(1 − 0.6)) = 0.2/0.68
    #expect(abs(Valuation.versionRatio(readiness: 0.6, basicReadiness: 0, readinessWeight: 0.8) - 0.2 / 0.68) < 1e-15)
    #expect(Valuation.versionRatio(readiness: 0.6, basicReadiness: 0.6, readinessWeight: 0.8) == 1)
    #expect(Valuation.versionRatio(readiness: 0.6, basicReadiness: 0, readinessWeight: 0) == 1, "a buyer who ignores readiness values both alike")
    #expect(Valuation.versionRatio(readiness: 0, basicReadiness: 0, readinessWeight: 1) == 0, "worthless full version: no ratio")
    // M1 is linear in the factor: the ratio of the two values is the ratio
    let full = Valuation.value(buyerScale: 100, fit: 0.7, quality: 0.8, qualityExponent: 1.5, readiness: 0.9, readinessWeight: 0.3)
    let basic = Valuation.value(buyerScale: 100, fit: 0.7, quality: 0.8, qualityExponent: 1.5, readiness: 0.1, readinessWeight: 0.3)
    #expect(abs(basic / full - Valuation.versionRatio(readiness: 0.9, basicReadiness: 0.1, readinessWeight: 0.3)) < 1e-12)
  }

  @Test func theBasicPriceLeavesTheReadinessHungrySegmentIndifferentAboveTheFloor() {
    #expect(ProviderPricing.basicVersion(price: 10, highRatio: 0.3, floor: 1) == 3)
    #expect(ProviderPricing.basicVersion(price: 10, highRatio: 0.3, floor: 5) == 5, "never below the floor")
    #expect(ProviderPricing.basicVersion(price: 4, highRatio: 0.3, floor: 5) == 4, "never above the full price")
    // at p_L = ρ_H·p the high-ω buyer's value minus price is ρ_H times the full version's: indifferent in ratio
    let rho = Valuation.versionRatio(readiness: 0.7, basicReadiness: 0, readinessWeight: 0.8)
    let v = 50.0, p = 20.0
    #expect(abs((rho * v - ProviderPricing.basicVersion(price: p, highRatio: rho, floor: 0)) - rho * (v - p)) < 1e-12)
  }

  @Test func theMenuPaysWhenTheBasicVersionReachesBuyersTheFullPriceExcludes() {
    // two readiness-hungry viewers (full 10, basic 2) and two who would pay 4 for the full
    // version but 3.5 for the basic one; ρ_H = 0.3. One price: 10 to the first two (20). The menu
    // at P = 10 also sells the basic version at 3 to the other two: 26.
    let choice = VersionMenu.optimal(full: [10, 10, 4, 4], basic: [2, 2, 3.5, 3.5], highRatio: 0.3, floor: 0,
                                     sellerFeeRate: 0, marginalCost: 0, guardShare: 0)
    #expect(choice == VersionMenu.Choice(price: 10, versions: true, profit: 26))
  }

  @Test func theMenuIsDeclinedWhenTheBasicVersionOnlyCannibalises() {
    // the third viewer would pay 9 for the full version and 8 for the basic one: one price of 9
    // sells three full versions (27); any menu moves it to the cheap basic version (best 23).
    let choice = VersionMenu.optimal(full: [10, 10, 9], basic: [2, 2, 8], highRatio: 0.3, floor: 0,
                                     sellerFeeRate: 0, marginalCost: 0, guardShare: 0)
    #expect(choice == VersionMenu.Choice(price: 9, versions: false, profit: 27))
    // fees and cost enter each sale's margin: p(1 − φ_s) − c
    let net = VersionMenu.optimal(full: [10, 10, 9], basic: [2, 2, 8], highRatio: 0.3, floor: 0,
                                  sellerFeeRate: 0.1, marginalCost: 1, guardShare: 0)
    #expect(net?.price == 9 && net?.versions == false && abs(net!.profit - 3 * (9 * 0.9 - 1)) < 1e-12)
    #expect(VersionMenu.optimal(full: [], basic: [], highRatio: 0.3, floor: 0, sellerFeeRate: 0, marginalCost: 0) == nil)
  }

  @Test func offByDefaultNoBasicVersionIsPosted() throws {
    #expect(DataMarketConfig().providers.versioning == false)
    let m = try Self.run(Self.config(versioning: false))
    #expect(!m.listings.contains { $0.basicBook >= 0 || $0.basicAskSlot >= 0 })
    #expect(!m.basicPrices.contains { $0 != 0 })
    #expect(!m.contracts.contains { $0.basicVersion })
  }

  @Test func eligibleListingsPostABasicAskAtTheRuleAndOthersNone() throws {
    let m = try Self.run(Self.config(versioning: true))
    var posted = 0
    for l in m.listings where l.active {
      let p = m.products[Int(l.product)]
      if m.offersBasicVersion(p) {
        guard l.basicAskSlot >= 0 else { continue }   // an ask too far from the book's window is withdrawn
        posted += 1
        let basic = m.basicPrices[Int(l.product)]
        #expect(m.engine.price(l.basicAskSlot) == DataMarketModel.ticks(basic), "the resting ask is the posted basic price")
        #expect(basic <= p.price + 1e-12)
        #expect(basic >= m.priceFloor(l.product) - 1e-12)
      } else {
        #expect(l.basicAskSlot < 0, "product \(l.product) offers no basic version: none rests")
        if !m.versionable(p) { #expect(p.isPublic || p.limited || p.readiness <= m.config.providers.basicReadiness) }
      }
    }
    #expect(posted > 20, "some providers find the menu pays")
    #expect(m.products.contains { m.versionable($0) && $0.listed && !$0.versionsOffered }, "and some do not")
  }

  @Test func buyersWhoValueReadinessLessBuyTheBasicVersionMoreOften() throws {
    let m = try Self.run(Self.config(versioning: true))
    var basic = [Int](repeating: 0, count: m.config.buyers.segments.count), all = basic
    for c in m.contracts where c.exchange >= 0 && !c.free {
      all[c.segment] += 1
      if c.basicVersion { basic[c.segment] += 1 }
    }
    let segments = m.config.buyers.segments
    let ai = segments.indices.filter { segments[$0].ai }
    let others = segments.indices.filter { !segments[$0].ai }
    let share = { (s: [Int]) in Double(s.reduce(0) { $0 + basic[$1] }) / Double(max(1, s.reduce(0) { $0 + all[$1] })) }
    #expect(basic.reduce(0, +) > 50, "basic versions sell")
    #expect(share(others) > 3 * share(ai), "ω = 0.3 buyers take the basic version far more often than the ω = 0.8 AI segment: \(share(others)) vs \(share(ai))")
    // a basic version's contract records the basic tier's readiness and is not an AI-ready trade
    let totals = DataMarketTotals(m)
    #expect(totals.activity.basicVersionTrades > 0)
  }
}
