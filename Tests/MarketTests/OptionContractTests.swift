import Testing
@testable import Market
@testable import Simulation

/// M7 OPTION (issue 12, item 8): a premium buys a trial; the buyer pays the strike only if its
/// updated E[v] covers it. Terms, the buyer's CE and its limits, the CE bound the offer pruning
/// relies on, screening in a small market and conservation of money. Money in RMB 10,000.
@Suite struct OptionContractTests {
  func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }

  func option(price p: Double, providerBad: Double, d: Double = 0.5, premium: Double = 0.2) -> ContractTerms {
    ContractTerms.design(.option, price: p, upfrontShare: 0.3, providerExpectedBenefit: 60, sigma: 0.8, misreporting: 0,
                         term: 12, outcomeQuantile: 1, expectedUses: 100, premiumShare: premium, exerciseProbability: 1 - providerBad * d)
  }

  @Test func designPaysThePriceByTheProvidersBeliefAndABadTypeAsksAHigherStrike() {
    let good = option(price: 30, providerBad: 0), bad = option(price: 30, providerBad: 1)
    #expect(close(good.upfront, 6) && close(good.bonus, 24))        // o = 0.2p, X = p − o
    #expect(close(bad.upfront, 6) && close(bad.bonus, 48))          // X = (p − o)/(1 − d)
    for t in [good, bad] {
      let m = t.paymentMoments(expectedBenefit: 60, sigma: 0.8, misreporting: 0)
      #expect(close(m.mean, 30), "expected payment \(m.mean)")
    }
    #expect(good.paymentMoments(expectedBenefit: 60, sigma: 0.8, misreporting: 0).variance == 0)
    #expect(close(bad.paymentMoments(expectedBenefit: 60, sigma: 0.8, misreporting: 0).variance, 48 * 48 * 0.25))
    // ContractChoice designs on the deal's provider belief
    let choice = ContractChoice(allowed: [.option], upfrontShare: 0.3, sigma: 0.8, term: 12, outcomeQuantile: 1, expectedUses: 100,
                                buyerRiskAversion: 2, providerRiskAversion: 1, providerWealth: 1_000, premiumShare: 0.2, trialDetection: 0.5)
    var deal = ContractChoice.Deal(price: 30, providerExpectedBenefit: 60, buyerExpectedBenefit: 60, misreporting: 0, buyerFeeRate: 0,
                                   sellerFeeRate: 0, buyerFixedCosts: 0, buyerWealth: 200, marginalCost: 1, providerBadProbability: 1)
    #expect(choice.terms(.option, for: deal) == bad)
    deal.providerBadProbability = 0
    #expect(choice.terms(.option, for: deal) == good)
  }

  func fixedCE(ev: Double, price: Double, fee: Double = 0, gamma: Double, varZ: Double) -> Double {
    ev - (1 + fee) * price - gamma / 400 * varZ * ev * ev
  }

  /// With no doubt (π̂ = 0) or no trial (d = 0) and X = p − o the option's flows are FIXED's: same CE.
  @Test func withNoDoubtOrNoTrialAnOptionIsWorthWhatFixedIs() {
    let varZ = _exp(0.64) - 1
    for gamma in [0.0, 2.0] {
      for fee in [0.0, 0.03] {
        let sure = OptionValuation(badProbability: 0, expectedBenefit: 60, badBenefit: 20, trialDetection: 0.5)
        let blind = OptionValuation(badProbability: 0.4, expectedBenefit: 0.6 * 60 + 0.4 * 20, badBenefit: 20, trialDetection: 0)
        for v in [sure, blind] {
          let ce = v.buyerCE(option(price: 30, providerBad: 0), buyerFeeRate: fee, fixedCosts: 0, varZ: varZ, riskAversion: gamma, wealth: 200)
          #expect(close(ce, fixedCE(ev: v.expectedBenefit, price: 30, fee: fee, gamma: gamma, varZ: varZ)), "γ \(gamma) φ \(fee): \(ce)")
        }
      }
    }
  }

  /// The trial is worth more the more the buyer doubts: OPTION − FIXED grows with π̂ (good
  /// provider's strike; a buyer who finds the product bad walks away). Without risk the gain is
  /// exactly π̂d·((1 + φ_b)X − v_bad).
  @Test func anOptionIsWorthMoreToABuyerWhoDoubtsMore() {
    let varZ = _exp(0.64) - 1
    for gamma in [0.0, 2.0] {
      var last = -Double.infinity
      for pi in [0.0, 0.1, 0.3, 0.5, 0.8] {
        let ev = (1 - pi) * 60 + pi * 20
        let v = OptionValuation(badProbability: pi, expectedBenefit: ev, badBenefit: 20, trialDetection: 0.5)
        let gain = v.buyerCE(option(price: 30, providerBad: 0), buyerFeeRate: 0, fixedCosts: 0, varZ: varZ, riskAversion: gamma, wealth: 200)
          - fixedCE(ev: ev, price: 30, gamma: gamma, varZ: varZ)
        if gamma == 0 { #expect(close(gain, pi * 0.5 * (24 - 20)), "π̂ \(pi): gain \(gain)") }
        #expect(gain > last || (pi == 0 && close(gain, 0)), "π̂ \(pi): gain \(gain) after \(last)")
        last = gain
      }
    }
  }

  @Test func exerciseFollowsTheUpdatedBelief() {
    let v = OptionValuation(badProbability: 0.5, expectedBenefit: 40, badBenefit: 20, trialDetection: 0.5)
    // after a clean trial π̂' = 0.25/0.75 = 1/3: E = (2/3)·60 + (1/3)·20
    #expect(close(v.benefitAfterCleanTrial, 140.0 / 3))
    #expect(v.exercises(foundBad: false, strike: 46, buyerFeeRate: 0) && !v.exercises(foundBad: false, strike: 47, buyerFeeRate: 0))
    #expect(!v.exercises(foundBad: true, strike: 24, buyerFeeRate: 0) && v.exercises(foundBad: true, strike: 19, buyerFeeRate: 0.05))
    #expect(!v.exercises(foundBad: true, strike: 20, buyerFeeRate: 0.05))
    let o = v.outcome(strike: 24, buyerFeeRate: 0)
    #expect(close(o.exercise, 0.75) && close(o.keptBenefit, 35))
  }

  @Test func theBuyersBeliefIsRecoveredFromItsExpectedValue() {
    let powers = (true: 8.0, claimed: 10.0, degraded: 4.0)   // a good product whose claim overstates it
    let scale = 3.0
    for pi in [0.0, 0.2, 1.0] {
      let ev = (1 - pi) * scale * 10 + pi * scale * 4
      let b = OptionValuation.belief(expectedBenefit: ev, trueBenefit: scale * 8, powers: powers)
      #expect(close(b.badProbability, pi) && close(b.badBenefit, 12))
    }
    #expect(OptionValuation.belief(expectedBenefit: 5, trueBenefit: 0, powers: powers) == (0, 5))
  }

  /// The offer pruning skips an offer whose bound is below the best so far: the bound must be at
  /// least the best CE over the allowed types, OPTION included, for every bid.
  @Test(arguments: UInt64(0)..<4)
  func theBuyersCEBoundHoldsWithOptions(seed: UInt64) {
    var rng = Xoshiro256StarStar(seed: seed)
    func u(_ a: Double, _ b: Double) -> Double { a + (b - a) * rng.nextUnitDouble() }
    for _ in 0..<500 {
      var allowed = ContractType.allCases.filter { _ in rng.next() % 2 == 0 }
      if !allowed.contains(.option) { allowed.append(.option) }
      let choice = ContractChoice(allowed: allowed, upfrontShare: u(0, 1), sigma: u(0, 1.5), term: 12, outcomeQuantile: u(0.5, 2),
                                  expectedUses: 100, buyerRiskAversion: u(0, 4), providerRiskAversion: u(0, 4), providerWealth: 1_000,
                                  premiumShare: u(0, 1), trialDetection: u(0, 1))
      let h = u(0, 0.5), good = u(1, 200), bad = good * u(0, 1), pi = u(0, 1)
      let ev = (1 - pi) * good + pi * bad, price = u(0.5, 2) * ev, fee = u(0, 0.1), costs = u(0, 5)
      let deal = ContractChoice.Deal(price: price, providerExpectedBenefit: ev, buyerExpectedBenefit: ev, misreporting: h,
                                     buyerMisreporting: ContractChoice.buyerMisreporting(mean: h, draw: u(0, 1)),
                                     misreportingVariance: ContractChoice.misreportingVariance(mean: h), buyerFeeRate: fee, sellerFeeRate: 0,
                                     buyerFixedCosts: costs, buyerWealth: u(50, 500), marginalCost: 0,
                                     providerBadProbability: pi, buyerBadProbability: pi, buyerBadBenefit: bad)
      guard let best = choice.best(for: deal) else { continue }
      let bound = choice.buyerCEBound(expectedBenefit: ev, price: price, buyerFeeRate: fee, fixedCosts: costs, misreporting: h)
      #expect(best.buyerCE <= bound + 1e-9 * max(1, abs(bound)), "\(best.terms.type): CE \(best.buyerCE) above bound \(bound)")
    }
  }

  func optionMarket(badShare: Double) -> DataMarketConfig {
    var c = DataMarketDefectTests.small()
    c.contracts.allowed = [.fixed, .option]
    c.badShare = badShare
    return c
  }

  /// Screening: a bad provider's option carries a higher strike, so buyers sign FIXED with bad
  /// providers and OPTION with good ones: fewer lemons among OPTION contracts than among FIXED.
  @Test func optionsScreenOutLemons() throws {
    var all = DataMarketActivity()
    for seed in UInt64(1)...2 {
      let (m, _) = try DataMarketModel.simulate(optionMarket(badShare: 0.5), seed: seed)
      for p in m.periods { all.add(p.national) }
    }
    let nOption = all.contractCounts[ContractType.allCases.firstIndex(of: .option)!]
    let nFixed = all.contractCounts[ContractType.allCases.firstIndex(of: .fixed)!]
    #expect(nOption > 20 && nFixed > 20, "OPTION \(nOption), FIXED \(nFixed)")
    #expect(all.lemonShare([.option]) < all.lemonShare([.fixed]),
            "lemons: OPTION \(all.lemonShare([.option])) vs FIXED \(all.lemonShare([.fixed]))")
  }

  /// Settlement: an exercised option pays its strike and realises its benefit; an unexercised one
  /// pays only its premium, realises nothing and books no expected benefit; money is conserved.
  /// OPTION alone: with FIXED beside it bad providers' options are never chosen (screening), so
  /// no buyer would ever walk away.
  @Test func optionsSettleAndMoneyIsConserved() throws {
    var c = optionMarket(badShare: 0.5)
    c.contracts.allowed = [.option]
    let (m, _) = try DataMarketModel.simulate(c, seed: 3)
    let opts = m.contracts.filter { $0.terms.type == .option }
    #expect(opts.contains { $0.exercised } && opts.contains { !$0.exercised }, "exercised \(opts.filter(\.exercised).count) of \(opts.count)")
    for k in opts where !k.exercised {
      #expect((k.benefit == 0 || k.benefit.isNaN) && !k.defaulted)
      #expect(m.products[Int(k.product)].bad, "only a trial that finds a bad product leads a buyer to walk away here")
    }
    for k in m.contracts where k.terms.type != .option { #expect(k.exercised) }
    for k in opts where k.exercised && !k.benefit.isNaN && !k.defaulted {
      let fb = k.exchange >= 0 ? m.config.exchanges[k.exchange].buyerFeeRate : 0
      #expect(k.paid >= (k.terms.upfront + k.terms.bonus) * (1 + fb) - 1e-9, "contract \(k.id) paid \(k.paid)")
    }
    let expected = m.periods.reduce(0.0) { $0 + $1.ledger.expectedBenefits }
    #expect(close(expected, m.contracts.filter(\.exercised).reduce(0.0) { $0 + $1.trueMeanBenefit }))
    let realised = m.periods.reduce(0.0) { $0 + $1.ledger.benefits }
    #expect(close(realised, m.contracts.reduce(0.0) { $0 + ($1.benefit.isNaN ? 0 : $1.benefit) }))
    for p in m.periods {
      let l = p.ledger
      #expect(close(l.buyerPayments, l.providerReceipts + l.exchangeTradeFees + l.publicOperatorRevenue))
      #expect(close(l.totalWelfare, l.resourceWelfare))
    }
    let paid = m.contracts.reduce(0.0) { $0 + $1.paid }
    #expect(close(paid, m.periods.reduce(0.0) { $0 + $1.ledger.buyerPayments }))
  }
}
