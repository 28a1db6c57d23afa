/// Log-normal distribution: exp(N(mu, sigma²)).
///
/// ``meanOne(sigma:)`` is DOMAIN.md M7's benefit shock Z ~ LogNormal(−σ²/2, σ), with E[Z] = 1
/// and Var[Z] = e^{σ²} − 1 (σ = 0.8 ⇒ 0.896).
@frozen public struct LogNormalDistribution: Distribution {
  public let mu: Double
  public let sigma: Double
  /// - Precondition: `sigma >= 0`.
  @inlinable public init(mu: Double, sigma: Double) {
    precondition(sigma >= 0 && sigma.isFinite && mu.isFinite, "lognormal needs finite mu and sigma >= 0")
    self.mu = mu; self.sigma = sigma
  }
  /// The mean-one parameterisation: mu = −σ²/2.
  @inlinable public static func meanOne(sigma: Double) -> LogNormalDistribution {
    LogNormalDistribution(mu: -sigma * sigma / 2, sigma: sigma)
  }
  /// The distribution with the given median and mean (mean ≥ median > 0), e.g. deal sizes.
  @inlinable public static func fromMedian(_ median: Double, mean: Double) -> LogNormalDistribution {
    precondition(median > 0 && mean >= median, "lognormal needs mean >= median > 0")
    let mu = _log(median)
    return LogNormalDistribution(mu: mu, sigma: _sqrt(2 * (_log(mean) - mu)))
  }
  @inlinable public func sample<G: RandomNumberGenerator>(using rng: inout G) -> Double {
    _exp(mu + sigma * NormalDistribution.standard(using: &rng))
  }
  public var mean: Double { _exp(mu + sigma * sigma / 2) }
  public var variance: Double { (_exp(sigma * sigma) - 1) * _exp(2 * mu + sigma * sigma) }
}
