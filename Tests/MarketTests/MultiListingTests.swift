import Testing
@testable import Market
@testable import Simulation

/// M5's multi-listing: a listed product also lists at other regions' exchanges where that pays,
/// paying n_eff(L_e + f_rev) with n_eff = 1 + (n − 1)(1 − u), reviewed again below u* and not at
/// or above it; at u = 1 one listing is visible everywhere and nobody lists twice.
@Suite struct MultiListingTests {
  /// Four regions with one exchange each, no registry (so a product's fees are listing and
  /// review fees only), two simulated years.
  static func config(unification u: Double, multiListing: Bool = true) -> DataMarketConfig {
    var c = DataMarketConfig()
    c.periods = 24
    c.unification = u
    c.registry.mode = .off
    c.multiListing = multiListing
    return c
  }

  static func run(_ c: DataMarketConfig, seed: UInt64 = 7) throws -> DataMarketModel {
    try DataMarketModel.simulateChecked(c, seed: seed).0
  }

  @Test func belowTheRecognitionThresholdFurtherListingsAreReviewedAgainAndPayTheirShare() throws {
    let u = 0.2
    let m = try Self.run(Self.config(unification: u))
    let secondary = m.listings.filter { !$0.primary }
    #expect(secondary.count > 20, "at u = 0.2 listing elsewhere pays for many products")
    for l in secondary where l.active { #expect(l.reviewAttempts >= 1, "approved only after a review of its own") }
    #expect(m.listings.contains { !$0.primary && !$0.active && $0.reviewAttempts > 0 }, "some are rejected, or still wait")
    // n_eff: L_e and f_rev per review at the primary, (1 − u)(L_e + f_rev per review) at each further exchange
    for (i, p) in m.products.enumerated() where !p.isPublic && p.exchange >= 0 {
      var expected = 0.0
      for l in m.listingsOf[i] {
        let x = m.config.exchanges[m.listings[Int(l)].exchange]
        let share = m.listings[Int(l)].primary ? 1 : 1 - u
        expected += share * (x.listingFee + x.reviewFee * Double(m.listings[Int(l)].reviewAttempts))
      }
      #expect(abs(p.fees - expected) < 1e-9, "product \(i): fees \(p.fees), n_eff formula \(expected)")
    }
  }

  @Test func atOrAboveTheRecognitionThresholdOneReviewCountsEverywhere() throws {
    let u = 0.6
    let m = try Self.run(Self.config(unification: u))
    let secondary = m.listings.filter { !$0.primary }
    #expect(!secondary.isEmpty)
    for l in secondary {
      #expect(l.reviewAttempts == 0, "no second review under mutual recognition")
      #expect(l.active || !m.products[Int(l.product)].active, "listed at once unless its provider has left")
    }
    for (i, p) in m.products.enumerated() where !p.isPublic && p.exchange >= 0 {
      let x = m.config.exchanges[0]   // every exchange has the same fees here
      let primary = m.listings[Int(p.listing)]
      let expected = x.listingFee + x.reviewFee * Double(primary.reviewAttempts)
        + Double(m.listingsOf[i].count - 1) * (1 - u) * (x.listingFee + x.reviewFee)
      #expect(abs(p.fees - expected) < 1e-9, "product \(i): fees \(p.fees), n_eff formula \(expected)")
    }
  }

  @Test func aUnifiedMarketShowsOneListingEverywhere() throws {
    let m = try Self.run(Self.config(unification: 1))
    #expect(!m.listings.isEmpty)
    #expect(!m.listings.contains { !$0.primary }, "at u = 1 a listing is visible in every region: listing twice gains nothing")
  }

  @Test func switchedOffEveryProductListsOnce() throws {
    let m = try Self.run(Self.config(unification: 0, multiListing: false))
    #expect(!m.listings.isEmpty)
    #expect(!m.listings.contains { !$0.primary })
  }

  @Test func productsListAtMostOncePerRegionAndLimitedOnesOnlyOnce() throws {
    var c = Self.config(unification: 0.3)
    c.providers.limitedShare = 0.5
    let m = try Self.run(c)
    for (i, p) in m.products.enumerated() {
      let regions = m.listingsOf[i].map { m.config.exchanges[m.listings[Int($0)].exchange].region }
      #expect(Set(regions).count == regions.count)
      if p.limited || p.isPublic { #expect(m.listingsOf[i].count <= 1) }
    }
  }

  /// M4's network effect reads the catalogue a region's buyers see: products listed there count
  /// once however many exchanges they list at, the rest count v (all of them when unified).
  @Test(arguments: [0.0, 0.2, 1.0])
  func buyerArrivalsFollowTheVisibleCatalogueCountingEachProductOnce(unification u: Double) throws {
    let m = try Self.run(Self.config(unification: u))
    let c = m.config
    let v = c.visibilityFloor + (1 - c.visibilityFloor) * u
    let listed = m.products.indices.filter { m.products[$0].listed }
    #expect(!listed.isEmpty)
    for r in c.regions.indices {
      let local = listed.filter { i in
        m.listingsOf[i].contains { m.listings[Int($0)].active && c.exchanges[m.listings[Int($0)].exchange].region == r }
      }.count
      let seen = Double(local) + v * Double(listed.count - local)
      let expected = c.buyerArrivalRate(r) * (1 + c.buyerNetworkEffect * _log(1 + seen)) / (1 + c.buyerNetworkEffect * _log(1 + c.networkReferenceListings))
      #expect(abs(m.buyerRate(r) - expected) < 1e-12 * expected, "region \(r): \(m.buyerRate(r)) against \(expected)")
    }
  }

  /// W1's review cost: duplicated reviews in a fragmented market, one review when unified.
  @Test func reviewsPerListedProductFallWithUnification() throws {
    func reviewsPerProduct(_ u: Double) throws -> Double {
      var reviews = 0, products = 0
      for seed: UInt64 in 1...3 {
        let m = try DataMarketModel.simulate(Self.config(unification: u), seed: seed).0
        reviews += m.periods.reduce(0) { $0 + $1.national.reviewsDone }
        products += m.products.filter { !$0.isPublic && $0.exchange >= 0 }.count
      }
      return Double(reviews) / Double(products)
    }
    let fragmented = try reviewsPerProduct(0), unified = try reviewsPerProduct(1)
    #expect(fragmented > 1.3 * unified, "reviews per product: \(fragmented) at u = 0, \(unified) at u = 1")
  }

  /// Multi-listing reaches buyers in other regions at their home exchange: more of a product's
  /// on-exchange sales go to other regions' buyers than without it, at u = 0.
  @Test func multiListingCarriesDataAcrossRegions() throws {
    func crossShare(_ on: Bool) throws -> Double {
      var cross = 0.0, gmv = 0.0
      for seed: UInt64 in 1...3 {
        let m = try DataMarketModel.simulate(Self.config(unification: 0, multiListing: on), seed: seed).0
        for p in m.periods { cross += p.national.crossRegionGMV; gmv += p.national.gmv }
      }
      return cross / gmv
    }
    let with = try crossShare(true), without = try crossShare(false)
    #expect(with > without + 0.05, "cross-region GMV share: \(with) with multi-listing, \(without) without")
  }
}
