/// Every order id ever accepted in an order stream, with its side: what `duplicate_order_id`,
/// `not_active` (which reports the order's side) and `unknown_order` need, for as long as the
/// stream runs.
///
/// One insert-or-find per new order is its whole hot-path cost, so it is built to take one cache
/// miss: the table is an array of 64-byte buckets, each one cache line holding seven 8-byte keys
/// (0 marks a free place; the id 0 itself is kept aside) and one word whose low seven bits are
/// their sides. A key lives in its home bucket or, when that is full, the next ones (linear
/// probing by bucket); the table is kept at most half full and on huge pages (see
/// ``RawBuffer``). Ten million ids take 256 MB.
public final class AcceptedOrderIDs {
  /// Words per bucket: seven keys and the side bits.
  static let bucketWords = 8
  /// Bucket `b` is words `8b ..< 8b + 8`; word `8b + 7` has bit j set if key j is a sell.
  @exclusivity(unchecked) var words: RawBuffer<UInt64>
  /// Buckets − 1 (a power of two minus one).
  @exclusivity(unchecked) var bucketMask: Int
  /// The side of id 0 if it was accepted.
  @exclusivity(unchecked) var zeroSide: Side?
  /// Ids stored.
  @exclusivity(unchecked) public private(set) var count = 0
  /// The count at which the table doubles (half full).
  @exclusivity(unchecked) var growAt = 0

  /// A set sized for `capacity` ids (it grows past that).
  public init(capacity: Int = 1024) {
    var buckets = 8
    while buckets * 7 < capacity * 2 { buckets <<= 1 }
    words = RawBuffer(capacity: buckets * Self.bucketWords)
    _ = words.appendRepeating(0, count: buckets * Self.bucketWords)
    bucketMask = buckets - 1
    growAt = buckets * 7 / 2
  }

  deinit { words.free() }

  /// Records `key` (whose ``orderIDHash(_:)`` is `hash`) as accepted on `side`; returns false
  /// (and changes nothing) if it already was.
  @inline(__always)
  public func insert(_ key: UInt64, hash: Int, side: Side) -> Bool {
    if key == 0 {
      if zeroSide != nil { return false }
      zeroSide = side
      count += 1
      return true
    }
    var b = hash & bucketMask
    while true {
      let bucket = words.pointer(b &* Self.bucketWords)
      for j in 0..<7 {
        let k = bucket[j]
        if k == key { return false }
        if k == 0 {
          bucket[j] = key
          if side == .sell { bucket[7] |= 1 << UInt64(j) }
          count += 1
          if _slowPath(count > growAt) { grow() }
          return true
        }
      }
      b = (b &+ 1) & bucketMask
    }
  }

  /// The address of the bucket where the probe for an id hashing to `hash` starts. Loading the buckets of the next few
  /// dozen ids before processing them lets their cache misses overlap instead of costing a full
  /// memory latency each (see ``OrderStreamProcessor/warm(_:)``).
  public func probeStart(hash: Int) -> UnsafeRawPointer {
    UnsafeRawPointer(words.pointer((hash & bucketMask) &* Self.bucketWords))
  }

  /// The side of an accepted id, or nil if `key` was never accepted.
  public func side(of key: UInt64) -> Side? {
    if key == 0 { return zeroSide }
    var b = orderIDHash(key) & bucketMask
    while true {
      let bucket = words.pointer(b &* Self.bucketWords)
      for j in 0..<7 {
        let k = bucket[j]
        if k == key { return (bucket[7] >> UInt64(j)) & 1 == 1 ? .sell : .buy }
        if k == 0 { return nil }
      }
      b = (b &+ 1) & bucketMask
    }
  }

  func grow() {
    let old = words, oldBuckets = bucketMask + 1
    words = RawBuffer(capacity: oldBuckets * 2 * Self.bucketWords)
    _ = words.appendRepeating(0, count: oldBuckets * 2 * Self.bucketWords)
    bucketMask = oldBuckets * 2 - 1
    growAt = oldBuckets * 7
    count = zeroSide == nil ? 0 : 1
    for b in 0..<oldBuckets {
      let bucket = old.pointer(b * Self.bucketWords)
      for j in 0..<7 where bucket[j] != 0 {
        _ = insert(bucket[j], hash: orderIDHash(bucket[j]), side: (bucket[7] >> UInt64(j)) & 1 == 1 ? .sell : .buy)
      }
    }
    old.free()
  }
}
