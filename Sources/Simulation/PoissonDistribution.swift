/// Poisson distribution with `mean` λ (a count). Small λ (< 10): Knuth's multiplication method;
/// larger λ: Hörmann's PTRS transformed rejection (1993), as in NumPy.
@frozen public struct PoissonDistribution: Distribution {
  public let lambda: Double
  /// - Precondition: `mean >= 0` and finite.
  @inlinable public init(mean: Double) {
    precondition(mean >= 0 && mean.isFinite, "poisson mean must be >= 0")
    lambda = mean
  }
  @inlinable public func sample<G: RandomNumberGenerator>(using rng: inout G) -> Int {
    if lambda == 0 { return 0 }
    if lambda < 10 {
      let limit = _exp(-lambda)
      var k = 0
      var p = unitDouble(&rng)
      while p > limit { k += 1; p *= unitDouble(&rng) }
      return k
    }
    let smu = _sqrt(lambda)
    let b = 0.931 + 2.53 * smu
    let a = -0.059 + 0.02483 * b
    let invAlpha = 1.1239 + 1.1328 / (b - 3.4)
    let vr = 0.9277 - 3.6224 / (b - 2)
    let logLambda = _log(lambda)
    while true {
      let u = unitDouble(&rng) - 0.5
      let v = unitDouble(&rng)
      let us = 0.5 - abs(u)
      let k = ((2 * a / us + b) * u + lambda + 0.43).rounded(.down)
      if us >= 0.07 && v <= vr { return Int(k) }
      if k < 0 || (us < 0.013 && v > us) { continue }
      if _log(v) + _log(invAlpha) - _log(a / (us * us) + b) <= -lambda + k * logLambda - _lgamma(k + 1) {
        return Int(k)
      }
    }
  }
  public var mean: Double { lambda }
  public var variance: Double { lambda }
}
