import Matching
import Simulation

// M7: contracts are signed, paid and settled when the benefit is realised.
extension DataMarketModel {

  // MARK: contracts and money

  func sign(product id: Int32, buyerRegion r: Int, segment: Int, onExchange: Bool, price: Double, expectedValue ev: Double,
                     trueValue trueEV: Double, friction: Double, wealth: Double, arrival: Double, now: Double,
                     kernel: inout Kernel<Event>) throws {
    var p = products[Int(id)]
    let free = price == 0 && p.isPublic
    let e = onExchange ? p.exchange : -1
    let x = e >= 0 ? config.exchanges[e] : nil
    let h = onExchange ? config.contracts.misreportingOn : config.contracts.misreportingOff
    let fb = free ? 0 : (x?.buyerFeeRate ?? 0), fs = free ? 0 : (x?.sellerFeeRate ?? 0)
    // M7: the buyer picks the allowed contract with the highest CE that both sides accept.
    var terms = ContractTerms.design(.fixed, price: price, upfrontShare: 0, providerExpectedBenefit: trueEV, sigma: config.benefitSigma,
                                     misreporting: h, term: config.contracts.termPeriods, outcomeQuantile: config.contracts.outcomeQuantile,
                                     expectedUses: config.contracts.expectedUses)
    if !free {
      var bestCE = -Double.infinity
      for t in config.contracts.allowed {
        let c = ContractTerms.design(t, price: price, upfrontShare: config.contracts.upfrontShare, providerExpectedBenefit: trueEV,
                                     sigma: config.benefitSigma, misreporting: h, term: config.contracts.termPeriods,
                                     outcomeQuantile: config.contracts.outcomeQuantile, expectedUses: config.contracts.expectedUses)
        let ceB = c.buyerCE(expectedBenefit: ev, sigma: config.benefitSigma, misreporting: h, buyerFeeRate: fb, fixedCosts: friction,
                            riskAversion: config.buyers.riskAversion, wealth: wealth)
        let ceP = c.providerCE(expectedBenefit: trueEV, sigma: config.benefitSigma, misreporting: h, sellerFeeRate: fs,
                               marginalCost: p.marginalCost, riskAversion: config.providers.riskAversion, wealth: config.providers.wealth)
        if ceP >= 0 && ceB > bestCE { bestCE = ceB; terms = c }
      }
    }
    let cid = contracts.count
    var contract = Contract(id: cid, product: id, buyerRegion: r, segment: segment, exchange: e, terms: terms, price: price,
                            signedAt: now, trueMeanBenefit: trueEV, believedMeanBenefit: ev, misreporting: h, cash: wealth)
    // upfront money, friction and marginal cost
    let membership = (onExchange && !free) ? (x?.membershipFee ?? 0) : 0
    pay(amount: terms.upfront, contract: &contract, membership: membership)
    let realFriction = friction - membership
    ledger.buyerRealCosts += realFriction
    if !p.isPublic { ledger.providerRealCosts += p.marginalCost; p.costs += p.marginalCost }
    if let x, !free { ledger.exchangeRealCosts += x.costPerTrade; exchangeLedgers[e].exchangeRealCosts += x.costPerTrade }
    // activity
    let crossRegion = onExchange ? config.exchanges[e].region != r : p.region != r
    var a = DataMarketActivity()
    a.trades = 1
    a.gmv = price
    if onExchange { a.onExchangeTrades = 1; a.onExchangeGMV = price }
    if crossRegion { a.crossRegionTrades = 1; a.crossRegionGMV = price }
    a.timeToMatchDays = now - arrival
    a.badTrades = p.bad ? 1 : 0
    if config.buyers.segments[segment].name == "ai" { a.aiTrades = 1; a.aiGMV = price }
    if p.isPublic { if free { a.publicFreeUses = 1 } else { a.publicCommercialTrades = 1 } }
    a.readinessSum = p.readiness
    if price > 0 { a.pricePerQuality.add(price / max(p.claimedQuality, 1e-9)) }
    a.contractCounts[ContractType.allCases.firstIndex(of: terms.type)!] = 1
    national.add(a); byRegion[r].add(a)
    if e >= 0 { byExchange[e].add(a) }
    p.sales += 1
    if p.limited { p.licencesLeft -= 1 }
    providerGMV[Int(id)] += price
    products[Int(id)] = p
    contracts.append(contract)
    try kernel.schedule(.benefitRealization(contract: Int32(cid)), after: config.contracts.benefitDelayDays)
  }

  /// Books a buyer payment of `amount` (+ buyer fee and membership) at every end of the transfer.
  func pay(amount: Double, contract c: inout Contract, membership: Double) {
    let p = products[Int(c.product)]
    let e = c.exchange
    let free = c.price == 0
    let fb = (e >= 0 && !free) ? config.exchanges[e].buyerFeeRate : 0
    let fs = (e >= 0 && !free) ? config.exchanges[e].sellerFeeRate : 0
    let buyerPays = amount * (1 + fb) + membership
    let fees = amount * (fb + fs) + membership
    let net = amount * (1 - fs)
    ledger.buyerPayments += buyerPays
    ledger.exchangeTradeFees += fees
    if e >= 0 { exchangeLedgers[e].exchangeTradeFees += fees }
    if p.isPublic {
      ledger.publicOperatorRevenue += net
      publicRevenueThisYear += net
    } else {
      ledger.providerReceipts += net
    }
    products[Int(c.product)].revenue += net
    c.paid += buyerPays
    c.cash -= buyerPays
  }

  func realiseBenefit(_ i: Int) {
    var c = contracts[i]
    let z = LogNormalDistribution.meanOne(sigma: config.benefitSigma).sample(using: &benefitRNG)
    let y = c.trueMeanBenefit * z
    c.benefit = y
    ledger.benefits += y
    let reported = (1 - c.misreporting) * y
    var due = 0.0
    switch c.terms.type {
    case .fixed: break
    case .revenueShare: due = c.terms.share * reported
    case .outcome: due = reported >= c.terms.threshold ? c.terms.bonus : 0
    case .subscription: due = y >= c.terms.threshold ? c.terms.bonus : 0
    case .usage:
      let uses = min(PoissonDistribution(mean: c.terms.expectedUses * z).sample(using: &benefitRNG), Int(3 * c.terms.expectedUses))
      due = c.terms.perUse * Double(uses)
    }
    if due > 0 {
      let fb = c.exchange >= 0 ? config.exchanges[c.exchange].buyerFeeRate : 0
      if due * (1 + fb) > c.cash {
        c.defaulted = true
        national.defaults += 1; byRegion[c.buyerRegion].defaults += 1
        due = max(0, min(c.cash / (1 + fb), config.contracts.recovery * due))
      }
      if due > 0 { pay(amount: due, contract: &c, membership: 0) }
    }
    c.settled = true
    national.settlements += 1
    contracts[i] = c
  }
}
