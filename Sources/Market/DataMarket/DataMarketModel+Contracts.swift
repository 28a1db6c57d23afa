import Matching
import Simulation

// M7: contracts are signed, paid and settled when the benefit is realised.
extension DataMarketModel {

  // MARK: contracts and money

  /// Signs a contract for a trade at `price` (M7): terms designed on the provider's belief (it
  /// knows the true quality) and chosen by ``ContractChoice``; the upfront payment, real costs and
  /// activity. A public-interest use of public data is free and flagged `free`; a paid trade for
  /// which the provider accepts none of the allowed types is refused (counted in `refusals`) and
  /// nothing changes hands. An OPTION's trial and the buyer's exercise are decided here (stream
  /// "trials"); an unexercised option books no expected benefit. `basicVersion`: the buyer bought
  /// the product's basic version (M3's versions; `ev` and `trueEV` are that version's).
  func sign(product id: Int32, buyerRegion r: Int, segment: Int, firm: Int32, honesty: Double, exchange e: Int, price: Double, expectedValue ev: Double,
            trueValue trueEV: Double, friction: Double, wealth: Double, arrival: Double, now: Double,
            kernel: inout Kernel<Event>, leakedCopy: Bool = false, basicVersion: Bool = false) throws {
    let free = price == 0 && (products[Int(id)].isPublic || leakedCopy)
    let onExchange = e >= 0
    // the exchange's fees and cost per trade, not a copy of the exchange (whose name it would retain)
    let buyerFeeRate = onExchange ? config.exchanges[e].buyerFeeRate : 0, sellerFeeRate = onExchange ? config.exchanges[e].sellerFeeRate : 0
    let h = onExchange ? config.contracts.misreportingOn : config.contracts.misreportingOff
    // M4: the membership fee, once a year per buyer firm and exchange
    let membership = (e >= 0 && !free) ? membershipDue(firm: firm, exchange: e, now: now) : 0
    let ownH = ContractChoice.buyerMisreporting(mean: h, draw: honesty)
    let bad = contractChoice.allowsOption ? OptionValuation.belief(expectedBenefit: ev, trueBenefit: trueEV, powers: valuationTable.powers(id)) : (0, ev)
    let deal = ContractChoice.Deal(price: price, providerExpectedBenefit: trueEV, buyerExpectedBenefit: ev, misreporting: h,
                                   buyerMisreporting: ownH, misreportingVariance: ContractChoice.misreportingVariance(mean: h),
                                   buyerFeeRate: free ? 0 : buyerFeeRate, sellerFeeRate: free ? 0 : sellerFeeRate,
                                   buyerFixedCosts: friction + membership, buyerWealth: wealth, marginalCost: products[Int(id)].marginalCost,
                                   providerBadProbability: products[Int(id)].bad ? 1 : 0, buyerBadProbability: bad.0, buyerBadBenefit: bad.1)
    let terms: ContractTerms
    if free {
      terms = contractChoice.terms(.fixed, for: deal)
    } else if let chosen = contractChoice.best(for: deal) {
      terms = chosen.terms
    } else {
      national.refusals += 1; byRegion[r].refusals += 1
      return
    }
    let cid = contracts.count
    var contract = Contract(id: cid, product: id, buyerRegion: r, segment: segment, exchange: e, terms: terms, price: price,
                            signedAt: now, trueMeanBenefit: trueEV, believedMeanBenefit: ev, misreporting: ownH, cash: wealth, free: free)
    contract.basicVersion = basicVersion
    if terms.type == .option {
      let foundBad = products[Int(id)].bad && unitDouble(&trialRNG) < contractChoice.trialDetection
      contract.exercised = deal.option(trialDetection: contractChoice.trialDetection)
        .exercises(foundBad: foundBad, strike: terms.bonus, buyerFeeRate: deal.buyerFeeRate)
    }
    // upfront money, friction and marginal cost
    if membership > 0 { memberSince[Int(firm) * config.exchanges.count + e] = Int32(calendar.year(atDay: now)) }
    pay(amount: terms.upfront, contract: &contract, membership: membership)
    ledger.post(friction, .realCost, from: .buyers, to: .world)
    if leakedCopy {   // M9: a free substitute: the buyer's use counts, the provider sells nothing
      national.leakedUses += 1; national.leakageLostRevenue += referencePrice(products[Int(id)])
    } else if !products[Int(id)].isPublic {
      ledger.post(products[Int(id)].marginalCost, .realCost, from: .providers, to: .world)
      products[Int(id)].costs += products[Int(id)].marginalCost
      if onExchange { products[Int(id)].copiesOn += 1 } else { products[Int(id)].copiesOff += 1 }
    }
    if onExchange && !free { ledger.post(config.exchanges[e].costPerTrade, .realCost, from: .exchange(e), to: .world) }
    record(contract, waitedDays: now - arrival)
    if !leakedCopy {
      products[Int(id)].sales += 1
      if products[Int(id)].limited { products[Int(id)].licencesLeft -= 1 }
    }
    providerGMV[Int(id)] += price
    if contract.exercised { ledger.expectedBenefits += trueEV }
    if products[Int(id)].isPublic && !free { publicVolumeThisYear += 1 }
    contracts.append(contract)
    try kernel.schedule(.benefitRealization(contract: Int32(cid)), after: config.contracts.benefitDelayDays)
  }

  /// Counts a signed contract in the period's national, buyer-region and exchange activity.
  func record(_ c: Contract, waitedDays: Double) {
    // built by a function and held as a constant: a local variable passed to `addContract`
    // was copied (656 bytes) for each of the three scopes
    let a = contractActivity(c, waitedDays: waitedDays)
    Self.addContract(a, to: &national); Self.addContract(a, to: &byRegion[c.buyerRegion])
    if c.exchange >= 0 { Self.addContract(a, to: &byExchange[c.exchange]) }
  }

  /// The activity one signed contract adds to each of its scopes.
  func contractActivity(_ c: Contract, waitedDays: Double) -> DataMarketActivity {
    let p = products[Int(c.product)]
    // data crossing regions: the provider's region is not the buyer's (wherever it is traded)
    let crossRegion = p.region != c.buyerRegion
    var a = DataMarketActivity()
    a.trades = 1
    a.gmv = c.price
    if c.exchange >= 0 { a.onExchangeTrades = 1; a.onExchangeGMV = c.price }
    if crossRegion { a.crossRegionTrades = 1; a.crossRegionGMV = c.price }
    a.timeToMatchDays = waitedDays
    a.badTrades = p.bad ? 1 : 0
    if config.buyers.segments[c.segment].ai { a.aiTrades = 1; a.aiGMV = c.price }
    if p.isPublic { if c.free { a.publicFreeUses = 1 } else { a.publicCommercialTrades = 1 } }
    // M3's versions: a basic version has the basic tier's readiness and is not AI-ready
    a.readinessSum = c.basicVersion ? min(p.readiness, config.providers.basicReadiness) : p.readiness
    if p.aiReady && !c.basicVersion { a.aiReadyTrades = 1 }
    if c.basicVersion { a.basicVersionTrades = 1; a.basicVersionGMV = c.price }
    let served = !(c.free && !p.isPublic)   // a leaked copy: the provider serves nothing
    a.tradeSurplus = (c.exercised ? c.trueMeanBenefit : 0) - (served ? p.marginalCost : 0)
    if c.price > 0 {
      a.paidBenefit = c.trueMeanBenefit
      if c.exchange >= 0 {
        a.onExchangePaidBenefit = c.trueMeanBenefit
        if c.trueMeanBenefit > 0 { a.onExchangePriceToBenefitPerTrade.add(c.price / c.trueMeanBenefit) }
      }
      if measuring { dealSizes.add(_log(c.price) / Self.log10) }
    }
    if c.price > 0 { a.pricePerQuality.add(c.price / max(p.claimedQuality, 1e-9)) }
    if !c.free {
      let t = ContractType.allCases.firstIndex(of: c.terms.type)!
      a.contractCounts[t] = 1
      if p.bad { a.badContractCounts[t] = 1 }
    }
    return a
  }

  /// Adds one contract's activity to a scope (``DataMarketActivity/addContract(_:)``); debug
  /// builds check that it sums exactly what ``DataMarketActivity/add(_:)`` would.
  static func addContract(_ a: DataMarketActivity, to scope: inout DataMarketActivity) {
    #if DEBUG
    var full = scope
    full.add(a)
    #endif
    scope.addContract(a)
    #if DEBUG
    assert(full == scope, "DataMarketActivity.addContract leaves out a field record(_:waitedDays:) sets")
    #endif
  }

  /// Posts a payment of `amount` due under a contract: the price from the buyer to the seller (a
  /// private provider or the public operator), the buyer fee φ_b and the membership fee from the
  /// buyer to the exchange, the seller fee φ_s from the seller to the exchange.
  func pay(amount: Double, contract c: inout Contract, membership: Double) {
    let p = products[Int(c.product)]
    let e = c.exchange
    let free = c.price == 0
    let fb = (e >= 0 && !free) ? config.exchanges[e].buyerFeeRate : 0
    let fs = (e >= 0 && !free) ? config.exchanges[e].sellerFeeRate : 0
    let buyerPays = amount * (1 + fb) + membership
    let net = amount * (1 - fs)
    let seller: LedgerAccount = p.isPublic ? .publicOperator : .providers
    ledger.post(amount, .price, from: .buyers, to: seller)
    if e >= 0 {
      ledger.post(amount * fb, .buyerFee, from: .buyers, to: .exchange(e))
      ledger.post(amount * fs, .sellerFee, from: seller, to: .exchange(e))
      ledger.post(membership, .membershipFee, from: .buyers, to: .exchange(e))
    }
    if p.isPublic { publicRevenueThisYear += net }
    products[Int(c.product)].revenue += net
    c.paid += buyerPays
    c.cash -= buyerPays
  }

  /// Realises contract `i`'s benefit Y = E[Y]·Z and settles what is due under its terms (a
  /// buyer short of cash defaults and pays the recovery share). A contract is realised once. An
  /// exercised OPTION pays its strike X now; an unexercised one realises no benefit (0, no posting).
  func realiseBenefit(_ i: Int) {
    var c = contracts[i]
    guard c.benefit.isNaN else { return }
    let z = LogNormalDistribution.meanOne(sigma: config.benefitSigma).sample(using: &benefitRNG)
    let y = c.exercised ? c.trueMeanBenefit * z : 0
    c.benefit = y
    if c.exercised { ledger.post(y, .benefit, from: .world, to: .buyers) }
    let reported = (1 - c.misreporting) * y
    var due = 0.0
    switch c.terms.type {
    case .fixed: break
    case .revenueShare: due = c.terms.share * reported
    case .outcome: due = reported >= c.terms.threshold ? c.terms.bonus : 0
    case .subscription: due = y >= c.terms.threshold ? c.terms.bonus : 0
    case .option: due = c.exercised ? c.terms.bonus : 0
    case .usage:
      // uses are capped at 3·u0; a mean far above the cap (a huge shock Z) is capped first, so
      // sampling stays finite (it changes nothing: such a draw is above the cap anyway)
      let cap = 3 * c.terms.expectedUses
      let uses = min(PoissonDistribution(mean: min(c.terms.expectedUses * z, 10 * cap + 100)).sample(using: &benefitRNG), Int(cap))
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
    national.settlements += 1
    contracts[i] = c
  }
}
