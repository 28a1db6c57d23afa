/// DOMAIN M5: a buyer's real transaction costs of one trade (RMB 10,000), before any fee:
/// search, due diligence (cut by θ_reg when a recognised certificate vouches for the product)
/// and, across regions, (1 − u)(κ_x + τ_x·p). Pure; fixture-tested.
public struct Friction: Sendable, Equatable {
  /// s_search, κ_dd, θ_reg.
  public var searchCost: Double, dueDiligenceCost: Double, certificateCut: Double
  /// u, κ_x, τ_x.
  public var unification: Double, crossRegionFixedCost: Double, crossRegionCostRate: Double
  /// Due diligence off-exchange as a multiple of κ_dd.
  public var offExchangeDiligenceMultiple: Double

  public init(searchCost: Double, dueDiligenceCost: Double, certificateCut: Double, unification: Double, crossRegionFixedCost: Double,
              crossRegionCostRate: Double, offExchangeDiligenceMultiple: Double) {
    self.searchCost = searchCost; self.dueDiligenceCost = dueDiligenceCost; self.certificateCut = certificateCut
    self.unification = unification; self.crossRegionFixedCost = crossRegionFixedCost; self.crossRegionCostRate = crossRegionCostRate
    self.offExchangeDiligenceMultiple = offExchangeDiligenceMultiple
  }

  /// On an exchange: s + κ_dd(1 − θ_reg·1[recognised]) + 1[cross-region](1 − u)(κ_x + τ_x·p).
  public func onExchange(recognised: Bool, crossRegion: Bool, price: Double) -> Double {
    onExchange(recognisedIndicator: recognised.indicator, crossRegionIndicator: crossRegion.indicator, price: price)
  }

  /// The same with the two conditions as indicators, 1 or 0 (``Swift/Bool/indicator``: the same
  /// values as the branches would give), for the buyers' loop, which holds them as numbers so
  /// that nothing branches on a randomly drawn product's flags.
  public func onExchange(recognisedIndicator: Double, crossRegionIndicator: Double, price: Double) -> Double {
    let f = searchCost + dueDiligenceCost * (1 - certificateCut * recognisedIndicator)
    return f + (1 - unification) * (crossRegionFixedCost + crossRegionCostRate * price) * crossRegionIndicator
  }

  /// Bilateral (off-exchange, within the buyer's region): s + multiple·κ_dd(1 − θ_reg·1[certified]).
  public func offExchange(certified: Bool) -> Double {
    searchCost + dueDiligenceCost * offExchangeDiligenceMultiple * (1 - certificateCut * certified.indicator)
  }
}
