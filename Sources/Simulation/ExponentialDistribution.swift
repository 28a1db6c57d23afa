/// Exponential distribution with `rate` λ (events per unit time); mean 1/λ. Sampled by inversion.
@frozen public struct ExponentialDistribution: Distribution {
  public let rate: Double
  /// - Precondition: `rate > 0` and finite.
  @inlinable public init(rate: Double) {
    precondition(rate > 0 && rate.isFinite, "exponential rate must be positive")
    self.rate = rate
  }
  @inlinable @inline(__always)
  public func sample<G: RandomNumberGenerator>(using rng: inout G) -> Double {
    -_log(openUnitDouble(&rng)) / rate
  }
  public var mean: Double { 1 / rate }
  public var variance: Double { 1 / (rate * rate) }
}
