import Simulation

// M11: buyers who need several products buy a bundle through an exchange; its price is shared
// among the providers by a benefit-sharing rule (Market/Bundles, docs/bundles.md).
extension DataMarketModel {
  /// A listing a bundle buyer considers: its product, posted price, buyer fee multiplier, friction.
  struct BundleCandidate { var product: Int32; var exchange: Int; var price: Double; var multiplier: Double; var friction: Double }

  /// A bundle buyer's working buffers, reused from buyer to buyer: its candidates, the quality it
  /// believes each has, the features its bundle so far misses, which candidates it took and the
  /// bundle chosen; and per product the last bundle buyer (`buyerMark`) that made it a candidate,
  /// so that a product drawn twice is recognised in O(1) rather than by searching the candidates.
  struct BundleScratch {
    var candidates: [BundleCandidate] = [], beliefs: [Double] = [], miss: [Double] = [], taken: [Bool] = []
    var chosen: [BundleCandidate] = []
    var candidateOf: [UInt32] = [], buyerMark: UInt32 = 0
  }

  /// Draws product `id`'s feature coverage x_k (stream "coverage"): each of the F features is
  /// covered with probability `coverageProbability` at a level U(0.5, 1), at least one feature.
  func drawCoverage() {
    let b = config.bundles
    let start = coverage.count
    for _ in 0..<b.features {
      coverage.append(unitDouble(&coverageRNG) < b.coverageProbability ? 0.5 + 0.5 * unitDouble(&coverageRNG) : 0)
    }
    if !coverage[start...].contains(where: { $0 > 0 }) {
      coverage[start + Int(UniformIntegerDistribution.below(UInt64(b.features), using: &coverageRNG))] = 0.5 + 0.5 * unitDouble(&coverageRNG)
    }
  }

  /// Whether the arriving buyer needs a bundle (stream "bundles").
  func needsBundle() -> Bool { config.bundles.share > 0 && unitDouble(&bundleRNG) < config.bundles.share }

  /// The quality a bundle buyer believes product `id` has: its claim, discounted by the chance
  /// that it is bad after its primary exchange's review (M2).
  func believedQuality(_ id: Int32) -> Double {
    let p = products[Int(id)]
    return p.claimedQuality * (1 - reviewedBadProbability[p.exchange] * config.badShortfall)
  }

  /// A bundle buyer (M11): from its consideration set of visible listings it adds, greedily, the
  /// listing with the largest believed coverage gain net of its cost (price × (1 + φ_b) + friction),
  /// up to `maxSize`; it buys if the bundle's believed value covers the total. The bundle's price
  /// Σ p_k is shared among the providers by the benefit-sharing rule on the true coverage game;
  /// each share is signed as that provider's contract, with that share of the bundle's benefit.
  func buyBundle(_ buyer: ArrivingBuyer, kernel: inout Kernel<Event>) throws {
    // the buffers are the model's, reused from buyer to buyer: taken out while in use, so that
    // each is uniquely referenced and keeps its capacity (no allocation per buyer)
    var s = bundleScratch
    bundleScratch = BundleScratch()
    defer { bundleScratch = s }
    bundleCandidates(buyer, into: &s)
    guard !s.candidates.isEmpty else { return }
    // The believed coverage value V·Σ_f μ_f(1 − Π_{k∈G}(1 − q̂_k x_{k,f})) (μ_f = 1/F), kept
    // incrementally: miss[f] is the product over the bundle so far, so a candidate costs O(F).
    let f = config.bundles.features, cover = coverage
    s.beliefs.removeAll(keepingCapacity: true)
    for c in s.candidates { s.beliefs.append(believedQuality(c.product)) }
    // element by element: appending a repeated element is a generic, much slower path
    s.miss.removeAll(keepingCapacity: true); for _ in 0..<f { s.miss.append(1) }
    s.taken.removeAll(keepingCapacity: true); for _ in s.candidates.indices { s.taken.append(false) }
    s.chosen.removeAll(keepingCapacity: true)
    var value = 0.0, cost = 0.0
    while s.chosen.count < config.bundles.maxSize {
      var best: (index: Int, value: Double, gain: Double)?
      for (i, c) in s.candidates.enumerated() where !s.taken[i] {
        var total = 0.0
        for j in 0..<f { total += 1 - s.miss[j] * (1 - s.beliefs[i] * cover[Int(c.product) * f + j]) }
        let v = buyer.scale * total / Double(f)
        let gain = v - value - (c.price * c.multiplier + c.friction)
        if gain > 0 && (best == nil || gain > best!.gain) { best = (i, v, gain) }
      }
      guard let b = best else { break }
      let c = s.candidates[b.index]
      s.taken[b.index] = true
      for j in 0..<f { s.miss[j] *= 1 - s.beliefs[b.index] * cover[Int(c.product) * f + j] }
      s.chosen.append(c); value = b.value; cost += c.price * c.multiplier + c.friction
    }
    guard !s.chosen.isEmpty, value - cost > 0 else { return }
    try settleBundle(s.chosen, buyer: buyer, believedValue: value, kernel: &kernel)
  }

  /// Visible, unlimited listings from the buyer's consideration set, as bundle candidates, into
  /// `s.candidates` (emptied first), each product once.
  func bundleCandidates(_ buyer: ArrivingBuyer, into s: inout BundleScratch) {
    s.candidates.removeAll(keepingCapacity: true)
    guard !listedProducts.isEmpty else { return }
    if s.candidateOf.count < products.count { s.candidateOf.append(contentsOf: repeatElement(0, count: products.count - s.candidateOf.count)) }
    s.buyerMark &+= 1
    if s.buyerMark == 0 {   // the marks wrapped around: forget every old one
      for i in s.candidateOf.indices { s.candidateOf[i] = 0 }
      s.buyerMark = 1
    }
    let every = allExchanges   // bundle buyers use every exchange
    let conditions = listingConditions
    for _ in 0..<config.buyers.considerationSetSize {
      let id = listedProducts[Int(UniformIntegerDistribution.below(UInt64(listedProducts.count), using: &bundleRNG))]
      let p = products[Int(id)]
      guard !p.isPublic, !p.limited, s.candidateOf[Int(id)] != s.buyerMark else { continue }
      guard let (_, e) = Self.visibleListing(id, p, region: buyer.region, local: localListing[buyer.region], uses: every,
                                             regionOf: exchangeRegion, visibility: crossRegionVisibility, rng: &bundleRNG) else { continue }
      let (recognised, crossRegion) = conditions.indicators(p, exchange: e, buyerRegion: buyer.region)
      s.candidateOf[Int(id)] = s.buyerMark
      s.candidates.append(BundleCandidate(product: id, exchange: e, price: p.price, multiplier: 1 + config.exchanges[e].buyerFeeRate,
                                          friction: frictions.onExchange(recognisedIndicator: recognised, crossRegionIndicator: crossRegion,
                                                                         price: p.price)))
    }
  }

  /// Shares the bundle's price by the configured rule on the true coverage game, signs each
  /// provider's share, and records the split's Gini and the largest share's replication gain.
  func settleBundle(_ chosen: [BundleCandidate], buyer: ArrivingBuyer, believedValue: Double, kernel: inout Kernel<Event>) throws {
    let f = config.bundles.features
    let ids = chosen.map(\.product)
    let rows = ids.map { Array(coverage[Int($0) * f ..< Int($0) * f + f]) }
    let game = try? CoverageGame(buyerValue: buyer.scale, qualities: ids.map { products[Int($0)].quality }, coverage: rows,
                                 featureWeights: bundleFeatureWeights)
    guard let game else { return }
    // only the replication-robust rule reads the products' similarity
    let similarity = config.bundles.sharingRule.usesSimilarity ? SimilarityMatrix(cosineOf: rows) : nil
    // a game whose Shapley values are exact is tabulated once, here, and the split and the
    // replication gain's cloned game both read that table (the same values as the coverage
    // game's own, ``CoverageGame/tabulate()``); otherwise the rule reads the coverage game itself
    let exactlySolved = config.bundles.sharingRule.usesShapley && ids.count <= min(config.bundles.exactUpTo, GameTable.maximumPlayers)
    let split = exactlySolved ? (try? GameTable(tabulating: game)).flatMap { bundleSplit(of: $0, similarity: similarity) }
                              : bundleSplit(of: game, similarity: similarity)
    guard let (shares, replicationGain) = split else { return }
    let total = chosen.reduce(0) { $0 + $1.price }
    let trueValue = game.value(of: (UInt64(1) << UInt64(ids.count)) &- 1)
    let payouts = shares.map { $0 * total }
    national.bundleSales += 1; national.bundleGMV += total
    // the bundle buyer's attainable surplus is the bundle it bought (its alternatives unscored)
    let served = trueValue - ids.reduce(0) { $0 + products[Int($1)].marginalCost }
    national.attainableSurplus += max(0, served); byRegion[buyer.region].attainableSurplus += max(0, served)
    national.bundlePayoutGini.add(Gini.coefficient(payouts))
    if let gain = replicationGain { national.bundleReplicationGain.add(gain) }
    let before = contracts.count
    for (i, c) in chosen.enumerated() {
      try sign(product: c.product, buyerRegion: buyer.region, segment: buyer.segment, firm: buyer.firm, honesty: buyer.honesty,
               exchange: c.exchange, price: payouts[i], expectedValue: shares[i] * believedValue, trueValue: shares[i] * trueValue,
               friction: c.friction, wealth: buyer.wealth, arrival: buyer.arrival, now: buyer.arrival, kernel: &kernel)
    }
    // one buyer matched, however many of its bundle's providers signed
    let extra = max(0, contracts.count - before - 1)
    national.extraBundleContracts += extra; byRegion[buyer.region].extraBundleContracts += extra
  }

  /// The bundle's split by the configured rule and the replication gain of its largest share
  /// (nil when the rule cannot split it; the gain nil when it cannot be computed).
  func bundleSplit(of game: some CooperativeGame, similarity: SimilarityMatrix?) -> (shares: [Double], replicationGain: Double?)? {
    let rule = config.bundles.sharingRule, exact = config.bundles.exactUpTo, m = config.bundles.permutations
    guard let shares = try? RevenueSplit.shares(rule, game: game, similarity: similarity, exactUpTo: exact, permutations: m, using: &bundleRNG)
    else { return nil }
    guard let top = shares.indices.max(by: { shares[$0] < shares[$1] }) else { return (shares, nil) }
    let gain = try? ReplicationGain.of(player: top, rule: rule, game: game, similarity: similarity, exactUpTo: exact,
                                       permutations: m, paid: shares, using: &bundleRNG)
    return (shares, gain)
  }
}
