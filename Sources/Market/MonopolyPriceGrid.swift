#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Value-based pricing's prior (M3), tabulated once per run: the monopoly price against a
/// willingness to pay κ·V with V lognormal (the deal-size distribution's median and mean),
/// maximising (p(1 − φ_s) − c)·P(κV ≥ p) over a grid of 401 points z ∈ [−4, 6] of
/// ln(p/κ) = μ + σz. The grid's e^{μ+σz} and erfc(z/√2) depend on the deal-size distribution
/// alone, so a run computes them once rather than for each of its thousands of entrants; each
/// price goes through the same operations as computing them afresh, so it is bit-identical.
/// Money in RMB 10,000.
public struct MonopolyPriceGrid: Sendable {
  /// The deal-size distribution's median, and μ = ln median, σ = √(2 ln(mean/median)).
  let median: Double, sigma: Double
  /// e^{μ+σz} and erfc(z/√2) at the grid's points.
  let unitPrices: [Double], tails: [Double]

  public init(median: Double, mean: Double) {
    let mu = log(median), sigma = (2 * log(max(mean, median) / median)).squareRoot()
    let z = (0...400).map { -4 + Double($0) * 0.025 }
    self.median = median
    self.sigma = sigma
    unitPrices = z.map { exp(mu + sigma * $0) }
    tails = z.map { erfc($0 / 2.0.squareRoot()) }
  }

  /// The grid's most profitable price for a willingness-to-pay scale κ, seller fee φ_s and
  /// marginal cost c; κ·median when κ ≤ 0 or the distribution has no spread.
  public func price(scale kappa: Double, sellerFeeRate fs: Double, marginalCost c: Double) -> Double {
    guard kappa > 0, sigma > 0 else { return kappa * median }
    var best = (price: kappa * median, profit: -Double.infinity)
    for i in unitPrices.indices {
      let p = kappa * unitPrices[i]
      let profit = (p * (1 - fs) - c) * 0.5 * tails[i]
      if profit > best.profit { best = (p, profit) }
    }
    return best.price
  }
}
