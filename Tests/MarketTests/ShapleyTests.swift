import Testing
@testable import Market
@testable import Simulation

/// Shapley values of bundle games: DOMAIN §4.5 fixtures 2 and 3, the four Shapley axioms on
/// seeded random games, the permutation estimator against the exact values, and the coverage
/// game's fast paths against its definition.
@Suite struct ShapleyTests {
  static func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-12) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
  }

  /// A random set function on n players, values uniform in [−1, 1] (v(∅) too).
  static func randomTable(players n: Int, using rng: inout Xoshiro256StarStar) -> GameTable {
    try! GameTable(playerCount: n, values: (0..<(1 << n)).map { _ in 2 * rng.nextUnitDouble() - 1 })
  }

  /// A random coverage game: n products, F features, q and x uniform, about a third of x zero.
  static func randomCoverage(products n: Int, features f: Int, using rng: inout Xoshiro256StarStar) -> CoverageGame {
    let coverage = (0..<n).map { _ in (0..<f).map { _ in rng.nextUnitDouble() < 0.33 ? 0 : rng.nextUnitDouble() } }
    return try! CoverageGame(buyerValue: 10 + 90 * rng.nextUnitDouble(), qualities: (0..<n).map { _ in rng.nextUnitDouble() },
                             coverage: coverage, featureWeights: (0..<f).map { _ in rng.nextUnitDouble() })
  }

  /// The definition: the mean marginal contribution over all n! orders (Heap's algorithm).
  static func bruteForce(_ game: some CooperativeGame) -> [Double] {
    let n = game.playerCount
    var order = Array(0..<n), sum = [Double](repeating: 0, count: n), contributions = sum
    var count = 0
    func visit(_ k: Int) {
      if k <= 1 {
        game.marginalContributions(along: order, into: &contributions)
        for i in 0..<n { sum[i] += contributions[i] }
        count += 1
        return
      }
      for i in 0..<k {
        visit(k - 1)
        order.swapAt(k % 2 == 0 ? i : 0, k - 1)
      }
    }
    visit(n)
    return sum.map { $0 / Double(count) }
  }

  // MARK: fixtures

  @Test func fixture2IndependentFeaturesCloningGainsNothing() throws {
    let game = try CoverageGame(buyerValue: 1, qualities: [1, 1], coverage: [[1, 0], [0, 1]], featureWeights: [1, 1])
    #expect(Self.close(ShapleyValue.exact(try GameTable(tabulating: game)), [1, 1]))
    // A′ as a replica (ClonedGame, player 2) and as a third listed product with A's q and x.
    let cloned = try ClonedGame(game, cloning: 0)
    #expect(Self.close(ShapleyValue.exact(try GameTable(tabulating: cloned)), [0.5, 1, 0.5]))
    let listed = try CoverageGame(buyerValue: 1, qualities: [1, 1, 1], coverage: [[1, 0], [0, 1], [1, 0]], featureWeights: [1, 1])
    #expect(Self.close(ShapleyValue.exact(try GameTable(tabulating: listed)), [0.5, 1, 0.5]))
  }

  @Test func fixture3PerfectSubstitutes() throws {
    let two = try GameTable(playerCount: 2, values: [0, 1, 1, 1])
    #expect(Self.close(ShapleyValue.exact(two), [0.5, 0.5]))
    let three = try GameTable(tabulating: try ClonedGame(two, cloning: 0))  // A, B, A′
    #expect(three.values == [0, 1, 1, 1, 1, 1, 1, 1])
    let phi = ShapleyValue.exact(three)
    #expect(Self.close(phi, [1.0 / 3, 1.0 / 3, 1.0 / 3]))
    #expect(abs(phi[0] + phi[2] - 2.0 / 3) < 1e-12)  // the A side
  }

  @Test func handComputedThreePlayerGame() throws {
    let game = try GameTable(playerCount: 3, values: [0, 1, 3, 4, 0, 2, 3, 6])
    #expect(Self.close(ShapleyValue.exact(game), [11.0 / 6, 20.0 / 6, 5.0 / 6]))
  }

  // MARK: axioms on random games

  @Test func exactMatchesTheDefinitionOverAllOrders() {
    var rng = Xoshiro256StarStar(seed: 11)
    for n in 1...6 {
      let game = Self.randomTable(players: n, using: &rng)
      #expect(Self.close(ShapleyValue.exact(game), Self.bruteForce(game), 1e-12), "n = \(n)")
    }
  }

  @Test func efficiency() throws {
    var rng = Xoshiro256StarStar(seed: 12)
    for n in 2...8 {
      for _ in 0..<5 {
        let table = Self.randomTable(players: n, using: &rng)
        let sum = ShapleyValue.exact(table).reduce(0, +)
        #expect(abs(sum - (table.values[(1 << n) - 1] - table.values[0])) < 1e-12, "n = \(n)")
        let coverage = try GameTable(tabulating: Self.randomCoverage(products: n, features: 5, using: &rng))
        let total = ShapleyValue.exact(coverage).reduce(0, +)
        #expect(abs(total - coverage.values[(1 << n) - 1]) < 1e-9 * max(1, total), "coverage n = \(n)")
      }
    }
  }

  @Test func symmetryGivesInterchangeablePlayersEqualValues() throws {
    var rng = Xoshiro256StarStar(seed: 13)
    for n in 2...8 {
      let base = Self.randomTable(players: n, using: &rng)
      let i = Int(UniformIntegerDistribution.below(UInt64(n), using: &rng))
      let j = (i + 1 + Int(UniformIntegerDistribution.below(UInt64(n - 1), using: &rng))) % n
      // v'(S) = (v(S) + v(S with i and j swapped)) / 2 makes i and j interchangeable.
      let swapped = (0..<(1 << n)).map { s -> Double in
        let bi = (s >> i) & 1, bj = (s >> j) & 1
        let t = (s & ~(1 << i) & ~(1 << j)) | (bi << j) | (bj << i)
        return (base.values[s] + base.values[t]) / 2
      }
      let phi = ShapleyValue.exact(try GameTable(playerCount: n, values: swapped))
      #expect(abs(phi[i] - phi[j]) < 1e-12, "n = \(n), players \(i) and \(j): \(phi)")
    }
  }

  @Test func dummyPlayerGetsItsStandaloneAndNullPlayerZero() throws {
    var rng = Xoshiro256StarStar(seed: 14)
    for n in 2...8 {
      let base = Self.randomTable(players: n, using: &rng)
      let d = Int(UniformIntegerDistribution.below(UInt64(n), using: &rng))
      for c in [0.0, 0.37] {
        // v'(S) = v(S ∖ {d}) + c·1[d ∈ S]: d adds exactly c to every coalition.
        let values = (0..<(1 << n)).map { s in base.values[s & ~(1 << d)] + (s & (1 << d) != 0 ? c : 0) }
        let game = try GameTable(playerCount: n, values: values)
        let phi = ShapleyValue.exact(game)
        #expect(abs(phi[d] - c) < 1e-12, "n = \(n), dummy \(d): \(phi[d]) vs \(c)")
        #expect(abs(phi[d] - (game.values[1 << d] - game.values[0])) < 1e-12)
      }
    }
  }

  @Test func additivity() throws {
    var rng = Xoshiro256StarStar(seed: 15)
    for n in 2...8 {
      let v = Self.randomTable(players: n, using: &rng), w = Self.randomTable(players: n, using: &rng)
      let sum = zip(ShapleyValue.exact(v), ShapleyValue.exact(w)).map { $0 + $1 }
      #expect(Self.close(ShapleyValue.exact(try v.adding(w)), sum, 1e-12), "n = \(n)")
    }
  }

  @Test func coverageGamesAreMonotoneSoValuesAreNonNegative() throws {
    var rng = Xoshiro256StarStar(seed: 16)
    for n in 2...9 {
      let phi = ShapleyValue.exact(try GameTable(tabulating: Self.randomCoverage(products: n, features: 8, using: &rng)))
      #expect(phi.allSatisfy { $0 >= -1e-12 }, "\(phi)")
    }
  }

  // MARK: the coverage game's fast paths

  @Test func coverageTableAndWalksAgreeWithTheDefinition() throws {
    var rng = Xoshiro256StarStar(seed: 17)
    for n in [1, 3, 7, 10] {
      let game = Self.randomCoverage(products: n, features: 6, using: &rng)
      let table = game.tabulate()
      for mask in 0..<(1 << n) {
        // the definition, written out
        var expected = 0.0
        for f in 0..<game.featureCount {
          var missed = 1.0
          for k in 0..<n where mask & (1 << k) != 0 { missed *= 1 - game.qualities[k] * game.coverage[k][f] }
          expected += game.featureWeights[f] * (1 - missed)
        }
        expected *= game.buyerValue
        #expect(table[mask] == game.value(of: UInt64(mask)))
        #expect(abs(table[mask] - expected) <= 1e-12 * max(1, expected))
      }
      var order = Array(0..<n)
      ShapleyValue.shuffle(&order, using: &rng)
      var fast = [Double](repeating: 0, count: n), generic = fast
      game.marginalContributions(along: order, into: &fast)
      try GameTable(tabulating: game).marginalContributions(along: order, into: &generic)
      #expect(Self.close(fast, generic, 1e-12))
    }
  }

  @Test func badGamesAreRefusedWithASentence() {
    #expect(throws: BundleError("coverage row 1 has 1 features; expected 2")) {
      try CoverageGame(buyerValue: 1, qualities: [1, 1], coverage: [[1, 0], [1]], featureWeights: [1, 1])
    }
    #expect(throws: BundleError.self) { try CoverageGame(buyerValue: 1, qualities: [1.5], coverage: [[1]], featureWeights: [1]) }
    #expect(throws: BundleError.self) { try CoverageGame(buyerValue: .nan, qualities: [1], coverage: [[1]], featureWeights: [1]) }
    #expect(throws: BundleError.self) { try CoverageGame(buyerValue: 1, qualities: [1], coverage: [[-0.1]], featureWeights: [1]) }
    #expect(throws: BundleError.self) { try CoverageGame(buyerValue: 1, qualities: [1], coverage: [[1]], featureWeights: []) }
    #expect(throws: BundleError.self) { try GameTable(playerCount: 2, values: [0, 1, 1]) }
    #expect(throws: BundleError.self) { try GameTable(playerCount: 21, values: []) }
    #expect(throws: BundleError.self) { try GameTable(playerCount: 1, values: [0, .infinity]) }
    var rng = Xoshiro256StarStar(seed: 1)
    let game = Self.randomCoverage(products: 3, features: 2, using: &rng)
    #expect(throws: BundleError.self) { try ShapleyValue.sampled(game, permutations: 1, using: &rng) }
    #expect(throws: BundleError.self) { try ShapleyValue.estimate(game, exactUpTo: 25, using: &rng) }
    #expect(throws: BundleError.self) { try ClonedGame(game, cloning: 3) }
  }

  // MARK: permutation sampling

  @Test func sampledIsWithinThreeStandardErrorsOfExactForTenProducts() throws {
    var rng = Xoshiro256StarStar(seed: 18)
    let game = Self.randomCoverage(products: 10, features: 8, using: &rng)
    let exact = ShapleyValue.exact(try GameTable(tabulating: game))
    var stream = RandomStreams(masterSeed: 5).stream("bundles")
    let estimate = try ShapleyValue.sampled(game, permutations: 200, using: &stream)
    #expect(estimate.permutations == 200 && !estimate.isExact)
    for k in 0..<10 {
      #expect(estimate.standardErrors[k] > 0)
      #expect(abs(estimate.values[k] - exact[k]) <= 3 * estimate.standardErrors[k],
              "product \(k): sampled \(estimate.values[k]) ± \(estimate.standardErrors[k]), exact \(exact[k])")
    }
    // Every permutation's contributions telescope to w(N), so the estimate is efficient too.
    #expect(abs(estimate.values.reduce(0, +) - game.value(of: game.grandCoalition)) < 1e-9)
  }

  @Test func standardErrorShrinksLikeOneOverRootM() throws {
    var rng = Xoshiro256StarStar(seed: 19)
    let game = Self.randomCoverage(products: 10, features: 8, using: &rng)
    var stream = Xoshiro256StarStar(seed: 20)
    let small = try ShapleyValue.sampled(game, permutations: 400, using: &stream)
    let large = try ShapleyValue.sampled(game, permutations: 6_400, using: &stream)
    for k in 0..<10 {
      let ratio = small.standardErrors[k] / large.standardErrors[k]  // √16 = 4 expected
      #expect(ratio > 3.4 && ratio < 4.6, "product \(k): SE ratio \(ratio)")
    }
  }

  @Test func samplingIsDeterministicForASeedAndHandlesThirtyProducts() throws {
    var rng = Xoshiro256StarStar(seed: 21)
    let game = Self.randomCoverage(products: 30, features: 8, using: &rng)
    var a = RandomStreams(masterSeed: 9).stream("bundles"), b = RandomStreams(masterSeed: 9).stream("bundles")
    let first = try ShapleyValue.estimate(game, using: &a), second = try ShapleyValue.estimate(game, using: &b)
    #expect(first == second && first.permutations == ShapleyValue.defaultPermutations)
    #expect(first.values.allSatisfy { $0 >= 0 })
    var c = RandomStreams(masterSeed: 10).stream("bundles")
    #expect(try ShapleyValue.estimate(game, using: &c) != first)
    // At n ≤ 10 the estimate is exact and leaves the stream alone.
    let small = try CoverageGame(buyerValue: 1, qualities: [1, 1], coverage: [[1, 0], [0, 1]], featureWeights: [1, 1])
    let before = a
    let exact = try ShapleyValue.estimate(small, using: &a)
    #expect(exact.isExact && exact.standardErrors == [0, 0] && a == before)
  }
}
