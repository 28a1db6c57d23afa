/// The competitive equilibrium of an induced-value market (Smith 1962): the quantity where the
/// stepped demand curve (all buyers' unit values, highest first) meets the stepped supply curve
/// (all sellers' unit costs, lowest first), the range of prices that clear it, and the maximum
/// total surplus. Values, costs and prices are integer ticks.
public struct CompetitiveEquilibrium: Sendable, Equatable {
  /// Units traded in equilibrium (Q*).
  public var quantity: Int
  /// The lowest and highest market-clearing prices; NaN when nothing can trade.
  public var priceLow: Double
  public var priceHigh: Double
  /// Σ (value − cost) over the Q* efficient trades: the most surplus one period can yield.
  public var maxSurplus: Int64

  /// The midpoint of the clearing range (P₀ in Smith's α).
  public var price: Double { (priceLow + priceHigh) / 2 }

  /// Computes the equilibrium. Ties and flat segments are handled: the marginal pair may have
  /// value = cost (it adds zero surplus and counts in Q*).
  public static func compute(values: [Int64], costs: [Int64]) -> CompetitiveEquilibrium {
    let d = values.sorted(by: >), s = costs.sorted()
    var q = 0
    while q < d.count && q < s.count && d[q] >= s[q] { q += 1 }
    guard q > 0 else { return CompetitiveEquilibrium(quantity: 0, priceLow: .nan, priceHigh: .nan, maxSurplus: 0) }
    var low = Double(s[q - 1]), high = Double(d[q - 1])
    if q < d.count { low = max(low, Double(d[q])) }
    if q < s.count { high = min(high, Double(s[q])) }
    var surplus: Int64 = 0
    for i in 0..<q { surplus += d[i] - s[i] }
    return CompetitiveEquilibrium(quantity: q, priceLow: low, priceHigh: high, maxSurplus: surplus)
  }
}
