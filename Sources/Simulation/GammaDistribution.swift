/// Gamma distribution with `shape` k and `scale` θ (mean kθ). Sampled by Marsaglia & Tsang (2000),
/// with the U^{1/k} boost for k < 1.
@frozen public struct GammaDistribution: Distribution {
  public let shape: Double
  public let scale: Double
  /// - Precondition: `shape > 0`, `scale > 0`.
  @inlinable public init(shape: Double, scale: Double) {
    precondition(shape > 0 && scale > 0 && shape.isFinite && scale.isFinite, "gamma needs shape, scale > 0")
    self.shape = shape; self.scale = scale
  }
  @inlinable public func sample<G: RandomNumberGenerator>(using rng: inout G) -> Double {
    GammaDistribution.standard(shape: shape, using: &rng) * scale
  }
  /// A Gamma(shape, 1) draw.
  @inlinable public static func standard<G: RandomNumberGenerator>(shape: Double, using rng: inout G) -> Double {
    if shape < 1 {
      let boost = _pow(openUnitDouble(&rng), 1 / shape)
      return standard(shape: shape + 1, using: &rng) * boost
    }
    let d = shape - 1.0 / 3.0
    let c = 1 / _sqrt(9 * d)
    while true {
      var x: Double
      var v: Double
      repeat {
        x = NormalDistribution.standard(using: &rng)
        v = 1 + c * x
      } while v <= 0
      v = v * v * v
      let u = openUnitDouble(&rng)
      if u < 1 - 0.0331 * x * x * x * x { return d * v }
      if _log(u) < 0.5 * x * x + d * (1 - v + _log(v)) { return d * v }
    }
  }
  public var mean: Double { shape * scale }
  public var variance: Double { shape * scale * scale }
}
