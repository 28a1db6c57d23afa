extension Bool {
  /// The indicator 1[self]: 1 or 0, for selecting between values by arithmetic instead of by a
  /// branch. The buyers' loops weigh products drawn at random, and a jump on one of their flags
  /// (certified, AI-ready, offering a sample, in another region) is a coin toss to the processor,
  /// mispredicted about as often as not; a Swift `c ? a : b` on Doubles compiles to such a jump
  /// (x86 has no conditional move for floating-point registers). For finite x ≥ 0, x·1 = x,
  /// x·0 = +0 and y + (+0) = y, so `x * (1 - d * c.indicator)` is exactly `c ? x * (1 - d) : x`
  /// and `a * (1 - c.indicator) + b * c.indicator` exactly `c ? b : a` for finite a, b ≥ 0.
  @inline(__always) var indicator: Double { Double(unsafeBitCast(self, to: UInt8.self)) }
}
