/// Bernoulli distribution: `true` with probability `p`.
@frozen public struct BernoulliDistribution: Distribution {
  public let p: Double
  /// - Precondition: 0 ≤ p ≤ 1.
  @inlinable public init(p: Double) {
    precondition(p >= 0 && p <= 1, "bernoulli p must be in [0, 1]")
    self.p = p
  }
  @inlinable @inline(__always)
  public func sample<G: RandomNumberGenerator>(using rng: inout G) -> Bool { unitDouble(&rng) < p }
  public var mean: Double { p }
  public var variance: Double { p * (1 - p) }
}
