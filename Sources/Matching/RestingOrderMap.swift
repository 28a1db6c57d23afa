/// The arena slots of the orders resting now, by their 64-bit ids: the lookup of every cancel,
/// replace and fill in an order stream.
///
/// Open addressing with linear probing over a power-of-two table at most half full, 16-byte
/// entries, and backward-shift deletion (no tombstones), so the table stays as small as the
/// book — a few MB for 100,000 resting orders — and probes stay short however many orders have
/// come and gone. Ids that no longer rest are in ``AcceptedOrderIDs``.
public final class RestingOrderMap {
  @frozen @usableFromInline struct Entry {
    @usableFromInline var key: UInt64
    /// The slot, or −1 for an empty entry.
    @usableFromInline var slot: Int32
    @inlinable init(key: UInt64, slot: Int32) { self.key = key; self.slot = slot }
  }

  @exclusivity(unchecked) var entries: RawBuffer<Entry>
  @exclusivity(unchecked) var mask: Int
  /// Resting ids stored.
  @exclusivity(unchecked) public private(set) var count = 0
  /// The count at which the table doubles (half full).
  @exclusivity(unchecked) var growAt = 0

  /// A map sized for `capacity` resting orders (it grows past that).
  public init(capacity: Int = 1024) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    entries = RawBuffer(capacity: size)
    _ = entries.appendRepeating(Entry(key: 0, slot: -1), count: size)
    mask = size - 1
    growAt = size / 2
  }

  deinit { entries.free() }

  /// The position of `key` (whose ``orderIDHash(_:)`` is `hash`), or −1.
  @inline(__always)
  func position(_ key: UInt64, hash: Int) -> Int {
    var i = hash & mask
    while true {
      let e = entries.pointer(i)
      if e.pointee.slot < 0 { return -1 }
      if e.pointee.key == key { return i }
      i = (i &+ 1) & mask
    }
  }

  /// The address of the entry where the probe for an id hashing to `hash` starts (see
  /// ``AcceptedOrderIDs/probeStart(hash:)``).
  public func probeStart(hash: Int) -> UnsafeRawPointer { UnsafeRawPointer(entries.pointer(hash & mask)) }

  /// The slot of the resting order `key` (hashing to `hash`), or nil.
  public func slot(of key: UInt64, hash: Int) -> Int32? {
    let i = position(key, hash: hash)
    return i < 0 ? nil : entries[i].slot
  }

  /// Stores or replaces the slot of `key` (whose ``orderIDHash(_:)`` is `hash`).
  /// - Precondition: `slot ≥ 0`.
  public func set(_ slot: Int32, for key: UInt64, hash: Int) {
    var i = hash & mask
    while entries[i].slot >= 0 {
      if entries[i].key == key { entries[i].slot = slot; return }
      i = (i &+ 1) & mask
    }
    entries[i] = Entry(key: key, slot: slot)
    count += 1
    if _slowPath(count > growAt) { grow() }
  }

  /// Removes `key` (hashing to `hash`); returns its slot, or nil if it was not resting.
  @discardableResult
  public func remove(_ key: UInt64, hash: Int) -> Int32? {
    var i = position(key, hash: hash)
    if i < 0 { return nil }
    let slot = entries[i].slot
    // Backward shift: pull later entries of the probe run into the hole when their home allows.
    var j = i
    while true {
      j = (j &+ 1) & mask
      let e = entries[j]
      if e.slot < 0 { break }
      let home = orderIDHash(e.key) & mask
      if (j &- home) & mask >= (j &- i) & mask { entries[i] = e; i = j }
    }
    entries[i].slot = -1
    count -= 1
    return slot
  }

  func grow() {
    let old = entries, oldSize = mask + 1
    entries = RawBuffer(capacity: oldSize * 2)
    _ = entries.appendRepeating(Entry(key: 0, slot: -1), count: oldSize * 2)
    mask = oldSize * 2 - 1
    growAt = oldSize
    count = 0
    for i in 0..<oldSize where old[i].slot >= 0 { set(old[i].slot, for: old[i].key, hash: orderIDHash(old[i].key)) }
    old.free()
  }
}
