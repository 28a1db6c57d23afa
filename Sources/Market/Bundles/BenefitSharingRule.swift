/// How the revenue of a bundle is divided among the providers of its products (DOMAIN M11).
/// Every rule yields shares that are ≥ 0 and sum to 1; ``RevenueSplit`` computes them.
///
/// With φ_k the Shapley value, w the bundle's ``CoverageGame`` and N its products:
/// - `shapley`: φ_k / Σ φ (Shapley 1953);
/// - `robustShapley(lambda:)`: ψ_k = φ_k · exp(−λ Σ_{l≠k} SM(x_k, x_l)), normalised — the
///   Shapley-robust split of Agarwal, Dahleh & Sarkar (EC 2019), which lowers the share of
///   products similar to others so that copying one's product does not pay;
/// - `equal`: 1/n each;
/// - `standaloneProportional`: ∝ w({k}) − w(∅), what k is worth alone;
/// - `leaveOneOut`: ∝ w(N) − w(N ∖ {k}), what the bundle loses without k.
public enum BenefitSharingRule: Sendable, Equatable {
  case shapley
  /// λ ≥ 0 (dimensionless); λ = 0 is plain Shapley.
  case robustShapley(lambda: Double)
  case equal
  case standaloneProportional
  case leaveOneOut

  /// The default robustness λ = ln 2 (DOMAIN §4.7; an assumption — the paper leaves λ free).
  /// With it an exact copy (SM = 1) halves a product's weight.
  public static let defaultRobustness = 0.693_147_180_559_945_3

  /// Whether the rule reads the products' ``SimilarityMatrix`` (only the replication-robust one).
  public var usesSimilarity: Bool {
    if case .robustShapley = self { return true }
    return false
  }

  /// Whether the rule needs Shapley values.
  public var usesShapley: Bool {
    switch self {
    case .shapley, .robustShapley: return true
    case .equal, .standaloneProportional, .leaveOneOut: return false
    }
  }
}
