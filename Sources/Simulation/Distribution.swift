/// A probability distribution over `Value` that draws with any random-number generator.
///
/// Every sampler takes `inout some RandomNumberGenerator` (no global RNG), is `@inlinable`
/// so it specialises for ``Xoshiro256StarStar``, and allocates nothing.
public protocol Distribution: Sendable {
  associatedtype Value
  /// One draw.
  func sample<G: RandomNumberGenerator>(using rng: inout G) -> Value
  /// The theoretical mean (used by tests and documentation).
  var mean: Double { get }
  /// The theoretical variance.
  var variance: Double { get }
}

/// A uniform double in [0, 1) with 53 random bits, for any generator.
@inlinable @inline(__always)
public func unitDouble<G: RandomNumberGenerator>(_ rng: inout G) -> Double {
  Double(rng.next() >> 11) * 0x1.0p-53
}

/// A uniform double in (0, 1), never 0 — safe to take the logarithm of.
@inlinable @inline(__always)
public func openUnitDouble<G: RandomNumberGenerator>(_ rng: inout G) -> Double {
  (Double(rng.next() >> 12) + 0.5) * 0x1.0p-52
}
