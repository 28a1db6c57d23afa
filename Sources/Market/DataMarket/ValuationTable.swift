/// What buyers' valuations read of every product (M1), one row per product, fixed when the
/// product is created: the quality powers q^β, q̃^β and (q̃(1 − δ_bad))^β (true, claimed, and
/// claimed but bad), the Euclidean norm of its domain vector, and the vector itself (for Fit).
/// Dimensionless.
///
/// Rows start on 64-byte boundaries and are a whole number of cache lines long — one line with
/// the default 4 domains — so weighing a listing reads one line for all of it (as separate
/// arrays they were two lines, and an array's elements are not aligned to lines). The storage
/// is managed by hand, owned by one model, and freed with it.
final class ValuationTable {
  /// Doubles before the domain vector in a row: the three powers and the norm.
  static let headerWidth = 4
  static let lineDoubles = 8

  /// The dimension d of the domain vectors.
  let domains: Int
  /// Doubles per row (a multiple of 8: a whole number of 64-byte lines).
  let stride: Int
  private(set) var count = 0
  private var capacity: Int
  private var base: UnsafeMutablePointer<Double>

  init(domains: Int, capacity: Int = 64) {
    precondition(domains >= 0)
    self.domains = domains
    let width = Self.headerWidth + domains
    stride = (width + Self.lineDoubles - 1) / Self.lineDoubles * Self.lineDoubles
    self.capacity = max(capacity, 1)
    base = Self.allocate(rows: self.capacity, stride: stride)
  }

  deinit { base.deallocate() }

  private static func allocate(rows: Int, stride: Int) -> UnsafeMutablePointer<Double> {
    let raw = UnsafeMutableRawPointer.allocate(byteCount: rows * stride * MemoryLayout<Double>.stride, alignment: 64)
    let doubles = raw.bindMemory(to: Double.self, capacity: rows * stride)
    doubles.initialize(repeating: 0, count: rows * stride)
    return doubles
  }

  /// Adds the next product's row; `domain` must have `domains` elements.
  func append(powers: (true: Double, claimed: Double, degraded: Double), domainNorm: Double, domain: [Double]) {
    precondition(domain.count == domains, "a domain vector of \(domain.count) dimensions in a table of \(domains)")
    if count == capacity {
      let fresh = Self.allocate(rows: capacity * 2, stride: stride)
      fresh.update(from: base, count: count * stride)
      base.deallocate()
      base = fresh
      capacity *= 2
    }
    let row = base + count * stride
    row[0] = powers.true; row[1] = powers.claimed; row[2] = powers.degraded; row[3] = domainNorm
    for i in 0..<domains { row[Self.headerWidth + i] = domain[i] }
    count += 1
  }

  /// The rows as they are now: valid until the next `append` (the buyers' loop, which appends
  /// nothing, reads through it without touching the table object again).
  var rows: Rows { Rows(base: UnsafePointer(base), stride: stride, count: count, domains: domains) }

  /// Product `id`'s quality powers.
  func powers(_ id: Int32) -> (true: Double, claimed: Double, degraded: Double) { rows.powers(id) }

  /// A read-only view of the rows.
  struct Rows {
    let base: UnsafePointer<Double>
    let stride: Int, count: Int, domains: Int

    @inline(__always) private func row(_ id: Int32) -> UnsafePointer<Double> {
      precondition(id >= 0 && Int(id) < count, "product \(id) has no valuation row")
      return base + Int(id) * stride
    }

    /// Product `id`'s quality powers: q^β, q̃^β, (q̃(1 − δ_bad))^β.
    @inline(__always) func powers(_ id: Int32) -> (true: Double, claimed: Double, degraded: Double) {
      let r = row(id)
      return (r[0], r[1], r[2])
    }

    /// Fit(d_j, d_k) of a buyer's domain vector `buyer` (norm `buyerNorm`) and product `id`'s:
    /// the dot product Σ b_i·d_i accumulated in index order, as ``Valuation/fit(_:_:offset:)``
    /// does, then the quotient of ``Valuation/fit(dot:normA:normB:)``.
    @inline(__always) func fit(_ id: Int32, buyer: UnsafeBufferPointer<Double>, buyerNorm: Double) -> Double {
      let r = row(id)
      let v = r + ValuationTable.headerWidth
      var dot = 0.0
      for i in 0..<min(domains, buyer.count) { dot += buyer[i] * v[i] }
      return Valuation.fit(dot: dot, normA: buyerNorm, normB: r[3])
    }
  }
}
