/// Every order id accepted in an order stream, with its side and the arena slot where it last
/// rested: all that `duplicate_order_id`, `unknown_order`, `not_active` (which reports the
/// order's side) and the lookup of cancels and replaces need, in one table.
///
/// One probe per row is its whole hot-path cost, so it is built to take one cache miss, which
/// ``OrderStreamProcessor/warm(_:)`` issues ahead for a batch of rows: the table is an array of
/// 64-byte buckets, each one cache line holding four 16-byte entries (id, slot, side); an id lives
/// in its home bucket or, when that is full, the next ones (linear probing by bucket); the table
/// is kept at most three-quarters full and on huge pages (see ``RawBuffer``). Ten million ids
/// take 256 MB.
///
/// The slot is not cleared when an order leaves the book by trading: an entry's order rests only
/// if the engine's order at that slot is resting *and* carries the same id (ids are never
/// accepted twice, so a recycled slot holds another id). So fills cost no table work at all;
/// cancels and replaces check the slot with ``MatchingEngine/isResting(_:id:)``.
public final class OrderIDTable {
  /// One accepted id: 16 bytes, four to a bucket.
  @frozen @usableFromInline struct Entry {
    @usableFromInline var key: UInt64
    /// The arena slot where the order last rested, or −1 if it never rested or was cancelled.
    @usableFromInline var slot: Int32
    /// 0 for a free entry, 1 for a buy, 2 for a sell.
    @usableFromInline var state: UInt32
    @inlinable init(key: UInt64, slot: Int32, state: UInt32) { self.key = key; self.slot = slot; self.state = state }
  }

  /// Entries per bucket (one 64-byte cache line).
  static let bucketEntries = 4
  /// Bucket `b` is entries `4b ..< 4b + 4`.
  @exclusivity(unchecked) var entries: RawBuffer<Entry>
  /// Buckets − 1 (a power of two minus one).
  @exclusivity(unchecked) var bucketMask: Int
  /// Ids stored.
  @exclusivity(unchecked) public private(set) var count = 0
  /// The count at which the table doubles (three-quarters full).
  @exclusivity(unchecked) var growAt = 0

  /// A table sized for `capacity` ids (it grows past that).
  public init(capacity: Int = 1024) {
    var buckets = 8
    while buckets * 3 < capacity { buckets <<= 1 }
    entries = RawBuffer(capacity: buckets * Self.bucketEntries)
    _ = entries.appendRepeating(Entry(key: 0, slot: -1, state: 0), count: buckets * Self.bucketEntries)
    bucketMask = buckets - 1
    growAt = buckets * 3
  }

  deinit { entries.free() }

  /// Records `key` (whose ``orderIDHash(_:)`` is `hash`) as accepted on `side`, not resting.
  /// Returns whether it was new, and the index of its entry (valid until the next insert).
  @inline(__always)
  public func insert(_ key: UInt64, hash: Int, side: Side) -> (inserted: Bool, index: Int) {
    if _slowPath(count >= growAt) { grow() }
    var b = hash & bucketMask
    while true {
      let first = b &* Self.bucketEntries
      for j in first ..< first &+ Self.bucketEntries {
        let e = entries.pointer(j)
        if e.pointee.state == 0 {
          e.pointee = Entry(key: key, slot: -1, state: side == .buy ? 1 : 2)
          count &+= 1
          return (true, j)
        }
        if e.pointee.key == key { return (false, j) }
      }
      b = (b &+ 1) & bucketMask
    }
  }

  /// The index of `key`'s entry (`hash` is its ``orderIDHash(_:)``), or −1 if it was never accepted.
  @inline(__always)
  public func find(_ key: UInt64, hash: Int) -> Int {
    var b = hash & bucketMask
    while true {
      let first = b &* Self.bucketEntries
      for j in first ..< first &+ Self.bucketEntries {
        let e = entries.pointer(j)
        if e.pointee.state == 0 { return -1 }
        if e.pointee.key == key { return j }
      }
      b = (b &+ 1) & bucketMask
    }
  }

  /// The side of the id at entry `index`.
  @inline(__always)
  public func side(at index: Int) -> Side { entries[index].state == 1 ? .buy : .sell }

  /// The slot where the id at entry `index` last rested, or −1.
  @inline(__always)
  public func slot(at index: Int) -> Int32 { entries[index].slot }

  /// Records where the id at entry `index` rests now (−1: nowhere).
  @inline(__always)
  public func setSlot(_ slot: Int32, at index: Int) { entries[index].slot = slot }

  /// The address of the bucket where the probe for an id hashing to `hash` starts. Loading the
  /// buckets of the next few dozen ids before processing them lets their cache misses overlap
  /// instead of costing a full memory latency each (see ``OrderStreamProcessor/warm(_:)``).
  public func probeStart(hash: Int) -> UnsafeRawPointer {
    UnsafeRawPointer(entries.pointer((hash & bucketMask) &* Self.bucketEntries))
  }

  func grow() {
    let old = entries, oldCount = (bucketMask + 1) * Self.bucketEntries
    entries = RawBuffer(capacity: oldCount * 2)
    _ = entries.appendRepeating(Entry(key: 0, slot: -1, state: 0), count: oldCount * 2)
    bucketMask = (bucketMask + 1) * 2 - 1
    growAt *= 2
    count = 0
    for i in 0..<oldCount where old[i].state != 0 {
      let e = old[i]
      let (_, index) = insert(e.key, hash: orderIDHash(e.key), side: e.state == 1 ? .buy : .sell)
      entries[index].slot = e.slot
    }
    old.free()
  }
}
