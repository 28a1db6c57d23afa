import Foundation
import Market

// The data market's work estimate (see ``WorkEstimate`` for the formulas).
extension WorkEstimate {
  static func dataMarket(_ c: DataMarketConfig) -> WorkEstimate {
    let horizon = Double(c.periods) * c.periodDays
    let publicProducts = c.publicOperator.enabled ? Double(c.publicOperator.products) : 0
    let providers = c.regions.indices.reduce(0) { $0 + c.providerArrivalRate($1) } * horizon
    let products = providers + publicProducts
    let multiplier = networkMultiplier(c, listings: products)
    let buyers = c.regions.indices.reduce(0) { $0 + c.buyerArrivalRate($1) } * horizon * multiplier
    // a buyer's arrival weighs its consideration set: above the default (30 listings) its events
    // weigh that much more
    let buyerWeight = max(1, Double(c.buyers.considerationSetSize) / Double(DataMarketConfig.Buyers().considerationSetSize))
    let events = buyers * 3 * buyerWeight + providers * (1 + providerFollowUps) + Double(c.periods)
    let periodBytes = Double(c.periods) * Double(c.regions.count + c.exchanges.count + 2) * 512
    let firmBytes = Double(c.regions.count * c.buyers.firmsPerRegion * c.exchanges.count) * 4
    let perProduct = bytesPerProduct + Double(c.domains + c.providers.demandMemory + 2 * c.providers.exitWindowPeriods) * 8
    let publicBookBytes = publicProducts * (publicBookLevels(c) - Double(DataMarketModel.initialBookLevels)) * 8.125
    let productBytes = products * perProduct + publicBookBytes
    let memory = buyers * bytesPerBuyer + productBytes + periodBytes + firmBytes + 1_048_576

    let buyerKeys = ["regions[].buyerArrivalRate", "buyers.arrivalMultiplier", "market.periods", "market.periodDays"]
    let providerKeys = ["regions[].providerArrivalRate", "providers.arrivalMultiplier", "market.periods", "market.periodDays"]
    var eventKeys = buyerWeight > 1 ? buyerKeys + ["buyers.considerationSetSize"] : buyerKeys
    if providers * (1 + providerFollowUps) > buyers * 3 * buyerWeight { eventKeys = providerKeys }
    var memoryKeys = buyerKeys
    let largest = max(buyers * bytesPerBuyer, productBytes, periodBytes, firmBytes)
    if largest == firmBytes { memoryKeys = ["buyers.firmsPerRegion", "regions", "exchanges"] }
    else if largest == productBytes {
      let publicKeys = ["publicOperator.products", "publicOperator.capMultiple"] + (c.publicOperator.capMultiple.isFinite ? [] : ["buyers.valueMean"])
      memoryKeys = publicBookBytes > providers * perProduct ? publicKeys : providerKeys
    } else if largest == periodBytes { memoryKeys = ["market.periods", "regions", "exchanges"] }
    return WorkEstimate(events: Figure(events, keys: eventKeys),
                        entities: Figure(buyers + products, keys: buyerKeys),
                        memoryBytes: Figure(memory, keys: memoryKeys))
  }

  /// Levels in a public product's book. A book keeps a dense window of 8-byte levels (and a
  /// bitmap) from its lowest resting bid to its ask, twice as wide as that range, rounded up to a
  /// power of two (at most 2^25), and the smaller windows it outgrew stay allocated, so a book
  /// holds under twice its window. The operator's ask is its cap, κ_cap·MAR/Q̂ (at a tick of RMB
  /// 100, with Q̂ at least 1); under monopoly pricing (κ_cap = ∞) it follows the tail of
  /// willingness to pay, taken here as the mean deal size `buyers.valueMean` (the baseline with
  /// κ_cap = ∞: 5.0 million levels per public book measured, 8.4 million estimated). Private
  /// products' books mostly stay at their first window (``DataMarketModel/initialBookLevels``).
  static func publicBookLevels(_ c: DataMarketConfig) -> Double {
    let o = c.publicOperator
    let askTicks = (o.capMultiple.isFinite ? o.capMultiple * c.mar / max(1, o.expectedVolume) : c.buyers.valueMean) / 0.01
    var levels = Double(DataMarketModel.initialBookLevels)
    while levels < 2 * askTicks && levels < Double(1 << 25) { levels *= 2 }
    return 2 * levels
  }

  /// An upper bound on M4's buyer-arrival multiplier (1 + ν_B ln(1 + L)) / (1 + ν_B ln(1 + L_ref))
  /// over a run: L, the listed products a region's buyers see, is at most every product ever created.
  /// Never below 1 (a thin market slows arrivals; the estimate stays an upper bound).
  static func networkMultiplier(_ c: DataMarketConfig, listings: Double) -> Double {
    let nu = c.buyerNetworkEffect
    return max(1, (1 + nu * log(1 + max(listings, 1))) / (1 + nu * log(1 + c.networkReferenceListings)))
  }
}
