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
    try submitForReview(openListing(id, exchange: e, primary: true, feeShare: 1), kernel: &kernel)
  }

  /// A fixed fee as a share of the product's expected revenue N̂·p: how the providers' fee
  /// elasticity ε_P weighs listing, review and registration fees beside the ad valorem φ_s.
  func fixedFeeRate(_ fee: Double, _ id: Int32) -> Double {
    let revenue = config.providers.expectedSales * products[Int(id)].price
    return revenue > 0 ? fee / revenue : 0
  }

  /// Pays the review fee (the listing's share of f_rev) and queues listing `l` for review at its
  /// exchange: first listings in one queue, a product's further listings (M5) in a second one
  /// the servers take only when the first is empty.
  func submitForReview(_ l: Int32, kernel: inout Kernel<Event>) throws {
    let e = listings[Int(l)].exchange, id = listings[Int(l)].product
    let x = config.exchanges[e]
    listings[Int(l)].reviewAttempts += 1
    products[Int(id)].reviewAttempts += 1
    let fee = x.reviewFee * listings[Int(l)].feeShare
    ledger.post(fee, .reviewFee, from: .providers, to: .exchange(e))
    products[Int(id)].fees += fee
    if reviewBusy[e] < x.reviewServers {
      reviewBusy[e] += 1
      try kernel.schedule(.reviewComplete(listing: l), after: -_log(screeningRNG.nextOpenUnitDouble()) * x.reviewDays)
    } else if listings[Int(l)].primary {
      reviewQueues[e].pushBack(l)
    } else {
      secondaryReviewQueues[e].pushBack(l)
    }
  }

  func reviewComplete(_ l: Int32, kernel: inout Kernel<Event>) throws {
    let e = listings[Int(l)].exchange, id = listings[Int(l)].product
    let x = config.exchanges[e]
    ledger.post(x.reviewCost, .realCost, from: .exchange(e), to: .world)
    national.reviewsDone += 1; byExchange[e].reviewsDone += 1
    reviewBusy[e] -= 1
    if let next = reviewQueues[e].popFront() ?? secondaryReviewQueues[e].popFront() {
      reviewBusy[e] += 1
      try kernel.schedule(.reviewComplete(listing: next), after: -_log(screeningRNG.nextOpenUnitDouble()) * x.reviewDays)
    }
    let p = products[Int(id)]
    let attempts = listings[Int(l)].reviewAttempts
    let caught = p.bad && unitDouble(&screeningRNG) < x.detection
    let passes = attempts == 1 ? unitDouble(&screeningRNG) >= x.firstSubmissionFailure
                               : unitDouble(&screeningRNG) < x.resubmissionPass
    if !caught && passes {
      try list(l, kernel: &kernel)
    } else if !caught && attempts == 1 {
      try submitForReview(l, kernel: &kernel)
    } else {
      national.reviewRejections += 1; byExchange[e].reviewRejections += 1
    }
  }

  /// Approves listing `l`: it gets its book and posts the product's ask there (raised to this
  /// exchange's price floor if below it); a primary listing then considers listing elsewhere.
  func list(_ l: Int32, kernel: inout Kernel<Event>) throws {
    let id = listings[Int(l)].product, e = listings[Int(l)].exchange
    guard products[Int(id)].active else { return }   // exited while in review
    listings[Int(l)].book = engine.addBook()
    admit(l)
    national.listingsApproved += 1; byExchange[e].listingsApproved += 1
    let p = products[Int(id)]
    let floor = p.isPublic ? 0 : priceFloor(p, exchange: e)
    if p.price < floor {
      products[Int(id)].price = floor
      postAsks(id)
    } else {
      postAsk(l)
    }
    if listings[Int(l)].primary {
      try listElsewhere(id, kernel: &kernel)
    } else {
      national.secondaryListings += 1; byExchange[e].secondaryListings += 1
    }
    try flushSignings(now: kernel.now, kernel: &kernel)
  }

  /// Re-posts product `id`'s ask at every exchange where it is listed.
  func postAsks(_ id: Int32) {
    for l in listingsOf[Int(id)] where listings[Int(l)].active { postAsk(l) }
  }

  /// M3's price floor p_min = c/(1 − φ_s) at exchange `e`: below it a sale loses money.
  func priceFloor(_ p: Product, exchange e: Int) -> Double {
    ProviderPricing.floor(marginalCost: p.marginalCost, sellerFeeRate: config.exchanges[e].sellerFeeRate)
  }

  /// The highest of those floors over the exchanges where product `id` is listed (its one
  /// posted price must not lose money at any of them).
  func priceFloor(_ id: Int32) -> Double {
    let p = products[Int(id)]
    var floor = 0.0
    for l in listingsOf[Int(id)] where listings[Int(l)].active { floor = max(floor, priceFloor(p, exchange: listings[Int(l)].exchange)) }
    return floor
  }

  /// Posts (or re-posts) the product's ask in listing `l`'s book: non-depleting for unlimited
  /// licences, else the licences left. A re-posted lower ask trades with waiting bids at or above it.
  /// With M3's versions, the basic version's ask follows (`postBasicAsk`).
  func postAsk(_ l: Int32) {
    let listing = listings[Int(l)]
    let id = listing.product
    let p = products[Int(id)]
    guard listing.active, p.licencesLeft > 0 else { return }
    guard !p.limited else {
      if listing.askSlot >= 0 { engine.cancel(listing.askSlot) }
      listings[Int(l)].askSlot = -1  // limited licences trade in the period's call auction
      return
    }
    let slot = repost(product: id, book: listing.book, resting: listing.askSlot, price: p.price)
    listings[Int(l)].askSlot = slot
    postBasicAsk(l)
  }

  /// Re-posts product `id`'s non-depleting ask at `price` in `book`, where its ask rests in slot
  /// `resting` (−1: none); returns the new slot (−1 if the ask cannot rest).
  func repost(product id: Int32, book: Int32, resting slot: Int32, price: Double) -> Int32 {
    let ticks = Self.ticks(price)
    let resting = slot >= 0 ? engine.price(slot) : Int64.max
    // an unchanged resting ask stays: the book is not crossed, so re-posting it would fill nothing
    if resting == ticks { return slot }
    if slot >= 0 { engine.cancel(slot) }
    // only a lower ask (or one posted where none rested) can reach waiting bids: match it first
    if ticks < resting {
      _ = engine.match(book: book, side: .sell, limit: ticks, quantity: Int64(1) << 40)
      let fills = Array(engine.fills)
      // posted prices: a waiting bid the (lower) re-posted ask reaches pays the ask, not its bid
      for f in fills { fillWaitingBid(f, product: id, priceTicks: ticks) }
    }
    // A book's resting prices may span at most MatchingEngine.maximumSpan ticks (RMB 1.6 bn):
    // an ask that cannot rest is withdrawn until its next re-post.
    return engine.canRest(book: book, price: ticks)
      ? restInBook(book, id: UInt64(id), side: .sell, price: ticks, unlimited: true) : -1
  }
}
