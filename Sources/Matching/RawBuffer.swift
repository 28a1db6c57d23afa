#if canImport(Glibc)
import Glibc
#endif

/// A growable buffer of trivial values in manually managed memory: unchecked O(1) access, no
/// copy-on-write or uniqueness checks — the storage of the matching engine's hot arrays.
/// Owned by exactly one ``MatchingEngine``, which frees it in `deinit`. Buffers of 2 MiB or
/// more are 2 MiB-aligned and, on Linux, advised to use transparent huge pages: their slots are
/// touched at random, and one TLB entry per 2 MiB instead of per 4 KiB removes most page walks.
@frozen @usableFromInline
struct RawBuffer<Element: BitwiseCopyable> {
  @usableFromInline var base: UnsafeMutablePointer<Element>
  @usableFromInline var capacity: Int
  @usableFromInline var count: Int

  @inlinable init(capacity: Int) {
    self.capacity = Swift.max(capacity, 4)
    base = RawBuffer.allocate(self.capacity)
    count = 0
  }

  @usableFromInline static func allocate(_ capacity: Int) -> UnsafeMutablePointer<Element> {
    let bytes = capacity * MemoryLayout<Element>.stride
    let huge = 2 << 20
    guard bytes >= huge else { return .allocate(capacity: capacity) }
    let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: huge)
    #if canImport(Glibc)
    _ = madvise(raw, bytes, MADV_HUGEPAGE)
    #endif
    return raw.bindMemory(to: Element.self, capacity: capacity)
  }

  @inlinable subscript(i: Int) -> Element {
    @inline(__always) get { base[i] }
    @inline(__always) nonmutating set { base[i] = newValue }
  }

  @inlinable @inline(__always)
  func pointer(_ i: Int) -> UnsafeMutablePointer<Element> { base + i }

  @inlinable @inline(__always)
  mutating func append(_ value: Element) {
    if count == capacity { grow(to: capacity * 2) }
    (base + count).initialize(to: value)
    count += 1
  }

  @inlinable @inline(__always)
  mutating func popLast() -> Element? {
    guard count > 0 else { return nil }
    count -= 1
    return base[count]
  }

  /// Appends `n` copies of `value`, returning the index of the first.
  @inlinable mutating func appendRepeating(_ value: Element, count n: Int) -> Int {
    if count + n > capacity { grow(to: Swift.max(capacity * 2, count + n)) }
    (base + count).initialize(repeating: value, count: n)
    count += n
    return count - n
  }

  @usableFromInline mutating func grow(to newCapacity: Int) {
    let fresh = RawBuffer.allocate(newCapacity)
    fresh.initialize(from: base, count: count)
    base.deallocate()
    base = fresh
    capacity = newCapacity
  }

  @usableFromInline func free() { base.deallocate() }
}
