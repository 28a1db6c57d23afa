/// The bundle value of DOMAIN M11: what a coalition G of data products is worth to one buyer,
/// in RMB 10,000,
///
///     w(G) = V · Σ_f μ_f · (1 − Π_{k∈G} (1 − q_k · x_{k,f}))
///
/// with V the buyer's value scale, q_k ∈ [0, 1] product k's quality, x_{k,f} ∈ [0, 1] how much
/// of feature f product k covers, and μ_f ≥ 0 the buyer's weight on feature f. Each product
/// independently "delivers" feature f with probability q_k·x_{k,f}; w is the expected value of
/// the features delivered, so it is monotone and submodular (products substitute on a shared
/// feature, add up on distinct ones). Players are products 0 ..< n, n ≤ 64.
///
///     let g = try CoverageGame(buyerValue: 1, qualities: [1, 1],
///                              coverage: [[1, 0], [0, 1]], featureWeights: [1, 1])
///     g.value(of: 0b11)   // 2: fixture 2's two independent features
public struct CoverageGame: CooperativeGame, Sendable, Equatable {
  /// V, the buyer's value scale (RMB 10,000), ≥ 0.
  public let buyerValue: Double
  /// q_k, one per product, in [0, 1].
  public let qualities: [Double]
  /// x_k, one row of F entries in [0, 1] per product.
  public let coverage: [[Double]]
  /// μ_f, F non-negative weights.
  public let featureWeights: [Double]
  /// 1 − q_k·x_{k,f}, row-major n × F: the chance product k misses feature f.
  @usableFromInline let miss: [Double]

  public var playerCount: Int { qualities.count }
  /// F, the number of features.
  public var featureCount: Int { featureWeights.count }

  /// - Throws: ``BundleError`` unless 0 ≤ n ≤ 64, F ≥ 1, every coverage row has F entries, and
  ///   V, μ ≥ 0 and q, x ∈ [0, 1] are finite.
  public init(buyerValue: Double, qualities: [Double], coverage: [[Double]], featureWeights: [Double]) throws(BundleError) {
    try CoverageGame.check(buyerValue: buyerValue, qualities: qualities, coverage: coverage, featureWeights: featureWeights)
    self.buyerValue = buyerValue
    self.qualities = qualities
    self.coverage = coverage
    self.featureWeights = featureWeights
    var miss: [Double] = []
    miss.reserveCapacity(qualities.count * featureWeights.count)
    for (q, row) in zip(qualities, coverage) { for x in row { miss.append(1 - q * x) } }
    self.miss = miss
  }

  /// w(G). - Complexity: O(|G|·F), no allocation.
  public func value(of coalition: UInt64) -> Double {
    let f = featureCount
    var total = 0.0
    for j in 0..<f {
      var missed = 1.0
      var rest = coalition & grandCoalition  // bits ≥ n are ignored
      while rest != 0 {
        missed *= miss[rest.trailingZeroBitCount * f + j]
        rest &= rest - 1
      }
      total += featureWeights[j] * (1 - missed)
    }
    return buyerValue * total
  }

  /// All 2^n values by a depth-first walk over subsets (each child G ∪ {k}, k > max G, extends
  /// its parent's miss products), so O(F) per subset and n·F scratch (on the stack); the
  /// products are formed in the same order as `value(of:)`, so the two agree bit for bit.
  public func tabulate() -> [Double] {
    var table = [Double](repeating: 0, count: 1 << playerCount)
    withUnsafeTemporaryAllocation(of: Double.self, capacity: (playerCount + 1) * featureCount) { products in
      products.initialize(repeating: 1)
      fill(parent: 0, from: 0, depth: 0, table: &table, products: products)
    }
    return table
  }

  private func fill(parent: Int, from first: Int, depth: Int, table: inout [Double], products: UnsafeMutableBufferPointer<Double>) {
    let f = featureCount
    for k in first..<playerCount {
      let child = parent | (1 << k)
      let up = depth * f, down = up + f, row = k * f
      var total = 0.0
      for j in 0..<f {
        let missed = products[up + j] * miss[row + j]
        products[down + j] = missed
        total += featureWeights[j] * (1 - missed)
      }
      table[child] = buyerValue * total
      if k + 1 < playerCount { fill(parent: child, from: k + 1, depth: depth + 1, table: &table, products: products) }
    }
  }

  /// The walk along `order` keeping each feature's running miss product: O(n·F), no heap allocation.
  public func marginalContributions(along order: [Int], into contributions: inout [Double]) {
    let f = featureCount
    withUnsafeTemporaryAllocation(of: Double.self, capacity: max(f, 1)) { missed in
      missed.initialize(repeating: 1)
      var previous = 0.0
      for k in order {
        var total = 0.0
        for j in 0..<f {
          missed[j] *= miss[k * f + j]
          total += featureWeights[j] * (1 - missed[j])
        }
        let next = buyerValue * total
        contributions[k] = next - previous
        previous = next
      }
    }
  }

  static func check(buyerValue: Double, qualities: [Double], coverage: [[Double]], featureWeights: [Double]) throws(BundleError) {
    guard qualities.count <= 64 else { throw BundleError("a bundle has at most 64 products; got \(qualities.count)") }
    guard !featureWeights.isEmpty else { throw BundleError("a coverage game needs at least one feature weight") }
    guard coverage.count == qualities.count else {
      throw BundleError("\(qualities.count) qualities but \(coverage.count) coverage rows; expected one row per product")
    }
    guard buyerValue.isFinite, buyerValue >= 0 else { throw BundleError("buyer value is \(buyerValue); expected a finite number ≥ 0") }
    for (f, m) in featureWeights.enumerated() where !(m.isFinite && m >= 0) {
      throw BundleError("feature weight \(f) is \(m); expected a finite number ≥ 0")
    }
    for (k, q) in qualities.enumerated() where !(0...1).contains(q) {
      throw BundleError("quality of product \(k) is \(q); expected a number in [0, 1]")
    }
    for (k, row) in coverage.enumerated() {
      guard row.count == featureWeights.count else {
        throw BundleError("coverage row \(k) has \(row.count) features; expected \(featureWeights.count)")
      }
      for (f, x) in row.enumerated() where !(0...1).contains(x) {
        throw BundleError("coverage of product \(k), feature \(f) is \(x); expected a number in [0, 1]")
      }
    }
  }
}
