/// The hash of a 64-bit order id: the SplitMix64 finaliser, so sequential or adversarially
/// spaced ids spread evenly over a power-of-two table.
@inlinable @inline(__always)
func orderIDHash(_ key: UInt64) -> Int {
  var z = key &+ 0x9E37_79B9_7F4A_7C15
  z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
  z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
  return Int(truncatingIfNeeded: z ^ (z >> 31))
}
