/// A cooperative game with transferable utility (Shapley 1953): `playerCount` players and a
/// value w(G) for every coalition G, in the caller's money unit (RMB 10,000 for bundles).
///
/// A coalition is a bitmask: bit k is set iff player k belongs to it, so n ≤ 64. Bits at or
/// above `playerCount` must be clear. Conforming types only need `playerCount` and
/// `value(of:)`; the two other requirements have generic defaults that a game may replace with
/// faster ones (``CoverageGame`` does).
public protocol CooperativeGame {
  /// The number of players n, 0 ... 64.
  var playerCount: Int { get }

  /// w(G) for the coalition `coalition`.
  func value(of coalition: UInt64) -> Double

  /// Every coalition's value, indexed by its mask: an array of 2^n values.
  /// - Precondition: n ≤ ``GameTable/maximumPlayers`` (the caller checks; ``GameTable`` does).
  func tabulate() -> [Double]

  /// The marginal contribution of each player when the players join one by one in `order`
  /// (a permutation of 0 ..< n): `contributions[order[i]] = w(order[0...i]) − w(order[0..<i])`.
  /// `contributions` has n elements; every one is overwritten.
  func marginalContributions(along order: [Int], into contributions: inout [Double])
}

extension CooperativeGame {
  /// The default table: `value(of:)` for each of the 2^n masks in increasing order.
  public func tabulate() -> [Double] {
    let size = 1 << playerCount
    var table = [Double](repeating: 0, count: size)
    for mask in 0..<size { table[mask] = value(of: UInt64(mask)) }
    return table
  }

  /// The default walk: n + 1 calls of `value(of:)`.
  public func marginalContributions(along order: [Int], into contributions: inout [Double]) {
    var mask: UInt64 = 0
    var previous = value(of: 0)
    for k in order {
      mask |= 1 << UInt64(k)
      let next = value(of: mask)
      contributions[k] = next - previous
      previous = next
    }
  }

  /// The mask of the grand coalition N (all n players).
  public var grandCoalition: UInt64 { playerCount == 64 ? ~0 : (1 << UInt64(playerCount)) - 1 }
}
