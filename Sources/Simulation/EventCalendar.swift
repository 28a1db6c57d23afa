/// The future-event list: a binary min-heap of pending events keyed by
/// (time, priority, sequence number).
///
/// Equal times resolve by `priority` (lower first), then first-in first-out by insertion (a
/// per-calendar sequence number). Heap entries are 16 bytes — time, payload slot, priority —
/// so a thousand pending events fit in L1; payloads and sequence numbers live in a slot arena
/// beside the heap, and the sequence number is read only when two times are exactly equal.
/// Cancellation is lazy: the slot's payload is dropped at once, and the slot is recycled when
/// its heap entry reaches the top. Popping leaves the root vacant until the next call: a handler
/// that schedules an event (the common case) fills the root and sifts it down once, instead of
/// a sift-down to remove and a sift-up to insert. Heap, arena and free list are reused, so in
/// steady state scheduling and popping allocate nothing.
///
/// Optional FIFO lanes (`fifoLanes` > 0) keep most of a model's constant-delay events out of the
/// heap: an event is appended to the lane whose last event comes latest but not after it (in the
/// calendar's order), so each lane stays sorted, and a pop takes the earliest of the heap's top
/// and the lanes' fronts. A model whose events wait fixed delays (a benefit realised 180 days after
/// signing, a bid expiring after 60) then keeps a small heap, whatever the number pending; the order
/// of events is exactly the heap-only order.
///
///     var calendar = EventCalendar<MyEvent>()
///     let h = calendar.schedule(.arrival(customer: 1), at: 2.5)
///     calendar.cancel(h)
///
/// - Complexity: schedule and pop O(log n) comparisons; cancel O(1).
@frozen
public struct EventCalendar<Event> {
  /// One heap entry. 16 bytes.
  @frozen @usableFromInline
  struct Entry {
    @usableFromInline var time: Double
    @usableFromInline var slot: Int32
    @usableFromInline var priority: Int32

    @inlinable @inline(__always)
    init(time: Double, slot: Int32, priority: Int32) { self.time = time; self.slot = slot; self.priority = priority }
  }

  @usableFromInline var heap: ContiguousArray<Entry> = []
  /// Payload per slot; nil for a free or cancelled slot.
  @usableFromInline var payloads: ContiguousArray<Event?> = []
  /// Sequence number of the event scheduled into each slot (FIFO tie-break, handle check).
  @usableFromInline var sequences: ContiguousArray<UInt64> = []
  @usableFromInline var freeSlots: ContiguousArray<Int32> = []
  /// The FIFO lanes, each sorted, and the (time, priority) of the last event appended to each.
  @usableFromInline var lanes: ContiguousArray<RingBuffer<Entry>> = []
  @usableFromInline var laneTails: ContiguousArray<(time: Double, priority: Int32)> = []
  @usableFromInline var nextSequence: UInt64 = 0
  /// The root entry was popped and its place not yet refilled (see the type's notes).
  @usableFromInline var rootIsVacant = false
  @usableFromInline var _count: Int = 0

  /// The number of pending (scheduled, not cancelled, not popped) events.
  @inlinable public var count: Int { _count }

  /// An empty calendar; `capacity` pre-sizes the storage; `fifoLanes` FIFO lanes beside the heap
  /// (see the type's notes; 0, the default, keeps every event in the heap).
  @inlinable public init(capacity: Int = 0, fifoLanes: Int = 0) {
    heap.reserveCapacity(capacity); payloads.reserveCapacity(capacity)
    sequences.reserveCapacity(capacity); freeSlots.reserveCapacity(capacity)
    lanes = ContiguousArray((0..<Swift.max(0, fifoLanes)).map { _ in RingBuffer<Entry>(capacity: 64) })
    laneTails = ContiguousArray(repeating: (-Double.infinity, Int32.min), count: lanes.count)
  }

  /// Whether nothing is pending.
  @inlinable public var isEmpty: Bool { _count == 0 }

  /// Schedules `event` at `time` with tie-break `priority` (lower first). The caller
  /// (``Kernel``) validates the time.
  @inlinable @discardableResult
  public mutating func schedule(_ event: Event, at time: Double, priority: Int = 0) -> EventHandle {
    let slot: Int32
    let sequence = nextSequence
    nextSequence &+= 1
    if let free = freeSlots.popLast() {
      slot = free
      payloads[Int(slot)] = event
      sequences[Int(slot)] = sequence
    } else {
      slot = Int32(payloads.count)
      payloads.append(event)
      sequences.append(sequence)
    }
    let entry = Entry(time: time, slot: slot, priority: Int32(truncatingIfNeeded: priority))
    if let lane = laneFor(entry) {
      lanes[lane].pushBack(entry)
      laneTails[lane] = (entry.time, entry.priority)
    } else {
      push(entry)
    }
    _count += 1
    return EventHandle(slot: slot, sequence: sequence)
  }

  /// Cancels a pending event. Returns `false` if it already fired or was cancelled.
  @inlinable @discardableResult
  public mutating func cancel(_ handle: EventHandle) -> Bool {
    let s = Int(handle.slot)
    guard s >= 0, s < payloads.count, sequences[s] == handle.sequence, payloads[s] != nil else { return false }
    payloads[s] = nil  // the heap entry stays until it surfaces; the slot is not reused before
    _count -= 1
    return true
  }

  /// The time of the next pending event, or `nil` if none.
  @inlinable public mutating func peekTime() -> Double? {
    settle()
    while let (top, lane) = earliest() {
      if payloads[Int(top.slot)] != nil { return top.time }
      if lane < 0 { _ = popEntry() } else { _ = lanes[lane].popFront() }
      freeSlots.append(top.slot)
    }
    return nil
  }

  /// Removes and returns the next event and its time, or `nil` if none is pending.
  @inlinable
  public mutating func pop() -> (time: Double, event: Event)? { pop(notAfter: .infinity) }

  /// Removes and returns the next event if its time is at most `limit`; otherwise (or when
  /// nothing is pending) returns `nil` and leaves the calendar as it was.
  @inlinable
  public mutating func pop(notAfter limit: Double) -> (time: Double, event: Event)? {
    while true {
      settle()
      guard let (top, lane) = earliest() else { return nil }
      let s = Int(top.slot)
      if top.time > limit && payloads[s] != nil { return nil }
      let payload = payloads[s]
      payloads[s] = nil
      freeSlots.append(top.slot)
      if lane < 0 { rootIsVacant = true } else { _ = lanes[lane].popFront() }
      if let event = payload {
        _count -= 1
        return (top.time, event)
      }
    }
  }

  /// Removes every pending event, keeping the storage.
  @inlinable public mutating func removeAll() {
    settle()
    while let top = popEntry() {
      payloads[Int(top.slot)] = nil
      freeSlots.append(top.slot)
    }
    for k in lanes.indices {
      while let top = lanes[k].popFront() {
        payloads[Int(top.slot)] = nil
        freeSlots.append(top.slot)
      }
    }
    _count = 0
  }

  // MARK: internals

  /// The lane for `entry`: the one whose last event comes latest but not after `entry` (a later
  /// event has a later sequence number, so equal time and priority keep FIFO order); nil when
  /// every lane's last event comes after it, or there are no lanes.
  @inlinable @inline(__always)
  func laneFor(_ entry: Entry) -> Int? {
    var chosen: Int?
    var latest = (time: -Double.infinity, priority: Int32.min)
    for k in laneTails.indices {
      let tail = laneTails[k]
      let fits = tail.time < entry.time || (tail.time == entry.time && tail.priority <= entry.priority)
      if fits && (chosen == nil || tail.time > latest.time || (tail.time == latest.time && tail.priority > latest.priority)) {
        chosen = k; latest = tail
      }
    }
    return chosen
  }

  /// The earliest of the heap's top (lane −1) and the lanes' fronts, cancelled ones included,
  /// by ``precedes(_:_:_:)``. The root must be settled.
  @inlinable @inline(__always)
  mutating func earliest() -> (entry: Entry, lane: Int)? {
    var best: (entry: Entry, lane: Int)? = heap.first.map { ($0, -1) }
    guard !lanes.isEmpty else { return best }
    let fronts = lanes
    sequences.withUnsafeMutableBufferPointer { seq in
      for k in fronts.indices {
        guard let f = fronts[k].front else { continue }
        if let b = best, !EventCalendar.precedes(f, b.entry, seq) { continue }
        best = (f, k)
      }
    }
    return best
  }

  /// Whether `a` comes before `b`: earlier time, then lower priority, then lower sequence.
  @inlinable @inline(__always)
  static func precedes(_ a: Entry, _ b: Entry, _ seq: UnsafeMutableBufferPointer<UInt64>) -> Bool {
    if a.time != b.time { return a.time < b.time }
    if a.priority != b.priority { return a.priority < b.priority }
    return seq[Int(a.slot)] < seq[Int(b.slot)]
  }

  /// Heaps up to this many entries (256 KB) sift down without branching on the child order.
  @usableFromInline static var branchFreeLimit: Int { 16_384 }

  /// Removes a vacant root for good (moving the last entry into its place).
  @inlinable @inline(__always)
  mutating func settle() {
    if rootIsVacant {
      rootIsVacant = false
      _ = popEntry()
    }
  }

  @inlinable @inline(__always)
  mutating func push(_ entry: Entry) {
    if rootIsVacant {
      rootIsVacant = false
      siftDownFromRoot(entry)
      return
    }
    heap.append(entry)
    sequences.withUnsafeMutableBufferPointer { seq in
      heap.withUnsafeMutableBufferPointer { b in
        var i = b.count &- 1
        while i > 0 {
          let parent = (i &- 1) >> 1
          let p = b[parent]
          if EventCalendar.precedes(entry, p, seq) { b[i] = p; i = parent } else { break }
        }
        b[i] = entry
      }
    }
  }

  @inlinable @inline(__always)
  mutating func popEntry() -> Entry? {
    guard let last = heap.popLast() else { return nil }
    if heap.isEmpty { return last }
    let top = heap[0]
    siftDownFromRoot(last)
    return top
  }

  /// Puts `entry` at the root (overwriting it) and restores the heap order below.
  @inlinable @inline(__always)
  mutating func siftDownFromRoot(_ last: Entry) {
    sequences.withUnsafeMutableBufferPointer { seq in
      heap.withUnsafeMutableBufferPointer { b in
        let n = b.count
        var i = 0
        if n <= EventCalendar.branchFreeLimit {
          // Which child is earlier is a coin toss the branch predictor cannot learn, so pick it
          // with a conditional move (ties, rare, aside); the heap is in cache, so the load that
          // then depends on the choice is cheap.
          while true {
            let l = 2 &* i &+ 1
            let r = l &+ 1
            if r >= n {
              if l < n && EventCalendar.precedes(b[l], last, seq) { b[i] = b[l]; i = l }
              break
            }
            let lt = b[l].time, rt = b[r].time
            let takeRight = lt != rt ? rt < lt : EventCalendar.precedes(b[r], b[l], seq)
            let m = l &+ Int(truncatingIfNeeded: UInt8(truncatingIfNeeded: takeRight ? 1 : 0))
            let child = b[m]
            if EventCalendar.precedes(child, last, seq) { b[i] = child; i = m } else { break }
          }
        } else {
          // A heap larger than the cache: a branch lets the CPU speculate down the likely child
          // and overlap the next level's cache miss, which beats a mispredict.
          while true {
            let l = 2 &* i &+ 1
            if l >= n { break }
            var m = l
            let r = l &+ 1
            if r < n && EventCalendar.precedes(b[r], b[l], seq) { m = r }
            let child = b[m]
            if EventCalendar.precedes(child, last, seq) { b[i] = child; i = m } else { break }
          }
        }
        b[i] = last
      }
    }
  }
}

extension EventCalendar: Sendable where Event: Sendable {}
extension EventCalendar.Entry: Sendable {}
