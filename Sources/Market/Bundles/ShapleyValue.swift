import Simulation

/// The Shapley value (Shapley 1953), the unique split of w(N) − w(∅) that is efficient,
/// symmetric, gives null players 0 and is additive in the game:
///
///     φ_k = Σ_{G ⊆ N∖{k}} |G|!·(n − |G| − 1)!/n! · [w(G ∪ {k}) − w(G)]
///
/// Exact from a ``GameTable`` in O(n·2^n) (the default for n ≤ 10; usable to n = 20), or
/// estimated from M uniformly random permutations (Castro, Gómez & Tejada 2009) with each
/// value's standard error. Units are the game's (RMB 10,000 for bundles).
public enum ShapleyValue {
  /// Games with at most this many players are solved exactly by ``estimate(_:exactUpTo:permutations:using:)`` by default.
  public static let defaultExactPlayers = 10
  /// The default number of sampled permutations M (DOMAIN §4.7, an assumption).
  public static let defaultPermutations = 200

  /// Exact Shapley values from the table. - Complexity: O(n·2^n) time; allocates only the n
  /// results (the n weights are on the stack).
  public static func exact(_ table: GameTable) -> [Double] {
    let n = table.playerCount
    guard n > 0 else { return [] }
    var phi = [Double](repeating: 0, count: n)
    let full = (1 << n) - 1
    withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { weights in
      coalitionWeights(players: n, into: weights)
      table.values.withUnsafeBufferPointer { w in
        phi.withUnsafeMutableBufferPointer { phi in
          for mask in 0..<full {
            let weight = weights[mask.nonzeroBitCount], base = w[mask]
            var outside = ~mask & full
            while outside != 0 {
              let k = outside.trailingZeroBitCount
              phi[k] += weight * (w[mask | (1 << k)] - base)
              outside &= outside - 1
            }
          }
        }
      }
    }
    return phi
  }

  /// |G|!(n − |G| − 1)!/n! = 1/(n·C(n−1, |G|)) for |G| = 0 ..< n, by the exact integer recurrence
  /// of C, written into `weights` (n elements, every one overwritten).
  static func coalitionWeights(players n: Int, into weights: UnsafeMutableBufferPointer<Double>) {
    var binomial = 1.0
    for s in 0..<n {
      weights[s] = 1 / (Double(n) * binomial)
      binomial = binomial * Double(n - 1 - s) / Double(s + 1)
    }
  }

  /// Shapley values estimated from `permutations` independent uniform random orders of the
  /// players (plain Monte Carlo: no antithetic pairs, so the standard error is the textbook
  /// sd/√M of independent draws). Each order is a Fisher–Yates shuffle drawn from `rng` with
  /// Lemire's unbiased integers, so a seed fixes the result on every platform.
  /// - Complexity: O(M·n) draws and M walks (O(M·n·F) for a coverage game).
  /// - Throws: ``BundleError`` if M < 2 (a standard error needs two draws) or n > 64.
  public static func sampled(_ game: some CooperativeGame, permutations: Int,
                             using rng: inout some RandomNumberGenerator) throws(BundleError) -> ShapleyEstimate {
    let n = game.playerCount
    guard permutations >= 2 else { throw BundleError("sampled Shapley needs at least 2 permutations; got \(permutations)") }
    guard (0...64).contains(n) else { throw BundleError("a game has 0 to 64 players; got \(n)") }
    var order = Array(0..<n)
    var contributions = [Double](repeating: 0, count: n)
    var stats = [RunningStatistics](repeating: RunningStatistics(), count: n)
    for _ in 0..<permutations {
      shuffle(&order, using: &rng)
      game.marginalContributions(along: order, into: &contributions)
      for k in 0..<n { stats[k].add(contributions[k]) }
    }
    let root = Double(permutations).squareRoot()
    return ShapleyEstimate(values: stats.map(\.mean), standardErrors: stats.map { $0.standardDeviation / root },
                           permutations: permutations)
  }

  /// Exact values when n ≤ `exactUpTo` (tabulating the game; `rng` is not used), otherwise
  /// ``sampled(_:permutations:using:)``.
  /// - Throws: ``BundleError`` if `exactUpTo` exceeds ``GameTable/maximumPlayers``, or as the two methods do.
  public static func estimate(_ game: some CooperativeGame, exactUpTo: Int = defaultExactPlayers,
                              permutations: Int = defaultPermutations,
                              using rng: inout some RandomNumberGenerator) throws(BundleError) -> ShapleyEstimate {
    guard exactUpTo <= GameTable.maximumPlayers else {
      throw BundleError("exact Shapley is limited to \(GameTable.maximumPlayers) players; got exactUpTo = \(exactUpTo)")
    }
    if game.playerCount <= exactUpTo {
      let values = exact(try GameTable(tabulating: game))
      return ShapleyEstimate(values: values, standardErrors: [Double](repeating: 0, count: values.count), permutations: 0)
    }
    return try sampled(game, permutations: permutations, using: &rng)
  }

  /// Fisher–Yates: position i swaps with a uniform j ∈ [0, i].
  static func shuffle(_ order: inout [Int], using rng: inout some RandomNumberGenerator) {
    var i = order.count - 1
    while i > 0 {
      let j = Int(UniformIntegerDistribution.below(UInt64(i + 1), using: &rng))
      order.swapAt(i, j)
      i -= 1
    }
  }
}
