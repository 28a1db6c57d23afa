import Simulation

/// DOMAIN.md M1 and M2: what a data product is worth to a buyer, and what the buyer believes
/// about its quality. Money in RMB 10,000. Nothing here allocates: the model calls these for
/// every product in every buyer's consideration set.
public enum Valuation {
  /// Fit = max(0, cos(d_j, d_k)) of a buyer's domain vector `a` and the product vector stored in
  /// `b` at `offset ..< offset + a.count`.
  public static func fit(_ a: [Double], _ b: [Double], offset: Int = 0) -> Double {
    var dot = 0.0, na = 0.0, nb = 0.0
    for i in 0..<min(a.count, b.count - offset) {
      let x = a[i], y = b[offset + i]
      dot += x * y; na += x * x; nb += y * y
    }
    guard na > 0, nb > 0 else { return 0 }
    return max(0, dot / (na.squareRoot() * nb.squareRoot()))
  }

  /// The same from the dot product and the two vectors' Euclidean norms (the model keeps each
  /// product's norm and computes the buyer's once): identical to ``fit(_:_:offset:)``.
  public static func fit(dot: Double, normA: Double, normB: Double) -> Double {
    guard normA > 0, normB > 0 else { return 0 }
    return max(0, dot / (normA * normB))
  }

  /// √Σ x_i² of `v[offset ..< offset + count]`.
  public static func norm(_ v: [Double], offset: Int = 0, count: Int) -> Double {
    var n = 0.0
    for i in offset..<min(v.count, offset + count) { n += v[i] * v[i] }
    return n.squareRoot()
  }

  /// The quality-free part of M1: V_j · Fit · (1 − ω_j(1 − a_k)).
  public static func scale(buyerScale v: Double, fit: Double, readiness a: Double, readinessWeight omega: Double) -> Double {
    v * fit * (1 - omega * (1 - a))
  }

  /// M3's versions by readiness tier: what the basic version (readiness a_L, the tier below the
  /// product's a) is worth relative to the full version to a buyer of readiness weight ω,
  /// (1 − ω(1 − a_L))/(1 − ω(1 − a)) — M1's value is linear in that factor, so every buyer
  /// value and belief scales by it. 0 when the full version is worth nothing to the buyer.
  public static func versionRatio(readiness a: Double, basicReadiness aL: Double, readinessWeight omega: Double) -> Double {
    let full = 1 - omega * (1 - a)
    return full > 0 ? max(0, 1 - omega * (1 - aL)) / full : 0
  }

  /// M1 at quality q given the scale: scale · q^β_q.
  public static func value(scale: Double, quality q: Double, qualityExponent beta: Double) -> Double {
    scale * _pow(max(0, q), beta)
  }

  /// M1: v_jk(q) = V_j · Fit · q^β_q · (1 − ω_j(1 − a_k)).
  /// Fixture 1: V = 100, Fit = 1, q = 0.8, β_q = 1.5, a = 0.5, ω = 0.8 ⇒ 42.93.
  public static func value(buyerScale v: Double, fit: Double, quality q: Double, qualityExponent beta: Double,
                           readiness a: Double, readinessWeight omega: Double) -> Double {
    value(scale: scale(buyerScale: v, fit: fit, readiness: a, readinessWeight: omega), quality: q, qualityExponent: beta)
  }

  /// M2: the posterior probability that a product is bad, given the probability `pass` that a bad
  /// product gets through its screens: π̂ = π·pass / (π·pass + 1 − π).
  public static func posteriorBad(prior pi: Double, pass: Double) -> Double {
    let bad = pi * pass
    return bad + (1 - pi) > 0 ? bad / (bad + 1 - pi) : 0
  }

  /// M2 after screens with detection rates `detections`: pass = Π(1 − d).
  public static func posteriorBad(prior pi: Double, detections: [Double]) -> Double {
    posteriorBad(prior: pi, pass: detections.reduce(1) { $0 * (1 - $1) })
  }

  /// M2: E[v] = (1−π̂)·v(q̃) + π̂·v(q̃(1−δ_bad)), from the two values.
  public static func expectedValue(posteriorBad p: Double, claimedValue: Double, badValue: Double) -> Double {
    (1 - p) * claimedValue + p * badValue
  }
}
