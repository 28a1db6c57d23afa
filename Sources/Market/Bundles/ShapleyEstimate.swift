/// Shapley values of a game's players, in the game's money unit, with how they were obtained.
/// Exact values have standard errors of 0 and `permutations` 0.
public struct ShapleyEstimate: Sendable, Equatable {
  /// φ_k, one per player; they sum to w(N) − w(∅) (exactly for the formula, and also for every
  /// permutation estimate, since each permutation's contributions telescope).
  public let values: [Double]
  /// The standard error of each φ_k: the standard deviation of player k's sampled marginal
  /// contributions over √M (0 when exact).
  public let standardErrors: [Double]
  /// M, the number of permutations sampled; 0 when exact.
  public let permutations: Int

  /// Whether the values come from the exact formula.
  public var isExact: Bool { permutations == 0 }

  public init(values: [Double], standardErrors: [Double], permutations: Int) {
    self.values = values
    self.standardErrors = standardErrors
    self.permutations = permutations
  }
}
