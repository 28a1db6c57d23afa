import Matching
import Simulation

// M5's multi-listing: a product listed at one exchange may also list at other regions'
// exchanges, paying n_eff(L_e + f_rev) in all with n_eff = 1 + (n − 1)(1 − u); one review counts
// everywhere iff u ≥ u*, otherwise each further exchange reviews the product again.
extension DataMarketModel {
  /// One product's listing at one exchange: its own book and resting ask, at the product's one
  /// price (RMB 10,000). A product has a primary listing (the exchange it chose first, M4) and,
  /// with multi-listing, secondary ones; a buyer reaches the product through one of them
  /// (`visibleListing`) and trades at that exchange's fees.
  struct Listing {
    var product: Int32
    var exchange: Int
    /// Whether the product chose this exchange first (its primary listing, `Product.exchange`).
    var primary: Bool
    /// The share of L_e + f_rev it pays here: 1 for the primary, 1 − u for a secondary listing.
    var feeShare: Double
    var book: Int32 = -1
    var askSlot: Int32 = -1
    /// M3's versions: the basic version's book and resting ask here (−1: none).
    var basicBook: Int32 = -1
    var basicAskSlot: Int32 = -1
    var reviewAttempts = 0
    /// Approved and not withdrawn (the provider has not exited).
    var active = false
  }

  /// A product's approved listing in one region and its exchange (−1, −1: none there).
  struct RegionalListing { var listing: Int32 = -1; var exchange: Int32 = -1 }

  /// Opens a listing record (not yet approved) of product `id` at exchange `e`.
  func openListing(_ id: Int32, exchange e: Int, primary: Bool, feeShare: Double) -> Int32 {
    let l = Int32(listings.count)
    listings.append(Listing(product: id, exchange: e, primary: primary, feeShare: feeShare))
    listingsOf[Int(id)].append(l)
    if primary { products[Int(id)].listing = l }
    return l
  }

  /// The listing (and its exchange) through which a buyer of region `r` considers product `p`,
  /// or nil if it does not see it: its listing at an exchange of the buyer's region if it has one
  /// the buyer uses, else its primary listing if the buyer uses that exchange and (another
  /// region's listing) finds it visible, with probability `visibility` (M5). Multi-listing thus
  /// raises a product's reach without counting it twice in a buyer's consideration set. `local`
  /// is region `r`'s entries of `localListing`. Static, so that the buyers' loop passes its local
  /// copies of the arrays; it reads no listing record.
  static func visibleListing(_ id: Int32, _ p: Product, region r: Int, local: [RegionalListing],
                             uses: [Bool], regionOf: [Int], visibility: Double, rng: inout Xoshiro256StarStar) -> (listing: Int32, exchange: Int)? {
    let own = local[Int(id)]
    if own.listing >= 0 && uses[Int(own.exchange)] { return (own.listing, Int(own.exchange)) }
    guard p.listing >= 0, p.listing != own.listing, uses[p.exchange] else { return nil }
    if regionOf[p.exchange] != r && unitDouble(&rng) >= visibility { return nil }
    return (p.listing, p.exchange)
  }

  /// After its primary listing is approved, the provider of `id` also lists at each exchange of
  /// a region none of its listings serves yet, in the exchanges' order, iff the margin on the
  /// sales it would newly reach covers the extra fees:
  /// N̂ · s_r · (1 − v) · (p(1 − φ_s) − c) · (1 − W/H) > (1 − u)(L_e + f_rev),
  /// with s_r the region's share of buyer arrivals, v M5's cross-region visibility (what the
  /// primary listing already reaches there), W the days its review would take at that exchange
  /// (none at u ≥ u*) and H the provider's planning horizon. Limited-licence products sell their
  /// K licences in one call auction and list once.
  func listElsewhere(_ id: Int32, kernel: inout Kernel<Event>) throws {
    let p = products[Int(id)]
    guard config.multiListing, !p.isPublic, !p.limited, p.active else { return }
    let u = config.unification
    let reach = 1 - crossRegionVisibility
    guard reach > 0 else { return }   // a unified market shows one listing everywhere
    let totalRate = config.regions.indices.reduce(0.0) { $0 + config.buyerArrivalRate($1) }
    guard totalRate > 0 else { return }
    let horizon = Double(config.providers.planningHorizonPeriods) * config.periodDays
    let recognised = u >= config.recognitionThreshold
    for (e, x) in config.exchanges.enumerated() {
      guard !listingsOf[Int(id)].contains(where: { exchangeRegion[listings[Int($0)].exchange] == x.region }) else { continue }
      let margin = p.price * (1 - x.sellerFeeRate) - p.marginalCost
      guard margin > 0 else { continue }
      let wait = recognised ? 0 : expectedSecondaryWait(e)
      let gain = config.providers.expectedSales * config.buyerArrivalRate(x.region) / totalRate * reach * margin * max(0, 1 - wait / horizon)
      let fees = (1 - u) * (x.listingFee + x.reviewFee)
      guard gain > fees else { continue }
      let l = openListing(id, exchange: e, primary: false, feeShare: 1 - u)
      ledger.post(x.listingFee * (1 - u), .listingFee, from: .providers, to: .exchange(e))
      products[Int(id)].fees += x.listingFee * (1 - u)
      if recognised {
        // the primary approval counts here: the review fee is paid, nobody reviews again
        ledger.post(x.reviewFee * (1 - u), .reviewFee, from: .providers, to: .exchange(e))
        products[Int(id)].fees += x.reviewFee * (1 - u)
        try list(l, kernel: &kernel)
      } else {
        try submitForReview(l, kernel: &kernel)
      }
    }
  }

  /// Days until a secondary review submitted now at exchange `e` would end: every review queued
  /// ahead of it (first listings go first) and its own, at `reviewDays` each over the servers.
  func expectedSecondaryWait(_ e: Int) -> Double {
    let x = config.exchanges[e]
    let ahead = reviewQueues[e].count + secondaryReviewQueues[e].count
    return Double(ahead + 1) * x.reviewDays / Double(max(1, x.reviewServers))
  }

  /// Records approved listing `l`: its product in the buyers' pool, its exchange's and region's counts.
  func admit(_ l: Int32) {
    let id = listings[Int(l)].product, e = listings[Int(l)].exchange
    listings[Int(l)].active = true
    if !products[Int(id)].listed { listedProducts.append(id) }
    products[Int(id)].listed = true
    listedCount[e] += 1
    localListing[exchangeRegion[e]][Int(id)] = RegionalListing(listing: l, exchange: Int32(e))
    localProducts[exchangeRegion[e]] += 1
  }

  /// Withdraws every listing of product `id` (its provider exits): asks cancelled, books idle.
  func delist(_ id: Int32) {
    for l in listingsOf[Int(id)] where listings[Int(l)].active {
      if listings[Int(l)].askSlot >= 0 { engine.cancel(listings[Int(l)].askSlot); listings[Int(l)].askSlot = -1 }
      if listings[Int(l)].basicAskSlot >= 0 { engine.cancel(listings[Int(l)].basicAskSlot); listings[Int(l)].basicAskSlot = -1 }
      listings[Int(l)].active = false
      listedCount[listings[Int(l)].exchange] -= 1
      localListing[exchangeRegion[listings[Int(l)].exchange]][Int(id)] = RegionalListing()
      localProducts[exchangeRegion[listings[Int(l)].exchange]] -= 1
    }
    if products[Int(id)].listed, let i = listedProducts.firstIndex(of: id) { listedProducts.remove(at: i) }
    products[Int(id)].listed = false
  }
}
