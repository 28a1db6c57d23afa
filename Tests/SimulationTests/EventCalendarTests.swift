import Testing
@testable import Simulation

@Suite struct EventCalendarTests {
  @Test func popsInTimeThenPriorityThenFIFOOrder() {
    var c = EventCalendar<String>()
    c.schedule("late", at: 5)
    c.schedule("b-first-in", at: 1)
    c.schedule("urgent", at: 1, priority: -1)
    c.schedule("b-second-in", at: 1)
    c.schedule("low", at: 1, priority: 3)
    c.schedule("early", at: 0.5)
    var order: [String] = []
    while let (_, e) = c.pop() { order.append(e) }
    #expect(order == ["early", "urgent", "b-first-in", "b-second-in", "low", "late"])
    #expect(c.isEmpty)
  }

  @Test func cancelRemovesOnlyThatEventAndStaleHandlesDoNothing() {
    var c = EventCalendar<Int>()
    let h1 = c.schedule(1, at: 1)
    let h2 = c.schedule(2, at: 2)
    c.schedule(3, at: 3)
    do { let ok = c.cancel(h2); #expect(ok) }
    do { let ok = c.cancel(h2); #expect(!ok) }
    #expect(c.count == 2)
    do { let e = c.pop()?.event; #expect(e == 1) }
    do { let ok = c.cancel(h1); #expect(!ok) }  // already fired
    let h4 = c.schedule(4, at: 0.5)  // reuses a freed slot
    do { let ok = c.cancel(h2); #expect(!ok) }  // stale handle for the reused slot
    do { let e = c.pop()?.event; #expect(e == 4) }
    do { let e = c.pop()?.event; #expect(e == 3) }
    do { let e = c.pop(); #expect(e == nil) }
    do { let ok = c.cancel(h4); #expect(!ok) }
  }

  @Test func peekSkipsCancelledTop() {
    var c = EventCalendar<Int>()
    let h = c.schedule(1, at: 1)
    c.schedule(2, at: 2)
    c.cancel(h)
    let t = c.peekTime(); #expect(t == 2)
  }

  /// Property: against a sorted-array oracle, on random schedule/cancel/peek/pop streams, the calendar
  /// pops exactly the oracle's order and never goes back in time.
  @Test(arguments: 0..<20, [0, 1, 3])
  func matchesOracleOnRandomStreams(seed: UInt64, lanes: Int) {
    var rng = Xoshiro256StarStar(seed: seed)
    var c = EventCalendar<Int>(fifoLanes: lanes)
    var oracle: [(time: Double, priority: Int, seq: Int, id: Int)] = []
    var handles: [Int: EventHandle] = [:]
    var seq = 0, now = 0.0
    for step in 0..<3_000 {
      let r = rng.nextUnitDouble()
      if r < 0.5 {
        let t = now + Double(rng.next() % 8) / 2  // coarse times force ties
        let p = Int(rng.next() % 3) - 1
        handles[step] = c.schedule(step, at: t, priority: p)
        oracle.append((t, p, seq, step)); seq += 1
      } else if r < 0.65, !oracle.isEmpty {
        let victim = oracle.remove(at: Int(rng.next() % UInt64(oracle.count)))
        let ok = c.cancel(handles[victim.id]!); #expect(ok)
      } else if r < 0.72 {
        // Peeking right after a pop must settle the vacant root first.
        #expect(c.peekTime() == oracle.map(\.time).min(), "seed \(seed) step \(step)")
      } else {
        oracle.sort { ($0.time, $0.priority, $0.seq) < ($1.time, $1.priority, $1.seq) }
        let expected = oracle.isEmpty ? nil : oracle.removeFirst()
        let got = c.pop()
        #expect(got?.event == expected?.id, "seed \(seed) lanes \(lanes) step \(step)")
        if let got { #expect(got.time >= now); now = got.time }
      }
      #expect(c.count == oracle.count)
    }
  }

  /// Heaps above ``EventCalendar/branchFreeLimit`` sift down by the other loop: the same order,
  /// here against a sorted oracle, with a hold-like schedule after every other pop.
  @Test func largeHeapsPopInTheOraclesOrder() {
    var rng = Xoshiro256StarStar(seed: 99)
    var c = EventCalendar<Int>()
    var oracle: [(time: Double, priority: Int, seq: Int)] = []
    let n = EventCalendar<Int>.branchFreeLimit * 3
    var scheduled = 0
    func add(_ time: Double, _ priority: Int) {
      let key = (time, priority, scheduled)
      scheduled += 1
      c.schedule(key.2, at: time, priority: priority)
      var lo = 0, hi = oracle.count  // kept in descending order: binary search for the place
      while lo < hi {
        let mid = (lo + hi) / 2
        if (oracle[mid].time, oracle[mid].priority, oracle[mid].seq) > key { lo = mid + 1 } else { hi = mid }
      }
      oracle.insert((time, priority, key.2), at: lo)
    }
    for _ in 0..<n { add(Double(rng.next() % 5_000), Int(rng.next() % 3) - 1) }
    var pops = 0
    while let (time, id) = c.pop() {
      let expected = oracle.removeLast()
      #expect(id == expected.seq && time == expected.time, "pop \(pops)")
      if pops % 2 == 0 && pops < n { add(time + Double(rng.next() % 50), Int(rng.next() % 3) - 1) }
      pops += 1
    }
    #expect(oracle.isEmpty && pops == n + n / 2)
  }

  /// Property: a model-like stream — arrivals at random gaps, each scheduling two fixed-delay
  /// follow-ups (some cancelled), with ties — pops in the oracle's order with FIFO lanes, and the
  /// lanes keep the fixed-delay events out of the heap.
  @Test(arguments: [1, 2, 4])
  func fixedDelayEventsFillTheLanesInTheOraclesOrder(lanes: Int) {
    var rng = Xoshiro256StarStar(seed: UInt64(lanes))
    var c = EventCalendar<Int>(fifoLanes: lanes)
    var oracle: [(time: Double, priority: Int, seq: Int)] = []
    var handles: [Int: EventHandle] = [:]
    var seq = 0, now = 0.0, largestHeap = 0
    func add(_ t: Double, _ p: Int) {
      handles[seq] = c.schedule(seq, at: t, priority: p)
      oracle.append((t, p, seq)); seq += 1
    }
    add(0, 0)
    while let (time, id) = c.pop() {
      oracle.sort { ($0.time, $0.priority, $0.seq) < ($1.time, $1.priority, $1.seq) }
      let expected = oracle.removeFirst()
      #expect(id == expected.seq && time == expected.time && time >= now, "lanes \(lanes) event \(id)")
      now = time
      largestHeap = max(largestHeap, c.heap.count)
      if id % 3 == 0 && seq < 30_000 {   // an arrival: the next one, and two fixed-delay follow-ups
        add(now + Double(rng.next() % 4) / 4, 0)
        add(now + 60, Int(rng.next() % 2))
        add(now + 180, 0)
        if rng.next() % 5 == 0, let victim = oracle.last(where: { $0.seq != seq - 3 }), let h = handles[victim.seq] {
          if c.cancel(h) { oracle.removeAll { $0.seq == victim.seq } }
        }
      }
    }
    #expect(oracle.isEmpty && c.count == 0)
    if lanes >= 2 { #expect(largestHeap < 100, "the fixed-delay events stay out of the heap (largest heap \(largestHeap))") }
  }

  @Test func storageIsReusedInSteadyState() {
    var c = EventCalendar<Int>(capacity: 100)
    for i in 0..<100 { c.schedule(i, at: Double(i)) }
    let slots = c.payloads.count
    for i in 0..<100_000 {
      let (t, e) = c.pop()!
      c.schedule(e, at: t + 100 + Double(i % 7))
    }
    #expect(c.payloads.count == slots)
    #expect(c.heap.capacity < 256)
  }
}
