import Matching
import Simulation

// Period ends: call auctions for limited licences, price revisions (M3), fixed costs, the public
// operator's yearly review (M8), the period record.
extension DataMarketModel {
  // MARK: periods

  func closePeriod(_ index: Int, kernel: inout Kernel<Event>) throws {
    let now = kernel.now
    // limited-licence call auctions: top K bids at or above the reserve win at one price
    for id in auctionBids.keys.sorted() {
      let bids = auctionBids[id]!
      var p = products[Int(id)]
      guard p.listed, p.licencesLeft > 0 else { continue }
      var auction = CallAuction()
      let reserve = Self.ticks(p.price)
      auction.add(.init(id: UInt64.max, side: .sell, price: reserve, quantity: Int64(p.licencesLeft)))
      for (b, price) in bids where waiting[Int(b)].active { auction.add(.init(id: UInt64(b), side: .buy, price: price, quantity: 1)) }
      let result = auction.clear(referencePrice: reserve)
      if let clearing = result.price {
        for x in result.executions {
          let b = Int32(x.buyID)
          waiting[Int(b)].active = false
          p.conversions += 1
          products[Int(id)] = p
          pendingSignings.append((id, b, Double(clearing) * Self.tick))
        }
      }
    }
    auctionBids.removeAll(keepingCapacity: true)
    // M3: price revisions and re-posted asks (a lower ask may fill waiting bids)
    revisePrices()
    for id in listedProducts { products[Int(id)].views = 0; products[Int(id)].conversions = 0 }
    try flushSignings(now: now, kernel: &kernel)
    closeLeakagePeriod()         // M9: leaks and enforcement
    closeProviderPeriod(index)   // M12: upkeep, income per provider, exits
    // fixed costs of exchanges and the public operator
    for (e, x) in config.exchanges.enumerated() { ledger.post(x.fixedCostPerPeriod, .realCost, from: .exchange(e), to: .world) }
    var clawback = 0.0, reviewed = false
    if config.publicOperator.enabled {
      ledger.post(config.publicOperator.allowedCost / calendar.periodsPerYear, .realCost, from: .publicOperator, to: .world)
      // yearly MAR review: revenue above MAR is deducted from next year's MAR (M8)
      if calendar.closesYear(period: index) { clawback = reviewPublicOperatorYear(); reviewed = true }
    }
    // contracts still waiting for their benefit realise at the horizon (after the last signings),
    // so that every contract whose costs are counted also has its benefit and payments counted
    if index + 1 >= config.periods { for i in contracts.indices { realiseBenefit(i) } }
    if index + 1 == config.warmupPeriods { providerGMVAtWarmupEnd = providerGMV }
    let record = PeriodRecord(index: index, ledger: ledger, national: national, byRegion: byRegion, byExchange: byExchange,
                              listings: listedCount,
                              providerHHI: Concentration.hhi(providerShares(periodProviderGMV())), exchangeHHI: Concentration.hhi(byExchange.map(\.onExchangeGMV)),
                              publicPriceCap: publicCap, clawback: clawback)
    var closed = record
    closed.activeProviders = activeProviders
    periods.append(closed)
    ledger = DataMarketLedger(exchanges: config.exchanges.count); national = DataMarketActivity()
    byRegion = Array(repeating: DataMarketActivity(), count: config.regions.count)
    byExchange = Array(repeating: DataMarketActivity(), count: config.exchanges.count)
    lastPeriodGMV = providerGMV
    if reviewed && index + 1 < config.periods { try repostPublicAsks(now: now, kernel: &kernel) }
  }

  func periodProviderGMV() -> [Double] {
    providerGMV.indices.map { providerGMV[$0] - ($0 < lastPeriodGMV.count ? lastPeriodGMV[$0] : 0) }
  }

  /// GMV per provider for concentration: each private product is one provider, and the public
  /// operator's products are one provider (its GMV summed, listed last).
  func providerShares(_ gmvByProduct: [Double]) -> [Double] {
    var shares: [Double] = []
    shares.reserveCapacity(gmvByProduct.count)
    var operatorGMV = 0.0
    for (i, g) in gmvByProduct.enumerated() {
      if products[i].isPublic { operatorGMV += g } else { shares.append(g) }
    }
    shares.append(operatorGMV)
    return shares
  }

  /// GMV per provider over the measured periods (after warm-up), as ``providerShares(_:)`` groups it.
  public func measuredProviderGMV() -> [Double] {
    providerShares(providerGMV.indices.map { providerGMV[$0] - ($0 < providerGMVAtWarmupEnd.count ? providerGMVAtWarmupEnd[$0] : 0) })
  }

  /// Signs contracts for waiting bids filled outside a buyer's own arrival (a re-posted lower
  /// ask, a call auction).
  func flushSignings(now: Double, kernel: inout Kernel<Event>) throws {
    // the batch is the fills pending now; a signing cannot add to it (fills only come from
    // reposted asks and call auctions), and the swap leaves pendingSignings empty with the
    // previous batch's capacity
    swap(&pendingSignings, &signingBatch)
    defer { signingBatch.removeAll(keepingCapacity: true) }
    for i in signingBatch.indices {
      let (id, b, price) = signingBatch[i]
      let w = waiting[Int(b)]
      if w.slot >= 0 { bidders[w.slot] = nil }
      try sign(product: id, buyerRegion: w.region, segment: w.segment, firm: w.firm, honesty: w.honesty, exchange: w.exchange, price: price, expectedValue: w.expectedValue,
               trueValue: w.trueValue, friction: w.frictionCosts, wealth: w.wealth, arrival: w.arrival, now: now, kernel: &kernel,
               basicVersion: w.basicVersion)
    }
  }
}
