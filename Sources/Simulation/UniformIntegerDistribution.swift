/// A uniform integer on the closed range [low, high], drawn without bias by Lemire's
/// nearly-divisionless method (2019). Implemented here, not taken from the standard library's
/// `random(in:)`, so that results never change with the toolchain.
@frozen public struct UniformIntegerDistribution: Distribution {
  public let low: Int64
  public let high: Int64
  /// - Precondition: `low <= high`.
  @inlinable public init(low: Int64, high: Int64) {
    precondition(low <= high, "uniform integer needs low <= high")
    self.low = low; self.high = high
  }
  @inlinable public func sample<G: RandomNumberGenerator>(using rng: inout G) -> Int64 {
    let span = UInt64(bitPattern: high &- low) &+ 1
    if span == 0 { return Int64(bitPattern: rng.next()) }  // the full 64-bit range
    return low &+ Int64(bitPattern: UniformIntegerDistribution.below(span, using: &rng))
  }
  /// A uniform integer in [0, n), n > 0.
  @inlinable public static func below<G: RandomNumberGenerator>(_ n: UInt64, using rng: inout G) -> UInt64 {
    var m = rng.next().multipliedFullWidth(by: n)
    if m.low < n {
      let threshold = (0 &- n) % n
      while m.low < threshold { m = rng.next().multipliedFullWidth(by: n) }
    }
    return m.high
  }
  public var mean: Double { (Double(low) + Double(high)) / 2 }
  public var variance: Double { let n = Double(high) - Double(low) + 1; return (n * n - 1) / 12 }
}
