/// The 64-bit FNV-1a hash (Fowler–Noll–Vo) of UTF-8 text: stable across platforms and runs, for
/// random-stream ids and for fingerprints of resolved scenarios. Not cryptographic.
public enum FNV1a {
  /// FNV-1a 64 of `text`'s UTF-8 bytes.
  @inlinable public static func hash(_ text: String) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
    return h
  }

  /// FNV-1a 64 of raw bytes (the same value as ``hash(_:)`` of the text they encode).
  @inlinable public static func hash<Bytes: Sequence<UInt8>>(bytes: Bytes) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
    return h
  }

  /// The hash as 16 lower-case hex digits.
  public static func hex(_ text: String) -> String {
    let digits = String(hash(text), radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}
