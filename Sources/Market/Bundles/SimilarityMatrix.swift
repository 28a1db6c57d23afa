/// SM(x_k, x_l): how alike two data products are, a symmetric n × n matrix with entries in
/// [0, 1] (dimensionless), used by the replication-robust split to penalise near-copies.
/// Built from coverage vectors as cosine similarity, or supplied directly (DOMAIN fixture 3).
/// The diagonal is never read by the splits.
public struct SimilarityMatrix: Sendable, Equatable {
  /// n, the number of products.
  public let count: Int
  /// Row-major n × n entries.
  public let entries: [Double]

  /// A matrix from its rows.
  /// - Throws: ``BundleError`` unless the rows form a square matrix whose off-diagonal entries
  ///   are in [0, 1] and symmetric.
  public init(rows: [[Double]]) throws(BundleError) {
    let n = rows.count
    for (k, row) in rows.enumerated() where row.count != n {
      throw BundleError("similarity row \(k) has \(row.count) entries; expected \(n) (a square matrix)")
    }
    for k in 0..<n {
      for l in 0..<n where l != k {
        guard (0...1).contains(rows[k][l]) else {
          throw BundleError("similarity [\(k)][\(l)] is \(rows[k][l]); expected a number in [0, 1]")
        }
        guard rows[k][l] == rows[l][k] else {
          throw BundleError("similarity [\(k)][\(l)] = \(rows[k][l]) but [\(l)][\(k)] = \(rows[l][k]); expected a symmetric matrix")
        }
      }
    }
    count = n
    entries = rows.flatMap { $0 }
  }

  /// Cosine similarity of the products' coverage vectors, cos(x_k, x_l) = x_k·x_l / (|x_k|·|x_l|),
  /// in [0, 1] because coverage is non-negative; 0 when either vector is all zeros; 1 on the diagonal.
  public init(cosineOf coverage: [[Double]]) {
    let n = coverage.count
    let norms = coverage.map { row in row.reduce(0) { $0 + $1 * $1 }.squareRoot() }
    var entries = [Double](repeating: 0, count: n * n)
    for k in 0..<n {
      entries[k * n + k] = 1
      for l in (k + 1)..<max(n, k + 1) {
        var dot = 0.0
        for (a, b) in zip(coverage[k], coverage[l]) { dot += a * b }
        let cos = norms[k] > 0 && norms[l] > 0 ? min(1, max(0, dot / (norms[k] * norms[l]))) : 0
        entries[k * n + l] = cos
        entries[l * n + k] = cos
      }
    }
    count = n
    self.entries = entries
  }

  /// The similarity of products k and l.
  public subscript(k: Int, l: Int) -> Double { entries[k * count + l] }

  /// Σ_{l≠k} SM(k, l): product k's total similarity to the others.
  public func crowding(of k: Int) -> Double {
    var sum = 0.0
    for l in 0..<count where l != k { sum += entries[k * count + l] }
    return sum
  }

  /// The matrix for the products plus a copy of product `k` appended as product n: the copy
  /// has k's row, and similarity 1 to k.
  public func withClone(of k: Int) -> SimilarityMatrix {
    let n = count, m = n + 1
    var grown = [Double](repeating: 0, count: m * m)
    for a in 0..<n { for b in 0..<n { grown[a * m + b] = entries[a * n + b] } }
    for b in 0..<n {
      grown[n * m + b] = entries[k * n + b]
      grown[b * m + n] = entries[b * n + k]
    }
    grown[n * m + k] = 1; grown[k * m + n] = 1; grown[n * m + n] = 1
    return SimilarityMatrix(count: m, entries: grown)
  }

  private init(count: Int, entries: [Double]) {
    self.count = count
    self.entries = entries
  }
}
