import Matching
import Simulation

// M3's optional versions by readiness tier (Varian 1997, "Versioning Information Goods", DOMAIN
// [S37]): a provider of non-rival data sells the same data in two versions that differ in
// AI-readiness — the full version (its readiness a) and a basic one (the raw data, readiness
// a_L) — at two posted prices, and lets buyers sort themselves by how much they value readiness.
extension DataMarketModel {
  /// Whether the buyers' loop weighs basic versions: a compile-time switch, so that the loop
  /// without versions (the default) is specialised with none of their code.
  protocol VersionPolicy { static var weighsBasicVersions: Bool { get } }
  enum VersionsWeighed: VersionPolicy { static var weighsBasicVersions: Bool { true } }
  enum FullVersionsOnly: VersionPolicy { static var weighsBasicVersions: Bool { false } }

  /// Whether product `p` could sell a basic version: versioning is on and it is a private
  /// product sold as unlimited licences whose readiness exceeds the basic tier's. Its viewers
  /// then report what they would pay for either version, and its provider decides at each price
  /// revision whether the menu pays.
  func versionable(_ p: Product) -> Bool {
    config.providers.versioning && !p.isPublic && !p.limited && p.readiness > config.providers.basicReadiness
  }

  /// Whether product `p` posts a basic version now: it could, and its provider chose to.
  func offersBasicVersion(_ p: Product) -> Bool { p.versionsOffered && versionable(p) }

  /// ρ_H: the basic version's value relative to the full version of product `p` for the segment
  /// that values readiness most.
  func highVersionRatio(_ p: Product) -> Double {
    Valuation.versionRatio(readiness: p.readiness, basicReadiness: config.providers.basicReadiness, readinessWeight: highestReadinessWeight)
  }

  /// The arriving buyer's certainty equivalent of product `id`'s basic version at price 0, from
  /// its weighing of the full version (first order: its belief `ev` and the full version's risk
  /// premium `risk` scaled by the version ratio ρ_j and ρ_j², the same fixed `costs`): what the
  /// provider learns of the buyer's demand for the basic version. −∞ if the product cannot version.
  @inline(never)   // out of the buyers' loop, which calls it only with versioning on
  func basicVersionValue(_ id: Int32, expectedValue ev: Double, risk: Double, costs: Double, readinessWeight omega: Double) -> Double {
    let p = products[Int(id)]
    guard versionable(p) else { return -.infinity }
    let seen = p.believedReadiness
    let rho = Valuation.versionRatio(readiness: seen, basicReadiness: min(config.providers.basicReadiness, seen), readinessWeight: omega)
    return rho * ev - costs - rho * rho * risk
  }

  /// The basic version's price for product `id` at its current full price: the full price times
  /// the basic version's relative value to the segment that values readiness most, not below
  /// the price floor of any exchange where it is listed (``ProviderPricing/basicVersion(price:highRatio:floor:)``).
  func basicVersionPrice(_ id: Int32) -> Double {
    ProviderPricing.basicVersion(price: products[Int(id)].price, highRatio: highVersionRatio(products[Int(id)]), floor: priceFloor(id))
  }

  /// Posts (or re-posts) the basic version's ask in listing `l`, opening its book the first time,
  /// at the price `basicVersionPrice` gives now (remembered in `basicPrices`, which buyers
  /// read); withdraws it if the product no longer offers a basic version.
  func postBasicAsk(_ l: Int32) {
    let listing = listings[Int(l)], id = listing.product
    guard offersBasicVersion(products[Int(id)]) else {
      if listing.basicAskSlot >= 0 { engine.cancel(listing.basicAskSlot); listings[Int(l)].basicAskSlot = -1 }
      basicPrices[Int(id)] = 0
      return
    }
    var book = listing.basicBook
    if book < 0 {
      book = engine.addBook()
      listings[Int(l)].basicBook = book
    }
    let price = basicVersionPrice(id)
    basicPrices[Int(id)] = price
    let slot = repost(product: id, book: book, resting: listing.basicAskSlot, price: price)
    listings[Int(l)].basicAskSlot = slot
  }

  /// The arriving buyer's offer for the basic version of product `id` at listing `l` (exchange
  /// `e`), if it posts one, weighed after the full version: its value and the buyer's belief are the full
  /// version's `trueValue` and `expectedValue` times M1's readiness factor at a_L over the factor
  /// at a (at the readiness the buyer sees, for the belief); price, friction and contract choice
  /// as for any listing. Nil if it cannot beat `bestScore` whatever the contract, or no allowed
  /// contract is acceptable to the provider.
  @inline(never)   // out of the buyers' loop, which calls it only with versioning on
  func basicVersionOffer(_ id: Int32, listing l: Int32, exchange e: Int, expectedValue ev: Double, trueValue tv: Double,
                         recognised: Bool, crossRegion cross: Bool, membership: Double, readinessWeight omega: Double,
                         buyer: ArrivingBuyer, bestScore: Double) -> Offer? {
    let p = products[Int(id)]
    guard offersBasicVersion(p) else { return nil }
    let aL = config.providers.basicReadiness
    let seen = p.believedReadiness
    let belief = ev * Valuation.versionRatio(readiness: seen, basicReadiness: min(aL, seen), readinessWeight: omega)
    let value = tv * Valuation.versionRatio(readiness: p.readiness, basicReadiness: aL, readinessWeight: omega)
    let price = basicPrices[Int(id)]
    guard price > 0 else { return nil }
    let friction = frictions.onExchange(recognised: recognised, crossRegion: cross, price: price)
    let costs = friction + membership
    let k = 1 + config.exchanges[e].buyerFeeRate
    let bound = contractChoice.buyerCEBound(expectedBenefit: belief, price: price, buyerFeeRate: k - 1, fixedCosts: costs,
                                            misreporting: config.contracts.misreportingOn)
    guard bound >= bestScore - Self.boundMargin(bestScore) else { return nil }
    let deal = bidDeal(price: price, belief: belief, trueValue: value, product: id, friction: costs, wealth: buyer.wealth,
                       honesty: buyer.honesty, exchange: e, marginalCost: p.marginalCost)
    guard let score = contractChoice.best(for: deal)?.buyerCE else { return nil }
    let risk = max(0, belief - k * price - costs - score)   // the risk premium under the best contract
    return Offer(product: id, listing: l, exchange: e, price: price, expectedValue: belief, trueValue: value, friction: friction,
                 score: score, willingness: (belief - costs - risk) / k, free: false, basicVersion: true)
  }
}
