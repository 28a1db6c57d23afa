/// The replication gain of a split rule (DOMAIN §4.6 "bundles"): how much of a bundle's revenue
/// a provider gains by listing an exact copy of its product under a second identity,
///
///     gain_k = (s'_k + s'_copy) − s_k
///
/// where s are the shares of the bundle and s' the shares of the bundle with the copy added
/// (``ClonedGame``; the copy's similarity row is k's, and its similarity to k is 1). A
/// dimensionless share difference in [−1, 1]: 0 means copying neither pays nor costs (Shapley
/// with independent features, DOMAIN fixture 2); Shapley on perfect substitutes gains 1/6 (½ → ⅔,
/// fixture 3); a replication-robust rule should bring it to ≤ 0.
public enum ReplicationGain {
  /// gain_k under `rule`. Shapley values are exact for n + 1 ≤ `exactUpTo`, else sampled from `rng`.
  /// `paid`: the shares of `game` under `rule` the caller already has; used for s when they are
  /// exact (the same numbers a second computation would give), ignored when s would be sampled
  /// (then s is a fresh estimate, as without them).
  /// - Throws: ``BundleError`` if k is not a player, or as ``RevenueSplit/shares(_:game:similarity:exactUpTo:permutations:using:)`` does.
  public static func of(player k: Int, rule: BenefitSharingRule, game: some CooperativeGame, similarity: SimilarityMatrix? = nil,
                        exactUpTo: Int = ShapleyValue.defaultExactPlayers, permutations: Int = ShapleyValue.defaultPermutations,
                        paid: [Double]? = nil, using rng: inout some RandomNumberGenerator) throws(BundleError) -> Double {
    let cloned = try ClonedGame(game, cloning: k)
    let exact = !rule.usesShapley || game.playerCount <= exactUpTo
    let before: [Double]
    if let paid, exact, paid.count == game.playerCount {
      before = paid
    } else {
      before = try RevenueSplit.shares(rule, game: game, similarity: similarity, exactUpTo: exactUpTo, permutations: permutations, using: &rng)
    }
    let after = try RevenueSplit.shares(rule, game: cloned, similarity: similarity?.withClone(of: k), exactUpTo: exactUpTo,
                                        permutations: permutations, using: &rng)
    return after[k] + after[game.playerCount] - before[k]
  }
}
