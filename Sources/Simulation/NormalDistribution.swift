/// Normal distribution N(mean, sd²). Sampled by Box–Muller (one draw per call, no cached state).
@frozen public struct NormalDistribution: Distribution {
  public let mu: Double
  public let sd: Double
  /// - Precondition: `sd >= 0`.
  @inlinable public init(mean: Double, sd: Double) {
    precondition(sd >= 0 && sd.isFinite && mean.isFinite, "normal needs finite mean and sd >= 0")
    self.mu = mean; self.sd = sd
  }
  /// A standard normal draw.
  @inlinable @inline(__always)
  public static func standard<G: RandomNumberGenerator>(using rng: inout G) -> Double {
    let r = _sqrt(-2 * _log(openUnitDouble(&rng)))
    return r * _cos(2 * Double.pi * unitDouble(&rng))
  }
  @inlinable public func sample<G: RandomNumberGenerator>(using rng: inout G) -> Double {
    mu + sd * NormalDistribution.standard(using: &rng)
  }
  public var mean: Double { mu }
  public var variance: Double { sd * sd }
}
