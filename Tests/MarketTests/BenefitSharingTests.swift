import Testing
@testable import Market
@testable import Simulation

/// Revenue splits of bundles: DOMAIN §4.5 fixture 3's replication-robust split, the baselines
/// on a hand-computed game, shares summing to 1 on random games, the zero-total fallback,
/// similarity matrices, replication gain and the payout Gini.
@Suite struct BenefitSharingTests {
  static let ln2 = BenefitSharingRule.defaultRobustness
  static let allRules: [BenefitSharingRule] = [.shapley, .robustShapley(lambda: ln2), .equal, .standaloneProportional, .leaveOneOut]

  /// Fixture 3's perfect substitutes A, B (w = 1 for any non-empty coalition).
  static let substitutes = try! GameTable(playerCount: 2, values: [0, 1, 1, 1])

  static func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-12) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
  }

  static func split(_ rule: BenefitSharingRule, _ game: some CooperativeGame, _ similarity: SimilarityMatrix? = nil) throws -> [Double] {
    var rng = Xoshiro256StarStar(seed: 1)
    return try RevenueSplit.shares(rule, game: game, similarity: similarity, using: &rng)
  }

  @Test func fixture3RobustSplitOfSubstitutesWithAClone() throws {
    let game = try ClonedGame(Self.substitutes, cloning: 0)  // players A, B, A′
    #expect(Self.close(try Self.split(.shapley, game), [1.0 / 3, 1.0 / 3, 1.0 / 3]))
    for (s, printed) in [(0.0, 0.500), (0.5, 0.586)] {
      let similarity = try SimilarityMatrix(rows: [[1, s, 1], [s, 1, s], [1, s, 1]])
      let shares = try Self.split(.robustShapley(lambda: Self.ln2), game, similarity)
      let aSide = shares[0] + shares[2]
      let formula = 2 * _exp(-Self.ln2 * (1 - s)) / (2 * _exp(-Self.ln2 * (1 - s)) + 1)
      #expect(abs(aSide - formula) < 1e-12, "s = \(s): \(aSide) vs \(formula)")
      #expect(abs(aSide - printed) < 5e-4, "s = \(s): \(aSide) vs DOMAIN's \(printed)")
      #expect(abs(shares.reduce(0, +) - 1) < 1e-12)
    }
  }

  @Test func replicationGainOfFixtures2And3() throws {
    var rng = Xoshiro256StarStar(seed: 2)
    // Fixture 3: Shapley lets the A side go from ½ to ⅔.
    #expect(abs(try ReplicationGain.of(player: 0, rule: .shapley, game: Self.substitutes, using: &rng) - 1.0 / 6) < 1e-12)
    // The robust split with λ = ln 2 removes the gain when B is unlike A (s = 0), and cuts it at s = 0.5.
    let unlike = try SimilarityMatrix(rows: [[1, 0], [0, 1]])
    let robust = BenefitSharingRule.robustShapley(lambda: Self.ln2)
    #expect(abs(try ReplicationGain.of(player: 0, rule: robust, game: Self.substitutes, similarity: unlike, using: &rng)) < 1e-12)
    let half = try SimilarityMatrix(rows: [[1, 0.5], [0.5, 1]])
    let gain = try ReplicationGain.of(player: 0, rule: robust, game: Self.substitutes, similarity: half, using: &rng)
    #expect(abs(gain - (2.0.squareRoot() / (2.0.squareRoot() + 1) - 0.5)) < 1e-12 && gain < 1.0 / 6, "\(gain)")  // 0.586 − ½
    // Fixture 2: independent features — cloning gains nothing under Shapley.
    let independent = try CoverageGame(buyerValue: 1, qualities: [1, 1], coverage: [[1, 0], [0, 1]], featureWeights: [1, 1])
    #expect(abs(try ReplicationGain.of(player: 0, rule: .shapley, game: independent, using: &rng)) < 1e-12)
    // Equal shares reward identities, not data: ½ → ⅔.
    #expect(abs(try ReplicationGain.of(player: 0, rule: .equal, game: independent, using: &rng) - 1.0 / 6) < 1e-12)
    #expect(throws: BundleError.self) { try ReplicationGain.of(player: 2, rule: .shapley, game: independent, using: &rng) }
  }

  @Test func clonedCoverageGameTabulatesItsDefinitionExactly() throws {
    var rng = Xoshiro256StarStar(seed: 21)
    for n in [1, 2, 4, 7] {
      let base = ShapleyTests.randomCoverage(products: n, features: 5, using: &rng)
      for k in 0..<n {
        let cloned = try ClonedGame(base, cloning: k)
        let table = cloned.tabulate()
        #expect(table.count == 1 << (n + 1))
        for mask in 0..<table.count {
          #expect(table[mask] == cloned.value(of: UInt64(mask)), "n = \(n), clone of \(k), coalition \(mask)")
        }
      }
    }
  }

  @Test func replicationGainReusesExactPaidSharesAndIgnoresSampledOnes() throws {
    var rng = Xoshiro256StarStar(seed: 22)
    let game = ShapleyTests.randomCoverage(products: 4, features: 6, using: &rng)
    for rule in Self.allRules {
      let similarity = SimilarityMatrix(cosineOf: game.coverage)
      var a = Xoshiro256StarStar(seed: 5), b = a
      let paid = try RevenueSplit.shares(rule, game: game, similarity: similarity, using: &a)
      let reused = try ReplicationGain.of(player: 1, rule: rule, game: game, similarity: similarity, paid: paid, using: &a)
      _ = try RevenueSplit.shares(rule, game: game, similarity: similarity, using: &b)
      let recomputed = try ReplicationGain.of(player: 1, rule: rule, game: game, similarity: similarity, using: &b)
      #expect(reused == recomputed, "\(rule)")
    }
    // sampled (n + 1 above exactUpTo): the paid shares are not taken for the split before cloning
    let wrong = [Double](repeating: 0.25, count: 4)
    var c = Xoshiro256StarStar(seed: 6), d = c
    let ignored = try ReplicationGain.of(player: 0, rule: .shapley, game: game, exactUpTo: 3, permutations: 50, paid: wrong, using: &c)
    let fresh = try ReplicationGain.of(player: 0, rule: .shapley, game: game, exactUpTo: 3, permutations: 50, using: &d)
    #expect(ignored == fresh)
  }

  /// The model splits a bundle whose Shapley values are exact on the coverage game's table
  /// (tabulated once for the split and the replication gain): every rule's shares and gain are
  /// bit-identical to those on the coverage game itself, the gain's clone exact (n + 1 ≤ 10)
  /// and sampled (n = exactUpTo).
  @Test func aTabulatedCoverageGameSplitsAndReplicatesExactlyAsTheGame() throws {
    var rng = Xoshiro256StarStar(seed: 23)
    for n in [1, 2, 3, 5] {
      let game = ShapleyTests.randomCoverage(products: n, features: 8, using: &rng)
      let table = try GameTable(tabulating: game), similarity = SimilarityMatrix(cosineOf: game.coverage)
      for rule in Self.allRules {
        for exactUpTo in [10, n] {
          var a = Xoshiro256StarStar(seed: 7), b = a
          let onGame = try RevenueSplit.shares(rule, game: game, similarity: similarity, exactUpTo: exactUpTo, permutations: 40, using: &a)
          let onTable = try RevenueSplit.shares(rule, game: table, similarity: similarity, exactUpTo: exactUpTo, permutations: 40, using: &b)
          #expect(onGame.map(\.bitPattern) == onTable.map(\.bitPattern), "n = \(n), \(rule)")
          let gameGain = try ReplicationGain.of(player: n - 1, rule: rule, game: game, similarity: similarity, exactUpTo: exactUpTo,
                                                permutations: 40, paid: onGame, using: &a)
          let tableGain = try ReplicationGain.of(player: n - 1, rule: rule, game: table, similarity: similarity, exactUpTo: exactUpTo,
                                                 permutations: 40, paid: onTable, using: &b)
          #expect(gameGain.bitPattern == tableGain.bitPattern, "n = \(n), \(rule), exact up to \(exactUpTo)")
        }
      }
    }
  }

  @Test func baselinesOnAHandComputedGame() throws {
    // w(∅)=0, w(0)=1, w(1)=3, w(2)=0, w(01)=4, w(02)=2, w(12)=3, w(012)=6
    let game = try GameTable(playerCount: 3, values: [0, 1, 3, 4, 0, 2, 3, 6])
    #expect(Self.close(try Self.split(.equal, game), [1.0 / 3, 1.0 / 3, 1.0 / 3]))
    #expect(Self.close(try Self.split(.standaloneProportional, game), [0.25, 0.75, 0]))
    #expect(Self.close(try Self.split(.leaveOneOut, game), [3.0 / 9, 4.0 / 9, 2.0 / 9]))
    #expect(Self.close(try Self.split(.shapley, game), [11.0 / 36, 20.0 / 36, 5.0 / 36]))
    // λ = 0 is plain Shapley; a larger λ moves share away from the crowded products 0 and 1.
    let similarity = try SimilarityMatrix(rows: [[1, 0.8, 0], [0.8, 1, 0.2], [0, 0.2, 1]])
    #expect(Self.close(try Self.split(.robustShapley(lambda: 0), game, similarity), try Self.split(.shapley, game)))
    let robust = try Self.split(.robustShapley(lambda: Self.ln2), game, similarity)
    let weights = [11.0 / 6 * _exp(-Self.ln2 * 0.8), 20.0 / 6 * _exp(-Self.ln2 * 1.0), 5.0 / 6 * _exp(-Self.ln2 * 0.2)]
    let total = weights.reduce(0, +)
    #expect(Self.close(robust, weights.map { $0 / total }))
    #expect(robust[2] > 5.0 / 36)
  }

  @Test func everyRuleGivesNonNegativeSharesSummingToOne() throws {
    var rng = Xoshiro256StarStar(seed: 3)
    for n in 1...12 {
      let game = ShapleyTests.randomCoverage(products: n, features: 6, using: &rng)
      let similarity = SimilarityMatrix(cosineOf: game.coverage)
      let table = ShapleyTests.randomTable(players: min(n, 8), using: &rng)  // values of either sign
      let tableSimilarity = SimilarityMatrix(cosineOf: Array(game.coverage.prefix(min(n, 8))))
      for rule in Self.allRules {
        for shares in [try Self.split(rule, game, similarity), try Self.split(rule, table, tableSimilarity)] {
          #expect(shares.allSatisfy { $0 >= 0 }, "\(rule), n = \(n): \(shares)")
          #expect(abs(shares.reduce(0, +) - 1) < 1e-12, "\(rule), n = \(n): \(shares)")
        }
      }
    }
  }

  @Test func worthlessBundlesAndNegativeWeightsFallBackAsDocumented() throws {
    let zero = try GameTable(playerCount: 3, values: [Double](repeating: 0, count: 8))
    let similarity = try SimilarityMatrix(rows: [[1, 0, 0], [0, 1, 0], [0, 0, 1]])
    for rule in Self.allRules {
      #expect(Self.close(try Self.split(rule, zero, similarity), [1.0 / 3, 1.0 / 3, 1.0 / 3]), "\(rule)")
    }
    #expect(RevenueSplit.normalised([2, -1, 2]) == [0.5, 0, 0.5])
    #expect(RevenueSplit.normalised([-1, 0]) == [0.5, 0.5])
    #expect(RevenueSplit.normalised([.nan, 1]) == [0, 1])
    #expect(RevenueSplit.normalised([]) == [])
  }

  @Test func robustSplitNeedsAMatchingSimilarityAndAValidLambda() throws {
    let game = Self.substitutes
    #expect(throws: BundleError("the robust Shapley split needs a similarity matrix")) {
      try Self.split(.robustShapley(lambda: Self.ln2), game)
    }
    let wrong = try SimilarityMatrix(rows: [[1, 0, 0], [0, 1, 0], [0, 0, 1]])
    #expect(throws: BundleError.self) { try Self.split(.robustShapley(lambda: Self.ln2), game, wrong) }
    let right = try SimilarityMatrix(rows: [[1, 0], [0, 1]])
    #expect(throws: BundleError.self) { try Self.split(.robustShapley(lambda: -1), game, right) }
    #expect(throws: BundleError.self) { try Self.split(.robustShapley(lambda: .infinity), game, right) }
    #expect(throws: BundleError.self) { try RevenueSplit.shares(.shapley, game: game, shapley: [1]) }
  }

  /// `usesSimilarity` marks exactly the rules that cannot split without a similarity matrix: the
  /// data market builds the matrix only for those, so no bundle is ever left unsplit for want of it.
  @Test func exactlyTheRulesThatNeedASimilarityMatrixSayTheyUseIt() throws {
    for rule in Self.allRules {
      let needsOne = (try? Self.split(rule, Self.substitutes)) == nil
      #expect(rule.usesSimilarity == needsOne, "\(rule)")
    }
  }

  @Test func cosineSimilarityOfCoverageVectors() throws {
    let m = SimilarityMatrix(cosineOf: [[1, 0, 0], [2, 0, 0], [0, 1, 1], [0, 0, 0], [1, 1, 0]])
    #expect(m[0, 1] == 1 && m[0, 2] == 0 && m[0, 3] == 0 && m[3, 3] == 1)
    #expect(abs(m[4, 0] - 0.5.squareRoot()) < 1e-15 && abs(m[2, 4] - 0.5) < 1e-15 && m[2, 4] == m[4, 2])
    #expect(abs(m.crowding(of: 0) - (1 + 0.5.squareRoot())) < 1e-15)
    let grown = m.withClone(of: 2)
    #expect(grown.count == 6 && grown[5, 2] == 1 && grown[2, 5] == 1 && grown[5, 4] == m[2, 4] && grown[0, 5] == 0)
    #expect(throws: BundleError.self) { try SimilarityMatrix(rows: [[1, 0.5], [0.4, 1]]) }
    #expect(throws: BundleError.self) { try SimilarityMatrix(rows: [[1, 1.5], [1.5, 1]]) }
    #expect(throws: BundleError.self) { try SimilarityMatrix(rows: [[1, 0], [0]]) }
    #expect(SimilarityMatrix(cosineOf: []).count == 0)
  }

  @Test func payoutGini() {
    #expect(Gini.coefficient([1, 1, 1, 1]) == 0)
    #expect(abs(Gini.coefficient([0, 0, 0, 1]) - 0.75) < 1e-15)
    #expect(abs(Gini.coefficient([4, 1, 3, 2]) - 0.25) < 1e-15)
    #expect(Gini.coefficient([]) == 0 && Gini.coefficient([5]) == 0 && Gini.coefficient([0, 0]) == 0)
    // a vector too large for the stack (its sorted copy then lives on the heap): one of n takes all
    let n = 200_000
    #expect(abs(Gini.coefficient(Array(repeating: 0, count: n - 1) + [1]) - (1 - 1 / Double(n))) < 1e-12)
    // equal payouts that are not exact binary fractions: rounding may leave ~1e-19, never below 0
    for n in 2...20 {
      for total in [1.0, 7.3, 1234.567] {
        let g = Gini.coefficient(Array(repeating: total / Double(n), count: n))
        #expect(g >= 0 && g < 1e-15, "n = \(n), total \(total): \(g)")
      }
    }
    var rng = Xoshiro256StarStar(seed: 4)
    for n in 2...20 {
      let x = (0..<n).map { _ in rng.nextUnitDouble() * 10 }
      var pairs = 0.0
      for a in x { for b in x { pairs += abs(a - b) } }
      let definition = pairs / (2 * Double(n * n) * (x.reduce(0, +) / Double(n)))
      #expect(abs(Gini.coefficient(x) - definition) < 1e-12, "n = \(n)")
    }
  }
}
