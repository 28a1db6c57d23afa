import Simulation

/// DOMAIN.md M1 and M2: what a data product is worth to a buyer, and what the buyer believes
/// about its quality. Money in RMB 10,000.
public enum Valuation {
  /// Fit = max(0, cos(d_j, d_k)) of two domain vectors.
  public static func fit(_ a: [Double], _ b: [Double]) -> Double {
    var dot = 0.0, na = 0.0, nb = 0.0
    for i in 0..<min(a.count, b.count) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i] }
    guard na > 0, nb > 0 else { return 0 }
    return max(0, dot / (na.squareRoot() * nb.squareRoot()))
  }

  /// M1: v_jk(q) = V_j · Fit · q^β_q · (1 − ω_j(1 − a_k)).
  /// Fixture 1: V = 100, Fit = 1, q = 0.8, β_q = 1.5, a = 0.5, ω = 0.8 ⇒ 42.93.
  public static func value(buyerScale v: Double, fit: Double, quality q: Double, qualityExponent beta: Double,
                           readiness a: Double, readinessWeight omega: Double) -> Double {
    v * fit * _pow(max(0, q), beta) * (1 - omega * (1 - a))
  }

  /// M2: the posterior probability that a product is bad after it passed screens with detection
  /// rates `detections`: π̂ = π Π(1−d) / (π Π(1−d) + 1 − π).
  public static func posteriorBad(prior pi: Double, detections: [Double]) -> Double {
    let pass = detections.reduce(1) { $0 * (1 - $1) }
    let bad = pi * pass
    return bad + (1 - pi) > 0 ? bad / (bad + 1 - pi) : 0
  }

  /// M2: E[v] = (1−π̂)·v(q̃) + π̂·v(q̃(1−δ_bad)), given v as a function of quality.
  public static func expectedValue(posteriorBad p: Double, claimedQuality q: Double, badShortfall delta: Double,
                                   value: (Double) -> Double) -> Double {
    (1 - p) * value(q) + p * value(q * (1 - delta))
  }
}
