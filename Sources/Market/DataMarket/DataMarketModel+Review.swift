import Matching
import Simulation

// M4 and the exchanges' compliance review: a provider chooses an exchange (or stays off-exchange),
// pays listing and review fees and queues for review; an approved product lists and posts its ask.
extension DataMarketModel {
  /// The provider picks an exchange ∝ (1 + ν_P ln(1 + buyers)) e^{−ε_P(φ_s + (L_e + f_rev)/(N̂p))},
  /// other regions' exchanges weighted by the cross-region visibility (M4, M5), against an
  /// outside option of selling off-exchange only; then pays the listing and review fees.
  func requestListing(_ id: Int32, kernel: inout Kernel<Event>) throws {
    guard !config.exchanges.isEmpty, products[Int(id)].active else { return }
    let home = products[Int(id)].region
    var weights: [Double] = []
    for (e, x) in config.exchanges.enumerated() {
      let buyers = Double(byExchange[e].trades)   // N_buyers,e: this period's trades at e so far
      let feeRate = x.sellerFeeRate + fixedFeeRate(x.listingFee + x.reviewFee, id)
      var w = (1 + config.providerNetworkEffect * _log(1 + buyers)) * _exp(-config.providerFeeElasticity * feeRate)
      if x.region != home { w *= crossRegionVisibility }  // M5, the same visibility buyers search with
      weights.append(w)
    }
    weights.append(config.offExchangeListingWeight)  // the outside option: sell off-exchange only
    let choice = weights.reduce(0, +) > 0 ? CategoricalDistribution(weights: weights).sample(using: &choiceRNG) : 0
    guard choice < config.exchanges.count else { return }
    let e = choice
    products[Int(id)].exchange = e
    let x = config.exchanges[e]
    ledger.post(x.listingFee, .listingFee, from: .providers, to: .exchange(e))
    products[Int(id)].fees += x.listingFee
    try submitForReview(id, exchange: e, kernel: &kernel)
  }

  /// A fixed fee as a share of the product's expected revenue N̂·p: how the providers' fee
  /// elasticity ε_P weighs listing, review and registration fees beside the ad valorem φ_s.
  func fixedFeeRate(_ fee: Double, _ id: Int32) -> Double {
    let revenue = config.providers.expectedSales * products[Int(id)].price
    return revenue > 0 ? fee / revenue : 0
  }

  func submitForReview(_ id: Int32, exchange e: Int, kernel: inout Kernel<Event>) throws {
    let x = config.exchanges[e]
    products[Int(id)].reviewAttempts += 1
    ledger.post(x.reviewFee, .reviewFee, from: .providers, to: .exchange(e))
    products[Int(id)].fees += x.reviewFee
    if reviewBusy[e] < x.reviewServers {
      reviewBusy[e] += 1
      try kernel.schedule(.reviewComplete(product: id), after: -_log(screeningRNG.nextOpenUnitDouble()) * x.reviewDays)
    } else {
      reviewQueues[e].pushBack(id)
    }
  }

  func reviewComplete(_ id: Int32, kernel: inout Kernel<Event>) throws {
    let e = products[Int(id)].exchange
    let x = config.exchanges[e]
    ledger.post(x.reviewCost, .realCost, from: .exchange(e), to: .world)
    national.reviewsDone += 1; byExchange[e].reviewsDone += 1
    reviewBusy[e] -= 1
    if let next = reviewQueues[e].popFront() {
      reviewBusy[e] += 1
      try kernel.schedule(.reviewComplete(product: next), after: -_log(screeningRNG.nextOpenUnitDouble()) * x.reviewDays)
    }
    let p = products[Int(id)]
    let caught = p.bad && unitDouble(&screeningRNG) < x.detection
    let passes = p.reviewAttempts == 1 ? unitDouble(&screeningRNG) >= x.firstSubmissionFailure
                                       : unitDouble(&screeningRNG) < x.resubmissionPass
    if !caught && passes {
      try list(id, exchange: e, kernel: &kernel)
    } else if !caught && p.reviewAttempts == 1 {
      try submitForReview(id, exchange: e, kernel: &kernel)
    } else {
      national.reviewRejections += 1; byExchange[e].reviewRejections += 1
    }
  }

  func list(_ id: Int32, exchange e: Int, kernel: inout Kernel<Event>) throws {
    guard products[Int(id)].active else { return }   // exited while in review
    var p = products[Int(id)]
    p.exchange = e
    p.listed = true
    p.book = engine.addBook()
    if !p.isPublic { p.price = max(p.price, priceFloor(p, exchange: e)) }
    products[Int(id)] = p
    postAsk(id)
    listed.append(id)
    listedCount[e] += 1
    national.listingsApproved += 1; byExchange[e].listingsApproved += 1
    try flushSignings(now: kernel.now, kernel: &kernel)
  }

  /// M3's price floor p_min = c/(1 − φ_s) at exchange `e`: below it a sale loses money.
  func priceFloor(_ p: Product, exchange e: Int) -> Double {
    ProviderPricing.floor(marginalCost: p.marginalCost, sellerFeeRate: config.exchanges[e].sellerFeeRate)
  }

  /// Posts (or re-posts) the provider's ask: non-depleting for unlimited licences, else the
  /// licences left. A re-posted lower ask trades with waiting bids at or above it.
  func postAsk(_ id: Int32) {
    let p = products[Int(id)]
    guard p.listed, p.licencesLeft > 0 else { return }
    if p.askSlot >= 0 { engine.cancel(p.askSlot) }
    let ticks = Self.ticks(p.price)
    if !p.limited {
      engine.match(book: p.book, side: .sell, limit: ticks, quantity: Int64(1) << 40)
      let fills = Array(engine.fills)
      // posted prices: a waiting bid the (lower) re-posted ask reaches pays the ask, not its bid
      for f in fills { fillWaitingBid(f, product: id, priceTicks: ticks) }
      // A book's resting prices may span at most MatchingEngine.maximumSpan ticks (RMB 1.6 bn):
      // an ask that cannot rest is withdrawn until its next re-post.
      products[Int(id)].askSlot = engine.canRest(book: p.book, price: ticks)
        ? engine.rest(book: p.book, id: UInt64(id), side: .sell, price: ticks, quantity: 1, unlimited: true) : -1
    } else {
      products[Int(id)].askSlot = -1  // limited licences trade in the period's call auction
    }
  }
}
