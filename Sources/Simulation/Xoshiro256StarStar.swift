/// xoshiro256** 1.0 (Blackman & Vigna 2018, <https://prng.di.unimi.it/xoshiro256starstar.c>):
/// the project's seedable pseudo-random generator. Period 2^256 − 1; passes BigCrush.
///
/// Seeded through ``SplitMix64`` as the authors recommend, so any 64-bit seed (including 0)
/// gives a well-mixed, non-zero state. Value type: copying a generator copies its stream.
///
///     var rng = Xoshiro256StarStar(seed: 42)
///     let u = rng.nextUnitDouble()   // in [0, 1)
@frozen
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Equatable {
  @usableFromInline internal var s0, s1, s2, s3: UInt64

  /// Seeds the four state words from four successive SplitMix64 outputs of `seed`.
  @inlinable public init(seed: UInt64) {
    var sm = SplitMix64(seed: seed)
    s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
  }

  /// Sets the raw state directly (for known-answer tests against the reference code).
  /// - Precondition: not all four words are zero.
  @inlinable public init(state: (UInt64, UInt64, UInt64, UInt64)) {
    precondition(state != (0, 0, 0, 0), "xoshiro256** state must not be all zero")
    (s0, s1, s2, s3) = state
  }

  /// The next 64-bit output. - Complexity: O(1), no allocation.
  @inlinable @inline(__always)
  public mutating func next() -> UInt64 {
    let result = rotl(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotl(s3, 45)
    return result
  }

  /// A uniform double in [0, 1) with 53 random bits.
  @inlinable @inline(__always)
  public mutating func nextUnitDouble() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A uniform double in (0, 1): never exactly 0, safe for `log`.
  @inlinable @inline(__always)
  public mutating func nextOpenUnitDouble() -> Double {
    (Double(next() >> 12) + 0.5) * 0x1.0p-52
  }

  @inlinable @inline(__always)
  internal func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }
}
