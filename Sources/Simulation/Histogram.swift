/// A fixed-bin histogram over [lower, upper) with underflow and overflow counts, and quantiles by
/// linear interpolation inside a bin. Memory O(bins), whatever the number of observations.
public struct Histogram: Sendable, Equatable {
  public let lower: Double
  public let upper: Double
  /// Counts per bin, lowest first.
  public private(set) var counts: [Int]
  public private(set) var underflow = 0
  public private(set) var overflow = 0
  /// All observations, including under- and overflow.
  public private(set) var total = 0

  /// - Precondition: `lower < upper`, `bins ≥ 1`.
  public init(lower: Double, upper: Double, bins: Int) {
    precondition(lower < upper && bins >= 1, "histogram needs lower < upper and bins >= 1")
    self.lower = lower; self.upper = upper
    counts = Array(repeating: 0, count: bins)
  }

  /// The width of one bin.
  public var binWidth: Double { (upper - lower) / Double(counts.count) }

  /// Counts one observation.
  public mutating func add(_ x: Double) {
    total += 1
    if x < lower { underflow += 1; return }
    if !(x < upper) { overflow += 1; return }
    let i = Swift.min(counts.count - 1, Int((x - lower) / binWidth))
    counts[i] += 1
  }

  /// The `p`-quantile (0 ≤ p ≤ 1), interpolated linearly within its bin; clamped to
  /// [lower, upper] when it falls in the under- or overflow. NaN when empty.
  public func quantile(_ p: Double) -> Double {
    precondition(p >= 0 && p <= 1, "quantile needs 0 <= p <= 1")
    guard total > 0 else { return .nan }
    let target = p * Double(total)
    var cumulative = Double(underflow)
    if target <= cumulative && underflow > 0 { return lower }
    for (i, c) in counts.enumerated() where c > 0 {
      if cumulative + Double(c) >= target {
        let fraction = (target - cumulative) / Double(c)
        return lower + (Double(i) + fraction) * binWidth
      }
      cumulative += Double(c)
    }
    return upper
  }
}
