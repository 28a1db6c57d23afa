import Matching
import Simulation

// M1, M2, M5, M6: buyers arrive, value the products they see, weigh friction and contracts,
// and bid (or buy bilaterally off-exchange).
extension DataMarketModel {
  /// A buyer whose bid waits in a book.
  struct WaitingBuyer {
    var region: Int, segment: Int, firm: Int32, honesty: Double, product: Int32, exchange: Int, slot: Int32, arrival: Double
    var expectedValue: Double, trueValue: Double, frictionCosts: Double, wealth: Double, active: Bool
    /// M3's versions: it bids for the basic version.
    var basicVersion = false
  }

  /// The buyer now arriving: region, segment, scale V_j (RMB 10,000), wealth W_j.
  /// `honesty` is the buyer's uniform draw u that fixes its misreporting share at every venue.
  struct ArrivingBuyer {
    var region: Int; var segment: Int; var firm: Int32; var honesty: Double; var scale: Double; var wealth: Double; var arrival: Double
  }

  /// One offer a buyer weighs: a listing (its index and exchange) or a bilateral deal (both −1),
  /// with the buyer's belief, friction
  /// (real costs: search, due diligence, cross-region; the membership fee is a transfer, counted
  /// in the score but not here), score (best CE over the allowed contracts, −∞ if none is acceptable) and willingness to pay;
  /// `basicVersion`: the offer is a listing's basic version (M3's versions).
  struct Offer { var product: Int32; var listing: Int32; var exchange: Int; var price: Double; var expectedValue: Double; var trueValue: Double
    var friction: Double; var score: Double; var willingness: Double; var free: Bool; var leakedCopy = false; var basicVersion = false }

  /// A listing a buyer sees in its consideration set (product, listing, exchange) and the Fit of
  /// the product's domains to the buyer's, found in the first of the buyers' loop's two passes
  /// (a bilateral offer's provider met: listing and exchange −1).
  struct SeenListing { var product: Int32; var listing: Int32; var exchange: Int; var fit: Double }

  func buyerArrives(region r: Int, now: Double, kernel: inout Kernel<Event>) throws {
    national.buyerArrivals += 1; byRegion[r].buyerArrivals += 1
    let segment = segmentDraw.sample(using: &buyerRNG)
    let v = deal.sample(using: &buyerRNG)
    drawBuyerDomain()
    let firm = Int32(r * config.buyers.firmsPerRegion + Int(UniformIntegerDistribution.below(UInt64(config.buyers.firmsPerRegion), using: &firmRNG)))
    let buyer = ArrivingBuyer(region: r, segment: segment, firm: firm, honesty: unitDouble(&misreportingRNG), scale: v, wealth: v * config.buyers.wealthMultiple, arrival: now)
    if needsBundle() { return try buyBundle(buyer, kernel: &kernel) }
    attainable = 0
    defer { national.attainableSurplus += attainable; byRegion[r].attainableSurplus += attainable }
    var best = bestListedOffer(buyer)
    let bilateral = bestBilateralOffer(buyer, outsideOption: best?.score ?? 0)
    recordWinningPrices(bilateralScore: bilateral?.score ?? -.infinity)
    if let o = bilateral, best == nil || o.score > best!.score { best = o }
    guard let offer = best else { return }
    try act(on: offer, buyer: buyer, kernel: &kernel)
  }

  /// The buyer's contract-choice circumstances for `price` at a venue (M7), with both beliefs the
  /// buyer's own: it cannot see what the provider knows (for OPTION, the provider's belief that
  /// product `id` is bad is taken to be the buyer's π̂, recovered from E_j[Y] and the value `tv`).
  func bidDeal(price: Double, belief ev: Double, trueValue tv: Double, product id: Int32, friction: Double, wealth: Double,
               honesty: Double, exchange: Int, marginalCost: Double) -> ContractChoice.Deal {
    let on = exchange >= 0
    let h = on ? config.contracts.misreportingOn : config.contracts.misreportingOff
    let bad = contractChoice.allowsOption ? OptionValuation.belief(expectedBenefit: ev, trueBenefit: tv, powers: valuationTable.powers(id)) : (0, ev)
    return ContractChoice.Deal(price: price, providerExpectedBenefit: ev, buyerExpectedBenefit: ev, misreporting: h,
                               buyerMisreporting: ContractChoice.buyerMisreporting(mean: h, draw: honesty),
                               misreportingVariance: ContractChoice.misreportingVariance(mean: h),
                               buyerFeeRate: on ? config.exchanges[exchange].buyerFeeRate : 0,
                               sellerFeeRate: on ? config.exchanges[exchange].sellerFeeRate : 0, buyerFixedCosts: friction,
                               buyerWealth: wealth, marginalCost: marginalCost, providerBadProbability: bad.0,
                               buyerBadProbability: bad.0, buyerBadBenefit: bad.1)
  }

  /// On-exchange: the best of a consideration set of visible listings (M5 visibility, M1–M2
  /// valuation, friction, M7 contract choice), each listing's basic version included where M3's
  /// versions are on.
  func bestListedOffer(_ buyer: ArrivingBuyer) -> Offer? {
    config.providers.versioning ? bestListedOffer(buyer, VersionsWeighed.self) : bestListedOffer(buyer, FullVersionsOnly.self)
  }

  /// The same, compiled once per policy: without versions the loop carries no trace of them.
  func bestListedOffer<Policy: VersionPolicy>(_ buyer: ArrivingBuyer, _: Policy.Type) -> Offer? {
    guard !listedProducts.isEmpty else { return nil }
    let r = buyer.region
    // the segment's two fields, not a copy of the segment (whose name a copy would retain)
    let readinessWeight = config.buyers.segments[buyer.segment].readinessWeight
    let publicPurpose = config.buyers.segments[buyer.segment].publicPurpose
    drawParticipation()
    // read-only state held locally: a class's arrays would be retained on every access
    let pool = listedProducts, local = localListing[r], uses = participating, regionOf = exchangeRegion
    let exchanges = config.exchanges, visibility = crossRegionVisibility
    let own = buyerDomain, valuations = valuationTable.rows, ownNorm = buyerDomainNorm
    let year = Int32(calendar.year(atDay: buyer.arrival))
    let versions = Policy.weighsBasicVersions
    let conditions = listingConditions
    let leastShare = contractChoice.leastPaymentShare(misreporting: config.contracts.misreportingOn)
    var rng = choiceRNG   // a local stream: no exclusivity check per draw; written back below
    defer { choiceRNG = rng }
    var best: Offer?
    // Two passes over the consideration set. The first makes every draw of the choice stream, in
    // order (which listings, M5's visibility) and computes each seen listing's Fit; its iterations
    // are short and independent, so the cache misses on different listings' product records and
    // valuation rows can overlap. The second values what was seen, whose records are then in
    // cache; it draws nothing from the choice stream, so the streams and every result are those
    // of one pass. The listings seen are counted in their
    // products' views after the loop (one write access to the product records per buyer;
    // nothing in the loop reads the views).
    let size = config.buyers.considerationSetSize
    return withUnsafeTemporaryAllocation(of: SeenListing.self, capacity: size) { seen in
      var seenCount = 0
      defer {
        products.withUnsafeMutableBufferPointer { records in
          for i in 0..<seenCount { records[Int(seen[i].product)].views += 1 }
        }
      }
      for _ in 0..<size {
        let id = pool[Int(UniformIntegerDistribution.below(UInt64(pool.count), using: &rng))]
        let p = products[Int(id)]
        guard p.licencesLeft > 0 else { continue }
        guard let (l, e) = Self.visibleListing(id, p, region: r, local: local, uses: uses, regionOf: regionOf,
                                               visibility: visibility, rng: &rng) else { continue }
        let fit = own.withUnsafeBufferPointer { valuations.fit(id, buyer: $0, buyerNorm: ownNorm) }
        seen[seenCount] = SeenListing(product: id, listing: l, exchange: e, fit: fit); seenCount += 1
      }
      for i in 0..<seenCount {
        let id = seen[i].product, l = seen[i].listing, e = seen[i].exchange, fit = seen[i].fit
        let p = products[Int(id)]
        // the random product's region and certificate as numbers read from tables, not branches
        let (recognisedIndicator, crossIndicator) = conditions.indicators(p, exchange: e, buyerRegion: r)
        let recognised = recognisedIndicator > 0, cross = crossIndicator > 0
        let (ev, tv) = expectedValue(p, powers: valuations.powers(id), fit: fit, buyerScale: buyer.scale, readinessWeight: readinessWeight,
                                     posteriorsBad: conditions.posteriorsBad(exchange: e, recognised: recognisedIndicator))
        let leakedCopy = findsLeakedCopy(leaked: p.leaked)   // M9: a free substitute of a leaked product
        let free = (p.isPublic && publicPurpose) || leakedCopy
        attainable = max(attainable, tv - (leakedCopy ? 0 : p.marginalCost))   // a free copy costs nobody c
        let price = free ? 0 : p.price
        let friction = frictions.onExchange(recognisedIndicator: recognisedIndicator, crossRegionIndicator: crossIndicator, price: price)
        let costs = friction + (free ? 0 : membershipDue(firm: buyer.firm, exchange: e, year: year))
        let k = 1 + (free ? 0 : exchanges[e].buyerFeeRate)
        let learns = !free && learnsPrice(p)
        full: do {
          if let b = best, !free {
            let bound = contractChoice.buyerCEBound(expectedBenefit: ev, price: price, buyerFeeRate: k - 1, fixedCosts: costs,
                                                    leastPaymentShare: leastShare)
            if bound < b.score - Self.boundMargin(b.score) {
              if learns {
                viewed.append(ViewedListing(product: id, score: bound, price: price, multiplier: k))
                if versions {
                  viewedBasicValues.append(basicVersionValue(id, expectedValue: ev, risk: max(0, ev - k * price - costs - bound), costs: costs,
                                                             readinessWeight: readinessWeight))
                }
              }
              break full   // cannot beat the best offer so far, whatever the contract
            }
          }
          let score = free ? ev - costs - config.buyers.riskAversion / (2 * buyer.wealth) * ev * ev * contractChoice.varZ
            : contractChoice.best(for: bidDeal(price: price, belief: ev, trueValue: tv, product: id, friction: costs, wealth: buyer.wealth, honesty: buyer.honesty, exchange: e,
                                               marginalCost: p.marginalCost))?.buyerCE ?? -.infinity
          guard score > -.infinity else { break full }           // the provider would accept no allowed contract
          let risk = max(0, ev - k * price - costs - score)   // the risk premium under the best contract
          if learns {
            viewed.append(ViewedListing(product: id, score: score, price: price, multiplier: k))
            if versions {
              viewedBasicValues.append(basicVersionValue(id, expectedValue: ev, risk: risk, costs: costs, readinessWeight: readinessWeight))
            }
          }
          let wtp = (ev - costs - risk) / k
          let o = Offer(product: id, listing: leakedCopy ? -1 : l, exchange: leakedCopy ? -1 : e, price: price, expectedValue: ev, trueValue: tv, friction: friction, score: score,
                        willingness: wtp, free: free, leakedCopy: leakedCopy)
          if best == nil || o.score > best!.score { best = o }
        }
        // M3's versions: the basic version is weighed after the full one (ties keep the full version)
        if versions && !free,
           let o = basicVersionOffer(id, listing: l, exchange: e, expectedValue: ev, trueValue: tv, recognised: recognised, crossRegion: cross,
                                     membership: membershipDue(firm: buyer.firm, exchange: e, year: year), readinessWeight: readinessWeight,
                                     buyer: buyer, bestScore: best?.score ?? -.infinity),
           best == nil || o.score > best!.score {
          best = o
        }
      }
      return best
    }
  }

  /// Off-exchange: bilateral offers from providers in the buyer's region, Nash-bargained over the
  /// surplus with the buyer's best on-exchange offer as its outside option,
  /// p = c + θ(E[v] − c − TC_off − O_B) (M6).
  func bestBilateralOffer(_ buyer: ArrivingBuyer, outsideOption: Double) -> Offer? {
    let r = buyer.region
    guard config.offExchangeEnabled && !productsByRegion[r].isEmpty else { return nil }
    let readinessWeight = config.buyers.segments[buyer.segment].readinessWeight
    let list = productsByRegion[r], own = buyerDomain, valuations = valuationTable.rows, ownNorm = buyerDomainNorm
    let conditions = listingConditions
    let leastShare = contractChoice.leastPaymentShare(misreporting: config.contracts.misreportingOff)
    var rng = choiceRNG
    defer { choiceRNG = rng }
    // Two passes, as the listed offers' loop: the first draws the providers met (every draw of
    // the choice stream, in order) and finds each unlimited one's Fit, its iterations short and
    // independent so that the cache misses on different products' records and valuation rows
    // overlap; the second values and bargains over what was found, in the same order, and draws
    // nothing from the choice stream. The streams and every result are those of one pass.
    let size = max(1, config.buyers.considerationSetSize / 3)
    return withUnsafeTemporaryAllocation(of: SeenListing.self, capacity: size) { met in
      var metCount = 0
      for _ in 0..<size {
        let id = list[Int(UniformIntegerDistribution.below(UInt64(list.count), using: &rng))]
        guard !products[Int(id)].limited else { continue }
        let fit = own.withUnsafeBufferPointer { valuations.fit(id, buyer: $0, buyerNorm: ownNorm) }
        met[metCount] = SeenListing(product: id, listing: -1, exchange: -1, fit: fit); metCount += 1
      }
      var best: Offer?
      for i in 0..<metCount {
        let id = met[i].product, fit = met[i].fit
        let p = products[Int(id)]
        let recognised = p.certified
        let (ev, tv) = expectedValue(p, powers: valuations.powers(id), fit: fit, buyerScale: buyer.scale, readinessWeight: readinessWeight,
                                     posteriorsBad: conditions.posteriorsBad(exchange: -1, recognised: recognised.indicator))
        let friction = frictions.offExchange(certified: recognised)
        attainable = max(attainable, tv - p.marginalCost)
        let price = ProviderPricing.bargained(marginalCost: p.marginalCost, expectedValue: ev, transactionCosts: friction,
                                              providerShare: config.bargainingShare, buyerOutsideOption: outsideOption)
        guard price >= p.marginalCost else { continue }
        if let b = best, contractChoice.buyerCEBound(expectedBenefit: ev, price: price, buyerFeeRate: 0, fixedCosts: friction,
                                                         leastPaymentShare: leastShare) < b.score - Self.boundMargin(b.score) {
          continue   // cannot beat the best offer so far, whatever the contract
        }
        guard let score = contractChoice.best(for: bidDeal(price: price, belief: ev, trueValue: tv, product: id, friction: friction, wealth: buyer.wealth,
                                                           honesty: buyer.honesty, exchange: -1, marginalCost: p.marginalCost))?.buyerCE else { continue }
        let o = Offer(product: id, listing: -1, exchange: -1, price: price, expectedValue: ev, trueValue: tv, friction: friction,
                      score: score, willingness: price, free: false)
        if best == nil || o.score > best!.score { best = o }
      }
      return best
    }
  }

  /// The buyer acts on its best offer: signs a bilateral deal or a free use at once if its score
  /// is positive, else bids its willingness to pay in the product's book (or its call auction).
  func act(on offer: Offer, buyer: ArrivingBuyer, kernel: inout Kernel<Event>) throws {
    let p = products[Int(offer.product)]
    if p.isPublic && !offer.free { observedWillingness.add(offer.willingness) }
    if offer.listing < 0 || offer.free {
      if offer.score > 0 {
        try sign(product: offer.product, buyerRegion: buyer.region, segment: buyer.segment, firm: buyer.firm, honesty: buyer.honesty,
                 exchange: offer.exchange,
                 price: offer.free ? 0 : offer.price, expectedValue: offer.expectedValue, trueValue: offer.trueValue,
                 friction: offer.friction, wealth: buyer.wealth, arrival: buyer.arrival, now: buyer.arrival, kernel: &kernel,
                 leakedCopy: offer.leakedCopy)
      }
      return
    }
    // a bid below one tick (or not finite) is no bid; one above the books' range bids the range's top
    guard offer.willingness.isFinite, offer.willingness >= Self.tick else { return }
    let bidTicks = Int64(min(offer.willingness / Self.tick, Double(Int64.max >> 2)).rounded(.down))
    let b = admitWaiting(WaitingBuyer(region: buyer.region, segment: buyer.segment, firm: buyer.firm, honesty: buyer.honesty, product: offer.product,
                                      exchange: offer.exchange, slot: -1,
                                      arrival: buyer.arrival,
                                      expectedValue: offer.expectedValue, trueValue: offer.trueValue, frictionCosts: offer.friction,
                                      wealth: buyer.wealth, active: true, basicVersion: offer.basicVersion))
    if p.limited {
      auctionBids[offer.product, default: []].append((b, bidTicks))
      try kernel.schedule(.patienceEnd(buyer: b), after: config.buyers.patienceDays)
      return
    }
    let book = offer.basicVersion ? listings[Int(offer.listing)].basicBook : listings[Int(offer.listing)].book
    let left = engine.match(book: book, side: .buy, limit: bidTicks, quantity: 1)
    if left == 0, let fill = engine.fills.first {
      waiting[Int(b)].active = false
      products[Int(offer.product)].conversions += 1
      try sign(product: offer.product, buyerRegion: buyer.region, segment: buyer.segment, firm: buyer.firm, honesty: buyer.honesty,
               exchange: offer.exchange,
               price: Double(fill.price) * Self.tick, expectedValue: offer.expectedValue, trueValue: offer.trueValue,
               friction: offer.friction, wealth: buyer.wealth, arrival: buyer.arrival, now: buyer.arrival, kernel: &kernel,
               basicVersion: offer.basicVersion)
      freeWaiting.append(b)   // matched at once: no event or book refers to it
    } else if engine.canRest(book: book, price: bidTicks) {
      let slot = restInBook(book, id: UInt64(b), side: .buy, price: bidTicks)
      guard slot >= 0 else {   // the books are too wide: the run stops at the next event
        waiting[Int(b)].active = false
        freeWaiting.append(b)
        return
      }
      waiting[Int(b)].slot = slot
      bidders[slot] = b
      try kernel.schedule(.patienceEnd(buyer: b), after: config.buyers.patienceDays)
    } else {
      waiting[Int(b)].active = false  // a bid this far below the ask cannot rest: the buyer leaves
      freeWaiting.append(b)
    }
  }

  /// A waiting buyer's record, in a reused one if any (see `freeWaiting`); its index.
  func admitWaiting(_ w: WaitingBuyer) -> Int32 {
    if let b = freeWaiting.popLast() {
      waiting[Int(b)] = w
      return b
    }
    waiting.append(w)
    return Int32(waiting.count - 1)
  }

  /// M4: the membership fee m_b a buyer firm owes on a trade at exchange `e`: once a year per
  /// exchange, so zero if it already paid there this year.
  func membershipDue(firm: Int32, exchange e: Int, now: Double) -> Double {
    membershipDue(firm: firm, exchange: e, year: Int32(calendar.year(atDay: now)))
  }

  /// The same in the calendar year `year` (a buyer weighing many listings finds its year once).
  @inline(__always)
  func membershipDue(firm: Int32, exchange e: Int, year: Int32) -> Double {
    memberSince[Int(firm) * config.exchanges.count + e] == year ? 0 : config.exchanges[e].membershipFee
  }

  /// M4: whether the arriving buyer uses each exchange at all, with probability e^{−ε_B φ_b} (a
  /// draw only where φ_b > 0). The buyer fee deters on-exchange demand; off-exchange demand stays.
  func drawParticipation() {
    let n = config.exchanges.count
    if participating.count != n { participating = Array(repeating: true, count: n) }
    // the stream, the probabilities and the flags held locally: no exchange record copied, one
    // exclusive access to the flags
    var rng = choiceRNG
    defer { choiceRNG = rng }
    let probability = participationProbability, exchanges = config.exchanges
    participating.withUnsafeMutableBufferPointer { uses in
      for e in 0..<n { uses[e] = exchanges[e].buyerFeeRate <= 0 || unitDouble(&rng) < probability[e] }
    }
  }

  /// How far below the best score an offer's CE bound must be to skip scoring it: a relative
  /// 1e-9, so rounding in the bound can never skip an offer that would win.
  static func boundMargin(_ score: Double) -> Double { 1e-9 * max(1, abs(score)) }

  /// M5: the probability that a listing outside the buyer's region is visible, v0 + (1 − v0)u.
  var crossRegionVisibility: Double { config.visibilityFloor + (1 - config.visibilityFloor) * config.unification }

  /// Draws the arriving buyer's domain vector into the reused `buyerDomain` buffer.
  func drawBuyerDomain() {
    let d = config.domains
    if buyerDomain.count != d { buyerDomain = Array(repeating: 0, count: d) }
    let primary = Int(UniformIntegerDistribution.below(UInt64(d), using: &buyerRNG))
    var rng = buyerRNG   // one exclusive access to the buffer and the stream, not one per element
    defer { buyerRNG = rng }
    buyerDomain.withUnsafeMutableBufferPointer { b in
      for i in 0..<d { b[i] = Self.domainNoise * unitDouble(&rng) }
      b[primary] += 1
    }
    buyerDomainNorm = Valuation.norm(buyerDomain, count: d)
  }

  /// Which products' certificates a buyer of `buyerRegion` recognises (M5): none without a
  /// registry, all under a national one, a regional one's own region's, or all once unification
  /// reaches the recognition threshold; the buyers' loops read it tabulated for every pair of
  /// regions (``ListingConditions``).
  static func certificateRecognition(_ c: DataMarketConfig, buyerRegion: Int) -> CertificateRecognition {
    switch c.registry.mode {
    case .off: return CertificateRecognition(all: false, region: -1)
    case .national: return CertificateRecognition(all: true, region: buyerRegion)
    case .regional: return CertificateRecognition(all: c.unification >= c.recognitionThreshold, region: buyerRegion)
    }
  }

  /// A buyer's recognition of certificates: every region's (`all`) or only `region`'s (−1: none).
  struct CertificateRecognition {
    var all: Bool, region: Int
    @inline(__always) func recognises(productRegion: Int) -> Bool { all || productRegion == region }
  }

  /// M1 + M2: the buyer's expected value of a product (its record `product` and its quality
  /// powers q^β, q̃^β, (q̃(1 − δ_bad))^β, each read once by the caller), and its value at the
  /// true quality. `fit` is Fit(d_j, d_k); `posteriorsBad` is the posterior π̂ that the product is
  /// bad after the screens it passed (exchange review, a recognised certificate), without and with
  /// a sample inspected (``ListingConditions/posteriorsBad(exchange:recognised:)``).
  /// Where the product offers a sample the buyer inspects it (M2): a bad product is revealed with
  /// probability d_sample (the buyer then knows it is bad), otherwise the sample is one more
  /// screen passed. No allocation.
  @inline(__always)
  func expectedValue(_ product: Product, powers: (true: Double, claimed: Double, degraded: Double), fit: Double, buyerScale v: Double,
                     readinessWeight omega: Double, posteriorsBad: (withoutSample: Double, withSample: Double)) -> (Double, Double) {
    let trueScale = Valuation.scale(buyerScale: v, fit: fit, readiness: product.readiness, readinessWeight: omega)
    let truth = trueScale * powers.true
    if product.isPublic { return (truth, truth) }
    // M10: readiness as buyers see it (the product's own where certified AI-ready, else the
    // uncertified products' mean; equal to `trueScale` where they coincide). Below, the product's
    // flags are weighed by arithmetic, not by branches (``Swift/Bool/indicator``: the same values).
    let scale = Valuation.scale(buyerScale: v, fit: fit, readiness: product.believedReadiness, readinessWeight: omega)
    // M2's sample: the stream is drawn only for a bad product that offers one
    if product.offersSample.indicator * product.bad.indicator > 0 && unitDouble(&sampleRNG) < config.sampleDetection {
      national.sampleReveals += 1
      return (scale * powers.degraded, truth)   // revealed: the buyer values it at the bad quality
    }
    let pi = product.offersSample ? posteriorsBad.withSample : posteriorsBad.withoutSample
    let claimed = scale * powers.claimed
    let degraded = scale * powers.degraded
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
