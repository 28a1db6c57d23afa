/// Student's t distribution: the quantiles behind confidence intervals for a mean.
///
/// The CDF comes from the regularised incomplete beta function (Lentz's continued fraction,
/// Numerical Recipes §6.4); the quantile inverts it by bisection to 1e-12.
public enum StudentT {
  /// The `p`-quantile of t with `degreesOfFreedom` ν > 0. `quantile(0.975, 9)` = 2.2621571628.
  public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
    precondition(p > 0 && p < 1 && nu > 0, "t quantile needs 0 < p < 1 and nu > 0")
    if p == 0.5 { return 0 }
    if p < 0.5 { return -quantile(1 - p, degreesOfFreedom: nu) }
    var lo = 0.0, hi = 1.0
    while cdf(hi, degreesOfFreedom: nu) < p { hi *= 2 }
    for _ in 0..<200 {
      let mid = (lo + hi) / 2
      if cdf(mid, degreesOfFreedom: nu) < p { lo = mid } else { hi = mid }
      if hi - lo < 1e-12 * Swift.max(1, hi) { break }
    }
    return (lo + hi) / 2
  }

  /// P(T ≤ t) for ν degrees of freedom.
  public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
    let x = nu / (nu + t * t)
    let tail = 0.5 * regularizedIncompleteBeta(x, a: nu / 2, b: 0.5)
    return t >= 0 ? 1 - tail : tail
  }

  /// I_x(a, b), the regularised incomplete beta function.
  public static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    let lnFront = _lgamma(a + b) - _lgamma(a) - _lgamma(b) + a * _log(x) + b * _log(1 - x)
    let front = _exp(lnFront)
    if x < (a + 1) / (a + b + 2) { return front * continuedFraction(x, a, b) / a }
    return 1 - front * continuedFraction(1 - x, b, a) / b
  }

  static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
    let tiny = 1e-300
    var c = 1.0, d = 1 - (a + b) * x / (a + 1)
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var h = d
    for m in 1...500 {
      let m = Double(m)
      var aa = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
      d = 1 + aa * d; if abs(d) < tiny { d = tiny }
      c = 1 + aa / c; if abs(c) < tiny { c = tiny }
      d = 1 / d; h *= d * c
      aa = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
      d = 1 + aa * d; if abs(d) < tiny { d = tiny }
      c = 1 + aa / c; if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) < 1e-15 { break }
    }
    return h
  }
}
