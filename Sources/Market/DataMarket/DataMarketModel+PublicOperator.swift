import Matching
import Simulation

// M8: the public-data operator's products and price caps.
extension DataMarketModel {

  /// The public operator's price cap from MAR over expected volume; κ_cap = ∞ ⇒ monopoly price.
  func guideCap() -> Double {
    let guide = PublicDataPricing.guidePrice(mar: marThisYear, otherRevenue: 0, expectedVolume: config.publicOperator.expectedVolume)
    if config.publicOperator.capMultiple.isInfinite {
      return PublicDataPricing.monopolyPrice(willingness: observedWillingness) ?? guide * 3
    }
    return guide * config.publicOperator.capMultiple
  }

  /// Creates one of the operator's products; it lists at once at its region's exchange.
  func createPublicProduct(kernel: inout Kernel<Event>) throws {
    let id = createProduct(region: config.publicOperator.region, isPublic: true)
    // The operator's platform costs are booked per period (C_o); its products list at once.
    if let e = config.exchanges.firstIndex(where: { $0.region == config.publicOperator.region }) {
      try list(id, exchange: e, kernel: &kernel)
    }
  }
}
