import Simulation

/// Divides a bundle's revenue among its products under a ``BenefitSharingRule``: pure
/// functions of the game (and, for the robust rule, a ``SimilarityMatrix``) returning shares
/// that are ≥ 0 and sum to 1 (dimensionless; multiply by the revenue for payouts).
///
/// Raw weights below 0 (possible for Shapley or leave-one-out in non-monotone games, never in a
/// coverage game) are set to 0: a product that lowers the bundle's value earns nothing. When no
/// weight is positive (a worthless bundle, or one where no product matters alone or at the
/// margin) the split falls back to equal shares, so revenue is never left undivided.
///
///     var rng = RandomStreams(masterSeed: 1).stream("bundles")
///     let shares = try RevenueSplit.shares(.robustShapley(lambda: BenefitSharingRule.defaultRobustness),
///                                          game: game, similarity: SimilarityMatrix(cosineOf: game.coverage), using: &rng)
public enum RevenueSplit {
  /// The shares of the game's players under `rule`. Shapley values are exact for n ≤
  /// `exactUpTo`, otherwise estimated from `permutations` permutations drawn from `rng`
  /// (which no other rule touches).
  /// - Throws: ``BundleError`` if the robust rule has no similarity matrix, one of the wrong
  ///   size or a λ that is negative or not finite, or as ``ShapleyValue/estimate(_:exactUpTo:permutations:using:)`` does.
  public static func shares(_ rule: BenefitSharingRule, game: some CooperativeGame, similarity: SimilarityMatrix? = nil,
                            exactUpTo: Int = ShapleyValue.defaultExactPlayers, permutations: Int = ShapleyValue.defaultPermutations,
                            using rng: inout some RandomNumberGenerator) throws(BundleError) -> [Double] {
    var shapley: [Double] = []
    if rule.usesShapley {
      shapley = try ShapleyValue.estimate(game, exactUpTo: exactUpTo, permutations: permutations, using: &rng).values
    }
    return try shares(rule, game: game, shapley: shapley, similarity: similarity)
  }

  /// The same with the Shapley values already known (`shapley` is read only by the two
  /// Shapley rules and must then have one value per player).
  public static func shares(_ rule: BenefitSharingRule, game: some CooperativeGame, shapley: [Double],
                            similarity: SimilarityMatrix? = nil) throws(BundleError) -> [Double] {
    let n = game.playerCount
    if rule.usesShapley && shapley.count != n {
      throw BundleError("\(shapley.count) Shapley values for \(n) players; expected one per player")
    }
    switch rule {
    case .shapley:
      return normalised(shapley)
    case .robustShapley(let lambda):
      return normalised(try robustWeights(shapley: shapley, lambda: lambda, similarity: similarity))
    case .equal:
      return normalised([Double](repeating: 1, count: n))
    case .standaloneProportional:
      let empty = game.value(of: 0)
      return normalised((0..<n).map { game.value(of: 1 << UInt64($0)) - empty })
    case .leaveOneOut:
      let all = game.grandCoalition, whole = game.value(of: all)
      return normalised((0..<n).map { whole - game.value(of: all & ~(1 << UInt64($0))) })
    }
  }

  /// ψ_k = max(φ_k, 0) · exp(−λ Σ_{l≠k} SM(k, l)), before normalisation.
  public static func robustWeights(shapley: [Double], lambda: Double, similarity: SimilarityMatrix?) throws(BundleError) -> [Double] {
    guard lambda.isFinite, lambda >= 0 else { throw BundleError("robustness λ is \(lambda); expected a finite number ≥ 0") }
    guard let similarity else { throw BundleError("the robust Shapley split needs a similarity matrix") }
    guard similarity.count == shapley.count else {
      throw BundleError("similarity matrix is \(similarity.count) × \(similarity.count) for \(shapley.count) products; expected one row per product")
    }
    return shapley.indices.map { k in max(shapley[k], 0) * _exp(-lambda * similarity.crowding(of: k)) }
  }

  /// Weights scaled to sum to 1 after negatives are set to 0; equal shares when none is positive
  /// (or the sum is not finite); [] for no players.
  public static func normalised(_ weights: [Double]) -> [Double] {
    guard !weights.isEmpty else { return [] }
    var shares = weights.map { $0 > 0 ? $0 : 0 }
    let total = shares.reduce(0, +)
    guard total > 0, total.isFinite else { return [Double](repeating: 1 / Double(weights.count), count: weights.count) }
    for k in shares.indices { shares[k] /= total }   // in place: the one array allocated
    return shares
  }
}
