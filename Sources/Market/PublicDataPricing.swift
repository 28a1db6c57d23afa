/// DOMAIN.md M8: the public-data operator's maximum allowable revenue (MAR) and price caps
/// under the 2025 price Notice. Money in RMB 10,000 per year.
public enum PublicDataPricing {
  /// MAR = C_o + (y10 + δ)·K_o + tax. Fixture 6: C_o = 1,000, K_o = 2,000, y10 + δ = 0.078, tax 0 ⇒ 1,156.
  public static func maximumAllowableRevenue(allowedCost: Double, assetBase: Double, permittedRate: Double, tax: Double) -> Double {
    allowedCost + permittedRate * assetBase + tax
  }

  /// The guide price per unit that recovers MAR over the expected volume: p̂ = (MAR − other revenue) / Q̂.
  public static func guidePrice(mar: Double, otherRevenue: Double, expectedVolume: Double) -> Double {
    expectedVolume > 0 ? max(0, mar - otherRevenue) / expectedVolume : 0
  }

  /// The clawback at a yearly review: one cycle's revenue above its MAR, max(0, Rev − MAR). It is
  /// returned at the review that opens the next cycle, so the operator keeps at most MAR a year
  /// whatever its prices (also under κ_cap = ∞), and MAR itself never changes: it never falls
  /// below the allowed cost C_o, and excesses do not compound.
  public static func clawback(revenue: Double, mar: Double) -> Double {
    max(0, revenue - mar)
  }

  /// The revenue-maximising (monopoly) price against observed willingness to pay: argmax p·#(w ≥ p)
  /// over the observed values.
  public static func monopolyPrice(willingness: [Double]) -> Double? {
    let sorted = willingness.filter { $0 > 0 }.sorted(by: >)
    var best: (Double, Double)?
    for (i, w) in sorted.enumerated() {
      let revenue = w * Double(i + 1)
      if best == nil || revenue > best!.1 { best = (w, revenue) }
    }
    return best?.0
  }
}
