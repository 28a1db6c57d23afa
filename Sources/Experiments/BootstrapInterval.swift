import Simulation

/// A point estimate with its bootstrap 95% percentile interval (Efron & Tibshirani 1993): the
/// 2.5% and 97.5% quantiles (linear interpolation) of the statistic over resamples of the
/// independent units — base rows of a Sobol design, trajectories of a Morris design. The
/// resamples come from a seeded stream, so the interval is deterministic. Unit: the statistic's.
public struct BootstrapInterval: Sendable, Equatable {
  public var estimate: Double
  public var low: Double
  public var high: Double

  public init(estimate: Double, low: Double, high: Double) { self.estimate = estimate; self.low = low; self.high = high }

  /// The estimate with no interval (NaN bounds).
  public init(estimate: Double) { self.init(estimate: estimate, low: .nan, high: .nan) }

  /// `estimate` and the 95% percentile interval of `replicates` (non-finite replicates dropped).
  public init(estimate: Double, replicates: [Double]) {
    let sorted = replicates.filter(\.isFinite).sorted()
    self.init(estimate: estimate, low: Self.quantile(sorted, 0.025), high: Self.quantile(sorted, 0.975))
  }

  /// The q-quantile of sorted values (linear interpolation between order statistics); NaN when empty.
  public static func quantile(_ sorted: [Double], _ q: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let h = q * Double(sorted.count - 1)
    let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
    return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
  }

  /// `resamples` index vectors of `n` units drawn with replacement from the `bootstrap` stream
  /// of `seed`, handed one at a time to `body` (the same seed gives the same resamples).
  public static func forEachResample(units n: Int, resamples: Int, seed: UInt64, _ body: ([Int]) -> Void) {
    var rng = RandomStreams(masterSeed: seed).stream("bootstrap")
    var index = [Int](repeating: 0, count: n)
    for _ in 0..<resamples {
      for j in 0..<n { index[j] = Int(UniformIntegerDistribution.below(UInt64(n), using: &rng)) }
      body(index)
    }
  }
}
