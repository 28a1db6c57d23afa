/// Beta distribution on [0, 1] with shapes α, β; sampled as X/(X+Y), X ~ Γ(α), Y ~ Γ(β).
@frozen public struct BetaDistribution: Distribution {
  public let alpha: Double
  public let beta: Double
  /// - Precondition: `alpha > 0`, `beta > 0`.
  @inlinable public init(alpha: Double, beta: Double) {
    precondition(alpha > 0 && beta > 0 && alpha.isFinite && beta.isFinite, "beta needs alpha, beta > 0")
    self.alpha = alpha; self.beta = beta
  }
  @inlinable public func sample<G: RandomNumberGenerator>(using rng: inout G) -> Double {
    let x = GammaDistribution.standard(shape: alpha, using: &rng)
    let y = GammaDistribution.standard(shape: beta, using: &rng)
    return x / (x + y)
  }
  public var mean: Double { alpha / (alpha + beta) }
  public var variance: Double {
    let s = alpha + beta
    return alpha * beta / (s * s * (s + 1))
  }
}
