import Matching
import Simulation

// M1, M2, M5, M6: buyers arrive, value the products they see, weigh friction and contracts,
// and bid (or buy bilaterally off-exchange).
extension DataMarketModel {
  /// A buyer whose bid waits in a book.
  struct WaitingBuyer {
    var region: Int, segment: Int, product: Int32, slot: Int32, arrival: Double
    var expectedValue: Double, trueValue: Double, frictionCosts: Double, wealth: Double, active: Bool
  }


  // MARK: buyers

  struct Offer { var product: Int32; var onExchange: Bool; var price: Double; var expectedValue: Double; var trueValue: Double
    var friction: Double; var score: Double; var willingness: Double; var free: Bool }

  func buyerArrives(region r: Int, now: Double, kernel: inout Kernel<Event>) throws {
    national.buyerArrivals += 1; byRegion[r].buyerArrivals += 1
    let segment = segmentDraw.sample(using: &buyerRNG)
    let seg = config.buyers.segments[segment]
    let v = deal.sample(using: &buyerRNG)
    drawBuyerDomain()
    let wealth = v * config.buyers.wealthMultiple
    let gamma = config.buyers.riskAversion
    let varZ = _exp(config.benefitSigma * config.benefitSigma) - 1
    var best: Offer?
    func consider(_ o: Offer) { if best == nil || o.score > best!.score { best = o } }
    // on-exchange: a consideration set of visible listings
    if !listed.isEmpty {
      for _ in 0..<config.buyers.considerationSetSize {
        let id = listed[Int(UniformIntegerDistribution.below(UInt64(listed.count), using: &choiceRNG))]
        let p = products[Int(id)]
        guard p.licencesLeft > 0 else { continue }
        let exRegion = config.exchanges[p.exchange].region
        let cross = exRegion != r
        if cross && unitDouble(&choiceRNG) >= config.visibilityFloor + (1 - config.visibilityFloor) * config.unification { continue }
        products[Int(id)].views += 1
        let x = config.exchanges[p.exchange]
        let recognised = p.certified && certificateRecognised(productRegion: p.region, buyerRegion: r)
        let (ev, tv) = expectedValue(id, buyerScale: v, readinessWeight: seg.readinessWeight, exchangeDetection: x.detection,
                                     registryDetection: recognised ? config.registry.detection : 0)
        let free = p.isPublic && seg.publicPurpose
        let price = free ? 0 : p.price
        var friction = config.searchCost + config.dueDiligenceCost * (recognised ? 1 - config.certificateDiligenceCut : 1)
        if !free { friction += x.membershipFee }
        if cross { friction += (1 - config.unification) * (config.crossRegionFixedCost + config.crossRegionCostRate * price) }
        let k = 1 + (free ? 0 : x.buyerFeeRate)
        let score = free ? ev - friction - gamma / (2 * wealth) * ev * ev * varZ
                         : bestCertaintyEquivalent(expectedValue: ev, price: price, friction: friction, buyerFeeRate: x.buyerFeeRate,
                                                   misreporting: config.contracts.misreportingOn, wealth: wealth)
        let risk = max(0, ev - k * price - friction - score)   // the risk premium under the best contract
        let wtp = (ev - friction - risk) / k
        consider(Offer(product: id, onExchange: true, price: price, expectedValue: ev, trueValue: tv, friction: friction, score: score,
                       willingness: wtp, free: free))
      }
    }
    // off-exchange: bilateral offers from providers in the buyer's region (M6)
    if config.offExchangeEnabled && !productsByRegion[r].isEmpty {
      for _ in 0..<max(1, config.buyers.considerationSetSize / 3) {
        let list = productsByRegion[r]
        let id = list[Int(UniformIntegerDistribution.below(UInt64(list.count), using: &choiceRNG))]
        let p = products[Int(id)]
        guard !p.limited else { continue }
        let recognised = p.certified
        let (ev, tv) = expectedValue(id, buyerScale: v, readinessWeight: seg.readinessWeight, exchangeDetection: 0,
                                     registryDetection: recognised ? config.registry.detection : 0)
        let friction = config.searchCost + config.dueDiligenceCost * config.offExchangeDiligenceMultiple
          * (recognised ? 1 - config.certificateDiligenceCut : 1)
        let price = p.marginalCost + config.bargainingShare * (ev - p.marginalCost - friction)
        guard price >= p.marginalCost else { continue }
        let score = bestCertaintyEquivalent(expectedValue: ev, price: price, friction: friction, buyerFeeRate: 0,
                                            misreporting: config.contracts.misreportingOff, wealth: wealth)
        consider(Offer(product: id, onExchange: false, price: price, expectedValue: ev, trueValue: tv, friction: friction,
                       score: score, willingness: price, free: false))
      }
    }
    guard let offer = best else { return }
    let p = products[Int(offer.product)]
    if p.isPublic && !offer.free { observedWillingness.append(offer.willingness) }
    if !offer.onExchange {
      if offer.score > 0 {
        try sign(product: offer.product, buyerRegion: r, segment: segment, onExchange: false, price: offer.price,
                 expectedValue: offer.expectedValue, trueValue: offer.trueValue, friction: offer.friction, wealth: wealth,
                 arrival: now, now: now, kernel: &kernel)
      }
      return
    }
    if offer.free {
      if offer.score > 0 {
        try sign(product: offer.product, buyerRegion: r, segment: segment, onExchange: true, price: 0, expectedValue: offer.expectedValue,
                 trueValue: offer.trueValue, friction: offer.friction, wealth: wealth, arrival: now, now: now, kernel: &kernel)
      }
      return
    }
    let bidTicks = Int64((offer.willingness / Self.tick).rounded(.down))
    guard bidTicks >= 1 else { return }
    let b = Int32(waiting.count)
    waiting.append(WaitingBuyer(region: r, segment: segment, product: offer.product, slot: -1, arrival: now,
                                expectedValue: offer.expectedValue, trueValue: offer.trueValue, frictionCosts: offer.friction,
                                wealth: wealth, active: true))
    if p.limited {
      auctionBids[offer.product, default: []].append((b, bidTicks))
      try kernel.schedule(.patienceEnd(buyer: b), after: config.buyers.patienceDays)
      return
    }
    let left = engine.match(book: p.book, side: .buy, limit: bidTicks, quantity: 1)
    if left == 0, let fill = engine.fills.first {
      waiting[Int(b)].active = false
      products[Int(offer.product)].conversions += 1
      try sign(product: offer.product, buyerRegion: r, segment: segment, onExchange: true, price: Double(fill.price) * Self.tick,
               expectedValue: offer.expectedValue, trueValue: offer.trueValue, friction: offer.friction, wealth: wealth,
               arrival: now, now: now, kernel: &kernel)
    } else if engine.canRest(book: p.book, price: bidTicks) {
      let slot = engine.rest(book: p.book, id: UInt64(b), side: .buy, price: bidTicks, quantity: 1)
      waiting[Int(b)].slot = slot
      bidders[slot] = b
      try kernel.schedule(.patienceEnd(buyer: b), after: config.buyers.patienceDays)
    } else {
      waiting[Int(b)].active = false  // a bid this far below the ask cannot rest: the buyer leaves
    }
  }

  /// Draws the arriving buyer's domain vector into the reused `buyerDomain` buffer.
  func drawBuyerDomain() {
    let d = config.domains
    if buyerDomain.count != d { buyerDomain = Array(repeating: 0, count: d) }
    let primary = Int(UniformIntegerDistribution.below(UInt64(d), using: &buyerRNG))
    for i in 0..<d { buyerDomain[i] = 0.3 * unitDouble(&buyerRNG) }
    buyerDomain[primary] += 1
  }

  /// The buyer's best certainty equivalent at `price` over the allowed contract types (M7), with
  /// the contract designed from the buyer's own expected benefit.
  func bestCertaintyEquivalent(expectedValue ev: Double, price: Double, friction: Double, buyerFeeRate: Double,
                               misreporting h: Double, wealth: Double) -> Double {
    var best = -Double.infinity
    for t in config.contracts.allowed {
      let terms = ContractTerms.design(t, price: price, upfrontShare: config.contracts.upfrontShare, providerExpectedBenefit: ev,
                                       sigma: config.benefitSigma, misreporting: h, term: config.contracts.termPeriods,
                                       outcomeQuantile: config.contracts.outcomeQuantile, expectedUses: config.contracts.expectedUses)
      best = max(best, terms.buyerCE(expectedBenefit: ev, sigma: config.benefitSigma, misreporting: h, buyerFeeRate: buyerFeeRate,
                                     fixedCosts: friction, riskAversion: config.buyers.riskAversion, wealth: wealth))
    }
    return best
  }

  func certificateRecognised(productRegion: Int, buyerRegion: Int) -> Bool {
    switch config.registry.mode {
    case .off: return false
    case .national: return true
    case .regional: return productRegion == buyerRegion || config.unification >= config.recognitionThreshold
    }
  }

  /// M1 + M2: the buyer's expected value of product `id`, and its value at the true quality.
  /// `exchangeDetection`, `registryDetection`: the screens it passed (0 = none). No allocation.
  func expectedValue(_ id: Int32, buyerScale v: Double, readinessWeight omega: Double, exchangeDetection: Double,
                     registryDetection: Double) -> (Double, Double) {
    let p = products[Int(id)]
    let fit = Valuation.fit(buyerDomain, domainVectors, offset: Int(id) * config.domains)
    let scale = Valuation.scale(buyerScale: v, fit: fit, readiness: p.readiness, readinessWeight: omega)
    let beta = config.qualityExponent
    let truth = Valuation.value(scale: scale, quality: p.quality, qualityExponent: beta)
    if p.isPublic { return (truth, truth) }
    let pi = Valuation.posteriorBad(prior: config.badShare, pass: (1 - exchangeDetection) * (1 - registryDetection))
    let claimed = Valuation.value(scale: scale, quality: p.claimedQuality, qualityExponent: beta)
    let degraded = Valuation.value(scale: scale, quality: p.claimedQuality * (1 - config.badShortfall), qualityExponent: beta)
    return (Valuation.expectedValue(posteriorBad: pi, claimedValue: claimed, badValue: degraded), truth)
  }

  /// A waiting buyer's bid traded against a (re-posted) ask.
  func fillWaitingBid(_ f: Fill, product id: Int32, priceTicks: Int64) {
    guard let b = bidders[f.makerSlot] else { return }
    bidders[f.makerSlot] = nil
    let w = waiting[Int(b)]
    guard w.active else { return }
    waiting[Int(b)].active = false
    products[Int(id)].conversions += 1
    pendingSignings.append((id, b, Double(priceTicks) * Self.tick))
  }
}
