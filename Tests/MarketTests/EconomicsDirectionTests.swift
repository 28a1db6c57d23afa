import Testing
@testable import Market

/// M2 and M9–M12 act in the directions their mechanisms imply, on the small market of the
/// what-if tests, summed over a few seeds with common random numbers.
@Suite struct EconomicsDirectionTests {
  func total(_ c: DataMarketConfig, seeds: Range<UInt64> = 1..<4) throws -> DataMarketActivity {
    var t = DataMarketActivity()
    for s in seeds {
      let (m, _) = try DataMarketModel.simulate(c, seed: s)
      for p in m.periods where p.index >= c.warmupPeriods { t.add(p.national) }
    }
    return t
  }

  @Test func aSubsidyRaisesReadinessInvestment() throws {
    var none = WhatIfDirectionTests.small(), half = WhatIfDirectionTests.small()
    half.readiness.subsidy = 0.5
    let a = try total(none), b = try total(half)
    #expect(b.readinessInvestments > a.readinessInvestments, "investments \(a.readinessInvestments) → \(b.readinessInvestments)")
    #expect(b.salesWeightedReadiness > a.salesWeightedReadiness, "readiness \(a.salesWeightedReadiness) → \(b.salesWeightedReadiness)")
    none.readiness.investment = false
    #expect(try total(none).readinessInvestments == 0)
  }

  @Test func cheaperAnnotationDrawsInvestmentToTheBaseRegion() throws {
    var flat = WhatIfDirectionTests.small(), base = WhatIfDirectionTests.small()
    flat.regions[1].annotationBase = true; base.regions[1].annotationBase = true
    flat.readiness.annotationMultiplier = 1; base.readiness.annotationMultiplier = 0.5
    func baseShare(_ c: DataMarketConfig) throws -> Double {
      var inBase = 0.0, all = 0.0
      for s in UInt64(1)..<4 {
        let (m, _) = try DataMarketModel.simulate(c, seed: s)
        for p in m.periods { inBase += p.byRegion[1].readinessInvestment; all += p.national.readinessInvestment }
      }
      return inBase / all
    }
    let f = try baseShare(flat), b = try baseShare(base)
    #expect(b > f + 0.05, "base region's share of investment \(f) → \(b)")
  }

  @Test func riskSharingContractsScreenOutLemons() throws {
    var c = WhatIfDirectionTests.small()
    c.badShare = 0.4
    c.contracts.allowed = [.fixed, .revenueShare, .outcome]
    let t = try total(c)
    let fixed = t.lemonShare([.fixed]), sharing = t.lemonShare([.revenueShare, .outcome])
    #expect(fixed > sharing + 0.05, "lemon share FIXED \(fixed) vs risk sharing \(sharing)")
  }

  @Test func registrationLetsProvidersEnforceAgainstLeaks() throws {
    var off = WhatIfDirectionTests.small(), on = WhatIfDirectionTests.small()
    off.registry.mode = .off
    on.registry.mode = .national; on.registry.uptake = 1; on.registry.firstSubmissionFailure = 0; on.leakage.enforcement = 1
    let a = try total(off), b = try total(on)
    #expect(a.enforcements == 0 && a.damages == 0)
    #expect(b.enforcements > 0 && b.damages > 0)
    #expect(Double(b.leakedUses) < Double(a.leakedUses), "leaked uses \(a.leakedUses) → \(b.leakedUses)")
  }

  @Test func upkeepMakesLossMakingProvidersExit() throws {
    var cheap = WhatIfDirectionTests.small(), dear = WhatIfDirectionTests.small()
    cheap.periods = 30; dear.periods = 30
    cheap.providers.upkeepPerPeriod = 0; dear.providers.upkeepPerPeriod = 20
    let a = try total(cheap), b = try total(dear)
    #expect(b.providerExits > a.providerExits, "exits \(a.providerExits) → \(b.providerExits)")
  }

  @Test func theRobustSplitCutsTheGainFromCopying() throws {
    var shapley = WhatIfDirectionTests.small(), robust = WhatIfDirectionTests.small(), equal = WhatIfDirectionTests.small()
    shapley.bundles.share = 0.3; robust.bundles.share = 0.3; equal.bundles.share = 0.3
    robust.bundles.rule = .robustShapley; equal.bundles.rule = .equal
    let s = try total(shapley), r = try total(robust), e = try total(equal)
    #expect(s.bundleSales > 0)
    #expect(r.bundleReplicationGain.mean < s.bundleReplicationGain.mean, "Shapley \(s.bundleReplicationGain.mean) vs robust \(r.bundleReplicationGain.mean)")
    #expect(e.bundleReplicationGain.mean > s.bundleReplicationGain.mean, "equal \(e.bundleReplicationGain.mean)")
    #expect(e.bundlePayoutGini.mean < 1e-9)
  }
}
