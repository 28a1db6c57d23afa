/// The Gini coefficient of a payout vector (DOMAIN §4.6 "bundle payout Gini"): half the mean
/// absolute difference between two payouts over the mean payout,
///
///     G = Σ_i Σ_j |x_i − x_j| / (2 n² x̄)
///
/// Dimensionless; for non-negative payouts 0 (all equal) to 1 − 1/n (one takes everything).
/// 0 for fewer than two payouts or a total ≤ 0.
public enum Gini {
  /// G of `payouts` (any money unit), by the sorted form Σ_i (2i − n − 1)·x_(i) / (n·Σx), i = 1 … n.
  /// - Complexity: O(n log n); the sorted copy is on the stack.
  public static func coefficient(_ payouts: [Double]) -> Double {
    let n = payouts.count
    let total = payouts.reduce(0, +)
    guard n >= 2, total > 0, total.isFinite else { return 0 }
    var weighted = 0.0
    withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { buffer in
      var sorted = buffer   // the same memory; `sort` needs a variable
      _ = sorted.initialize(from: payouts)
      sorted.sort()
      for i in 0..<n { weighted += Double(2 * (i + 1) - n - 1) * sorted[i] }
    }
    // ≥ 0 for non-negative payouts; rounding can leave −1e-19 where all are equal
    return max(0, weighted / (Double(n) * total))
  }
}
