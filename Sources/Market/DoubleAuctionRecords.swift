/// One trade of the double auction. Prices, values and costs in ticks; time in periods.
public struct DoubleAuctionTrade: Sendable, Equatable {
  public var period: Int
  public var time: Double
  public var price: Int64
  public var buyer: Int
  public var seller: Int
  public var buyerValue: Int64
  public var sellerCost: Int64
}

/// What one trading period produced.
public struct DoubleAuctionPeriod: Sendable, Equatable {
  public var period: Int
  /// Orders submitted (shouts).
  public var orders: Int
  public var trades: Int
  /// Σ (price) over trades, in ticks.
  public var turnover: Int64
  /// Σ (value − price) over trades: buyers' surplus.
  public var buyerSurplus: Int64
  /// Σ (price − cost) over trades: sellers' surplus.
  public var sellerSurplus: Int64
  /// Σ (price − P₀)² over trades, for Smith's α.
  public var squaredDeviation: Double

  /// An empty period record.
  public init(period: Int) {
    self.period = period; orders = 0; trades = 0; turnover = 0; buyerSurplus = 0; sellerSurplus = 0; squaredDeviation = 0
  }

  /// Adds another period's counts (for run totals).
  public mutating func accumulate(_ p: DoubleAuctionPeriod) {
    orders += p.orders; trades += p.trades; turnover += p.turnover
    buyerSurplus += p.buyerSurplus; sellerSurplus += p.sellerSurplus; squaredDeviation += p.squaredDeviation
  }

  /// Realised surplus = buyer + seller surplus = Σ (value − cost).
  public var realisedSurplus: Int64 { buyerSurplus + sellerSurplus }
  /// Mean trade price, NaN without trades.
  public var meanPrice: Double { trades > 0 ? Double(turnover) / Double(trades) : .nan }

  /// Allocative efficiency: realised / maximum surplus (NaN when the maximum is 0).
  public func efficiency(maxSurplus: Int64) -> Double { maxSurplus > 0 ? Double(realisedSurplus) / Double(maxSurplus) : .nan }
  /// Smith's (1962) α: 100 × RMS deviation of prices from P₀, as a percentage of P₀.
  public func alpha(equilibriumPrice p0: Double) -> Double {
    trades > 0 && p0 > 0 ? 100 * (squaredDeviation / Double(trades)).squareRoot() / p0 : .nan
  }
}
