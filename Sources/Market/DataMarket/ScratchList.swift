/// A list of plain values that one model refills for every buyer (the listings it scored, their
/// basic versions' values): manually managed storage that grows by doubling and is never given
/// back, so that in steady state appending allocates nothing and, being a class the model holds
/// by a constant reference, carries no copy-on-write uniqueness check per element — an array
/// held in the model's stored property checks its buffer on every append. Owned by one model,
/// freed with it; not for sharing between threads.
final class ScratchList<Element: BitwiseCopyable> {
  private(set) var count = 0
  private var capacity: Int
  private var base: UnsafeMutablePointer<Element>

  init(capacity: Int = 16) {
    self.capacity = max(capacity, 1)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }

  var isEmpty: Bool { count == 0 }

  @inline(__always) func append(_ value: Element) {
    if count == capacity { grow() }
    (base + count).initialize(to: value)
    count += 1
  }

  /// Appends up to `n` elements at once: `body` writes them from the pointer it is given and
  /// returns how many it wrote (at most `n`). One capacity check for them all.
  @inline(__always) func append(upTo n: Int, _ body: (UnsafeMutablePointer<Element>) -> Int) {
    while capacity - count < n { grow() }
    let written = body(base + count)
    precondition(written >= 0 && written <= n, "\(written) elements written where at most \(n) fit")
    count += written
  }

  @inline(__always) subscript(i: Int) -> Element {
    precondition(i >= 0 && i < count, "index \(i) outside a scratch list of \(count)")
    return base[i]
  }

  /// Forgets the elements and keeps the storage.
  func removeAll() { count = 0 }

  private func grow() {
    let fresh = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
    fresh.update(from: base, count: count)
    base.deallocate()
    base = fresh
    capacity *= 2
  }
}
