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
  /// marginal cost c; κ·median when κ ≤ 0 or the distribution has no spread. The first (lowest)
  /// of equally profitable grid points wins.
  ///
  /// (p(1 − φ_s) − c)·P(κV ≥ p) is unimodal in p when 1 − φ_s > 0 and c ≥ 0, because the
  /// lognormal has an increasing generalised failure rate (Lariviere & Porteus 2001). So the
  /// search scans every 8th point and then every point within 8 of the best of those: 68
  /// profits instead of 401, with the same operations, so the same price bit for bit. When the
  /// spread is below ``searchMinimumSigma`` the profits across the grid can differ by rounding
  /// alone, and every point is scanned.
  public func price(scale kappa: Double, sellerFeeRate fs: Double, marginalCost c: Double) -> Double {
    guard kappa > 0, sigma > 0 else { return kappa * median }
    let margin = 1 - fs
    var points = 0...400
    if sigma >= Self.searchMinimumSigma && margin > 0 && c >= 0 {
      var coarse = 0, coarseProfit = -Double.infinity
      for i in stride(from: 0, through: 400, by: Self.coarseStep) {
        let profit = (kappa * unitPrices[i] * margin - c) * 0.5 * tails[i]
        if profit > coarseProfit { (coarse, coarseProfit) = (i, profit) }
      }
      points = max(0, coarse - Self.coarseStep)...min(400, coarse + Self.coarseStep)
    }
    var best = (price: kappa * median, profit: -Double.infinity)
    for i in points {
      let p = kappa * unitPrices[i]
      let profit = (p * margin - c) * 0.5 * tails[i]
      if profit > best.profit { best = (p, profit) }
    }
    return best.price
  }

  /// The coarse scan's step, in grid points.
  static let coarseStep = 8
  /// The smallest spread σ at which ``price(scale:sellerFeeRate:marginalCost:)`` searches rather
  /// than scanning every grid point.
  static let searchMinimumSigma = 0.05
}
