import Market
import Simulation

/// The bundle benchmarks of `datamarket bench market`: one full Shapley computation of a
/// coverage game (DOMAIN M11) with 8 features — exact for 10 products (the 2^10-value table and
/// the O(n·2^n) formula), and M = 200 sampled permutations for 30 — as ns per computation.
extension MarketBenchmarks {
  /// The Shapley rows: the game's products, and the computations timed at full scale.
  static let shapleyRows: [(products: Int, computations: Int)] = [(10, 20_000), (30, 2_000)]

  /// A Shapley row's name: `shapley-exact-N` where the values are exact, else `shapley-sampled-N`.
  static func shapleyRowName(products: Int) -> String {
    products <= ShapleyValue.defaultExactPlayers ? "shapley-exact-\(products)" : "shapley-sampled-\(products)"
  }

  static func shapley(scale: Int, repeats: Int, only: String? = nil, into report: inout BenchReport) throws {
    for (products, computations) in shapleyRows {
      let name = shapleyRowName(products: products)
      guard only == nil || only == name else { continue }
      let game = try benchGame(products: products, features: 8)
      let runs = max(1, computations / scale)
      report.add(try medianOf(repeats) {
        var rng = RandomStreams(masterSeed: 1).stream("bundles")
        var checksum = 0.0
        let clock = Stopwatch()
        for _ in 0..<runs { checksum += try ShapleyValue.estimate(game, using: &rng).values.reduce(0, +) }
        let cpu = clock.cpuSeconds, wall = clock.wallSeconds
        let total = game.value(of: game.grandCoalition)
        precondition(abs(checksum / Double(runs) - total) <= 1e-9 * total, "Shapley values do not add up to w(N)")
        return BenchRow(group: "market", name: name, ops: runs, cpuSeconds: cpu, wallSeconds: wall, rssMB: Stopwatch.residentMB(),
                        note: "\(products) products, 8 features, "
                          + (products <= ShapleyValue.defaultExactPlayers ? "exact" : "M = \(ShapleyValue.defaultPermutations) permutations")
                          + "; ns per full computation")
      })
    }
  }

  /// A seeded coverage game: q and x uniform, about a third of the coverage entries 0.
  static func benchGame(products n: Int, features f: Int) throws -> CoverageGame {
    var rng = RandomStreams(masterSeed: 1).stream("bundle-game")
    let coverage = (0..<n).map { _ in (0..<f).map { _ in rng.nextUnitDouble() < 0.33 ? 0 : rng.nextUnitDouble() } }
    return try CoverageGame(buyerValue: 100, qualities: (0..<n).map { _ in rng.nextUnitDouble() }, coverage: coverage,
                            featureWeights: (0..<f).map { _ in rng.nextUnitDouble() })
  }
}
