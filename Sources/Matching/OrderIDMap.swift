/// An open-addressing hash map from arbitrary 64-bit order ids to an `Int32` value (the order's
/// arena slot while it rests, ``inactive`` once it has filled or been cancelled). Entries are
/// never removed — an id once accepted stays known, for `duplicate_order_id`, `not_active` and
/// `unknown_order`. Linear probing over a power-of-two table at most half full, 16-byte entries
/// (one cache line per probe); keys are mixed with the SplitMix64 finaliser, so sequential or
/// adversarially spaced ids spread evenly.
public struct OrderIDMap {
  /// The value of an id whose order no longer rests.
  public static let inactive: Int32 = -1
  @usableFromInline static let empty: Int32 = .min

  @frozen @usableFromInline struct Entry {
    @usableFromInline var key: UInt64
    @usableFromInline var value: Int32
    @inlinable init(key: UInt64, value: Int32) { self.key = key; self.value = value }
  }

  @usableFromInline var entries: ContiguousArray<Entry>
  @usableFromInline var mask: Int
  /// Ids stored.
  public private(set) var count = 0

  public init(capacity: Int = 1024) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    entries = ContiguousArray(repeating: Entry(key: 0, value: OrderIDMap.empty), count: size)
    mask = size - 1
  }

  @inlinable @inline(__always)
  static func hash(_ key: UInt64) -> Int {
    var z = key &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return Int(truncatingIfNeeded: z ^ (z >> 31))
  }

  /// The value stored for `key`, or nil if the id was never stored.
  @inlinable public func value(for key: UInt64) -> Int32? {
    entries.withUnsafeBufferPointer { e in
      var i = OrderIDMap.hash(key) & mask
      while true {
        let entry = e[i]
        if entry.value == OrderIDMap.empty { return nil }
        if entry.key == key { return entry.value }
        i = (i &+ 1) & mask
      }
    }
  }

  /// Stores or replaces the value for `key`.
  /// - Precondition: `value` ≥ −1.
  public mutating func set(_ value: Int32, for key: UInt64) {
    let m = mask
    let inserted: Bool = entries.withUnsafeMutableBufferPointer { e in
      var i = OrderIDMap.hash(key) & m
      while true {
        if e[i].value == OrderIDMap.empty { e[i] = Entry(key: key, value: value); return true }
        if e[i].key == key { e[i].value = value; return false }
        i = (i &+ 1) & m
      }
    }
    if inserted {
      count += 1
      if count * 2 > entries.count { rehash() }
    }
  }

  mutating func rehash() {
    let old = entries
    entries = ContiguousArray(repeating: Entry(key: 0, value: OrderIDMap.empty), count: old.count * 2)
    mask = entries.count - 1
    count = 0
    for e in old where e.value != OrderIDMap.empty { set(e.value, for: e.key) }
  }
}
