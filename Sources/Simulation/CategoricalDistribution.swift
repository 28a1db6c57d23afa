/// Categorical distribution over indices 0..<n with given non-negative weights, sampled in O(1)
/// by Walker's alias method (Vose's 1991 construction, numerically stable).
public struct CategoricalDistribution: Distribution {
  /// Normalised probabilities, in the order given.
  public let probabilities: [Double]
  @usableFromInline let cutoff: [Double]
  @usableFromInline let alias: [Int]

  /// - Precondition: at least one weight, all finite and ≥ 0, with a positive sum.
  public init(weights: [Double]) {
    precondition(!weights.isEmpty, "categorical needs at least one weight")
    precondition(weights.allSatisfy { $0 >= 0 && $0.isFinite }, "categorical weights must be finite and >= 0")
    let total = weights.reduce(0, +)
    precondition(total > 0, "categorical weights must not all be zero")
    let n = weights.count
    probabilities = weights.map { $0 / total }
    var scaled = probabilities.map { $0 * Double(n) }
    var cutoff = [Double](repeating: 1, count: n)
    var alias = Array(0..<n)
    var small: [Int] = [], large: [Int] = []
    for i in 0..<n { if scaled[i] < 1 { small.append(i) } else { large.append(i) } }
    while let s = small.popLast() {
      guard let l = large.popLast() else { cutoff[s] = 1; continue }
      cutoff[s] = scaled[s]; alias[s] = l
      scaled[l] = (scaled[l] + scaled[s]) - 1
      if scaled[l] < 1 { small.append(l) } else { large.append(l) }
    }
    for l in large { cutoff[l] = 1 }
    self.cutoff = cutoff; self.alias = alias
  }

  @inlinable public func sample<G: RandomNumberGenerator>(using rng: inout G) -> Int {
    let x = unitDouble(&rng) * Double(cutoff.count)
    let i = Int(x)
    return (x - Double(i)) < cutoff[i] ? i : alias[i]
  }
  public var mean: Double { probabilities.enumerated().reduce(0) { $0 + Double($1.offset) * $1.element } }
  public var variance: Double {
    let m = mean
    return probabilities.enumerated().reduce(0) { $0 + (Double($1.offset) - m) * (Double($1.offset) - m) * $1.element }
  }
}
