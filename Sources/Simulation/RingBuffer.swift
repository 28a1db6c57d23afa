/// A FIFO queue in a growable circular buffer: O(1) push and pop, storage reused, so a
/// steady-state queue allocates nothing.
@frozen public struct RingBuffer<Element> {
  @usableFromInline var storage: ContiguousArray<Element?>
  @usableFromInline var head = 0
  /// Elements queued.
  public var count: Int { _count }
  @usableFromInline var _count = 0

  @inlinable public init(capacity: Int = 16) {
    storage = ContiguousArray(repeating: nil, count: Swift.max(1, capacity))
  }

  @inlinable public var isEmpty: Bool { count == 0 }

  /// Appends at the back. - Complexity: amortised O(1).
  @inlinable public mutating func pushBack(_ element: Element) {
    if _count == storage.count { grow() }
    var i = head + count
    if i >= storage.count { i -= storage.count }
    storage[i] = element
    _count += 1
  }

  /// Removes from the front.
  @inlinable public mutating func popFront() -> Element? {
    guard count > 0 else { return nil }
    let e = storage[head]
    storage[head] = nil
    head += 1
    if head == storage.count { head = 0 }
    _count -= 1
    return e
  }

  /// The front element.
  @inlinable public var front: Element? { count > 0 ? storage[head] : nil }

  @usableFromInline mutating func grow() {
    var next = ContiguousArray<Element?>(repeating: nil, count: storage.count * 2)
    for k in 0..<count { next[k] = storage[(head + k) % storage.count] }
    storage = next
    head = 0
  }
}

extension RingBuffer: Sendable where Element: Sendable {}
