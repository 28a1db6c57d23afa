/// Continuous uniform distribution on [low, high). Unit: that of `low` and `high`.
@frozen public struct UniformDistribution: Distribution {
  public let low: Double
  public let high: Double
  /// - Precondition: `low <= high`, both finite.
  @inlinable public init(low: Double, high: Double) {
    precondition(low.isFinite && high.isFinite && low <= high, "uniform needs finite low <= high")
    self.low = low; self.high = high
  }
  @inlinable public func sample<G: RandomNumberGenerator>(using rng: inout G) -> Double {
    low + (high - low) * unitDouble(&rng)
  }
  public var mean: Double { (low + high) / 2 }
  public var variance: Double { (high - low) * (high - low) / 12 }
}
