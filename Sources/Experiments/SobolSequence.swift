/// Sobol's low-discrepancy sequence in up to ``maxDimensions`` dimensions, 32 bits per
/// coordinate, with Joe & Kuo's direction numbers (2008, `new-joe-kuo-6.21201`). Point i is
/// the Gray-code construction x_i = ⊕_{bits b of i ⊕ (i >> 1)} v_{b}, scaled to [0, 1).
/// An optional digital shift (each coordinate's bits XORed with a fixed word) randomises the
/// sequence while keeping its net structure (Owen 1998's simplest scrambling).
///
///     let s = SobolSequence(dimensions: 2)
///     s.point(1)   // [0.5, 0.5]; points 0–7 stratify each axis into eighths
public struct SobolSequence: Sendable {
  /// Dimensions with direction numbers: 1 (van der Corput) and Joe & Kuo's rows 2–32.
  public static let maxDimensions = 32
  /// Points available before 32 bits run out.
  public static let maxPoints = 1 << 32 - 1

  /// Joe & Kuo's rows for dimensions 2…32: s (degree of the primitive polynomial), a (its
  /// inner coefficients as bits) and the initial direction integers m_1 … m_s.
  static let joeKuo: [(s: Int, a: UInt32, m: [UInt32])] = [
    (1, 0, [1]), (2, 1, [1, 3]), (3, 1, [1, 3, 1]), (3, 2, [1, 1, 1]), (4, 1, [1, 1, 3, 3]), (4, 4, [1, 3, 5, 13]),
    (5, 2, [1, 1, 5, 5, 17]), (5, 4, [1, 1, 5, 5, 5]), (5, 7, [1, 1, 7, 11, 19]), (5, 11, [1, 1, 5, 1, 1]),
    (5, 13, [1, 1, 1, 3, 11]), (5, 14, [1, 3, 5, 5, 31]), (6, 1, [1, 3, 3, 9, 7, 49]), (6, 13, [1, 1, 1, 15, 21, 21]),
    (6, 16, [1, 3, 1, 13, 27, 49]), (6, 19, [1, 1, 1, 15, 7, 5]), (6, 22, [1, 3, 1, 15, 13, 25]), (6, 25, [1, 1, 5, 5, 19, 61]),
    (7, 1, [1, 3, 7, 11, 23, 15, 103]), (7, 4, [1, 3, 7, 13, 13, 15, 69]), (7, 7, [1, 1, 3, 13, 7, 35, 63]),
    (7, 8, [1, 3, 5, 9, 1, 25, 53]), (7, 14, [1, 3, 1, 13, 9, 35, 107]), (7, 19, [1, 3, 1, 5, 27, 61, 31]),
    (7, 21, [1, 1, 5, 11, 19, 41, 61]), (7, 28, [1, 3, 5, 3, 3, 13, 69]), (7, 31, [1, 1, 7, 13, 1, 19, 1]),
    (7, 32, [1, 3, 7, 5, 13, 19, 59]), (7, 37, [1, 1, 3, 9, 25, 29, 41]), (7, 41, [1, 3, 5, 13, 23, 1, 55]),
    (7, 42, [1, 3, 7, 3, 13, 59, 17]),
  ]

  public let dimensions: Int
  /// direction[d][b]: the direction number of dimension d for bit b (0-based), left-aligned in 32 bits.
  let direction: [[UInt32]]
  /// Per-dimension XOR word (all zero: the plain sequence).
  let shift: [UInt32]

  /// The sequence in `dimensions` (1…``maxDimensions``) dimensions, digitally shifted by `shift`
  /// (one word per dimension; empty for none).
  public init(dimensions: Int, shift: [UInt32] = []) {
    precondition((1...Self.maxDimensions).contains(dimensions), "SobolSequence: 1–\(Self.maxDimensions) dimensions")
    precondition(shift.isEmpty || shift.count == dimensions, "SobolSequence: one shift word per dimension")
    self.dimensions = dimensions
    self.direction = (0..<dimensions).map(Self.directions)
    self.shift = shift.isEmpty ? Array(repeating: 0, count: dimensions) : shift
  }

  /// The 32 direction numbers of dimension `d` (0-based).
  static func directions(_ d: Int) -> [UInt32] {
    if d == 0 { return (0..<32).map { UInt32(1) << (31 - $0) } }
    let (s, a, m) = joeKuo[d - 1]
    var v = [UInt32](repeating: 0, count: 32)
    for j in 0..<min(s, 32) { v[j] = m[j] << (31 - j) }
    if s < 32 {
      for j in s..<32 {
        var x = v[j - s] ^ (v[j - s] >> UInt32(s))
        for k in 1..<s where (a >> UInt32(s - 1 - k)) & 1 == 1 { x ^= v[j - k] }
        v[j] = x
      }
    }
    return v
  }

  /// Point `i` (0-based, below ``maxPoints``) as 32-bit integers.
  public func integerPoint(_ i: Int) -> [UInt32] {
    let gray = UInt32(truncatingIfNeeded: i ^ (i >> 1))
    return (0..<dimensions).map { d in
      var x = shift[d], g = gray, b = 0
      while g != 0 {
        if g & 1 == 1 { x ^= direction[d][b] }
        g >>= 1; b += 1
      }
      return x
    }
  }

  /// Point `i` in [0, 1)^dimensions.
  public func point(_ i: Int) -> [Double] {
    integerPoint(i).map { Double($0) / 4_294_967_296.0 }
  }
}
