/// SplitMix64 (Steele, Lea & Flood 2014; Vigna's reference `splitmix64.c`): a 64-bit generator
/// used here only to expand a seed into the state of ``Xoshiro256StarStar`` and to mix stream ids.
///
/// Reference: with state 0 the first output is `0xE220A8397B1DCDAF`.
@frozen
public struct SplitMix64: RandomNumberGenerator, Sendable {
  @usableFromInline internal var state: UInt64

  /// Creates a generator whose state is `seed`.
  @inlinable public init(seed: UInt64) { state = seed }

  /// The next 64-bit output.
  @inlinable @inline(__always)
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return SplitMix64.mix(state)
  }

  /// The SplitMix64 finaliser: a bijective avalanche of 64 bits.
  @inlinable @inline(__always)
  public static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
