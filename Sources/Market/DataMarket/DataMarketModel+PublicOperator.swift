import Matching
import Simulation

// M8: the public-data operator's products and price caps.
extension DataMarketModel {

  /// Before any willingness to pay has been observed, a monopolist (κ_cap = ∞) opens at this
  /// multiple of the guide price [assumed].
  static let monopolyOpeningMultiple = 3.0
  /// Weight of last year's realised volume in the next Q̂ (partial adjustment, so caps do not
  /// swing from year to year) [assumed].
  static let volumeAdjustment = 0.5

  /// The public operator's price cap κ_cap·p̂ with the guide price p̂ = MAR / Q̂ (Q̂ the expected
  /// commercial volume per year); κ_cap = ∞ ⇒ the monopoly price against last year's observed
  /// willingness to pay, its excess revenue returned by the clawback.
  func guideCap() -> Double {
    let guide = PublicDataPricing.guidePrice(mar: config.mar, otherRevenue: 0, expectedVolume: expectedPublicVolume)
    if config.publicOperator.capMultiple.isInfinite {
      return PublicDataPricing.monopolyPrice(willingness: observedWillingness.values) ?? guide * Self.monopolyOpeningMultiple
    }
    return guide * config.publicOperator.capMultiple
  }

  /// The yearly review (M8): this cycle's revenue above MAR is clawed back (a transfer from the
  /// operator to the government), Q̂ moves halfway to the volume the year realised (if any), and the cap is
  /// re-set (``repostPublicAsks(now:kernel:)`` posts it as the next period opens). Returns the
  /// clawback.
  func reviewPublicOperatorYear() -> Double {
    let clawback = PublicDataPricing.clawback(revenue: publicRevenueThisYear, mar: config.mar)
    ledger.post(clawback, .clawback, from: .publicOperator, to: .government)
    if publicVolumeThisYear > 0 {
      expectedPublicVolume += Self.volumeAdjustment * (Double(publicVolumeThisYear) - expectedPublicVolume)
    }
    publicRevenueThisYear = 0
    publicVolumeThisYear = 0
    publicCap = guideCap()
    observedWillingness.removeAll()
    return clawback
  }

  /// Posts the reviewed cap on every public product; waiting bids it reaches are signed in the
  /// new period (and the new review cycle).
  func repostPublicAsks(now: Double, kernel: inout Kernel<Event>) throws {
    for id in listedProducts where products[Int(id)].isPublic {
      products[Int(id)].price = publicCap
      postAsks(id)
    }
    try flushSignings(now: now, kernel: &kernel)
  }

  /// Creates one of the operator's products; it lists at once (no fees, no review) at its
  /// region's exchange, and only there.
  func createPublicProduct(kernel: inout Kernel<Event>) throws {
    let id = createProduct(region: config.publicOperator.region, isPublic: true)
    // The operator's platform costs are booked per period (C_o); its products list at once.
    if let e = config.exchanges.firstIndex(where: { $0.region == config.publicOperator.region }) {
      products[Int(id)].exchange = e
      try list(openListing(id, exchange: e, primary: true, feeShare: 0), kernel: &kernel)
    }
  }
}
