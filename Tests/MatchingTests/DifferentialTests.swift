import Testing
@testable import Matching
@testable import Simulation

/// Fast processor vs the reference on seeded random streams covering every action, type and tif,
/// valid and invalid rows: identical trades and events; and book invariants after every row.
@Suite struct DifferentialTests {
  static func randomStream(seed: UInt64, rows: Int, instruments: Int) -> String {
    var rng = Xoshiro256StarStar(seed: seed)
    func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
    var text = "ts,action,order_id,side,type,tif,price,qty,owner,instrument\n"
    var nextID = 1
    for ts in 0..<rows {
      let r = rng.nextUnitDouble()
      let action = r < 0.6 ? "new" : r < 0.8 ? "cancel" : r < 0.97 ? "replace" : pick(["bogus", "NEW", ""])
      let id: String = action == "new" && rng.nextUnitDouble() < 0.97 ? { nextID += 1; return String(nextID - 1) }()
        : rng.nextUnitDouble() < 0.01 ? "" : String(1 + Int(rng.next() % UInt64(max(1, nextID + 2))))
      let side = rng.nextUnitDouble() < 0.98 ? pick(["buy", "sell"]) : pick(["", "b", "SELL"])
      let type = rng.nextUnitDouble() < 0.98 ? (rng.nextUnitDouble() < 0.85 ? "limit" : "market") : "stop"
      let tif = rng.nextUnitDouble() < 0.98 ? pick(["gtc", "gtc", "gtc", "ioc", "fok"]) : "day"
      var price = String(95 + Int(rng.next() % 11))
      if type == "market" { price = rng.nextUnitDouble() < 0.97 ? "" : "100" }
      if action == "replace" { price = rng.nextUnitDouble() < 0.4 ? "" : price }
      if rng.nextUnitDouble() < 0.02 { price = pick(["0", "-3", "x", "1.5"]) }
      var qty = String(1 + Int(rng.next() % 9))
      if rng.nextUnitDouble() < 0.02 { qty = pick(["0", "", "-1", "two"]) }
      let inst = "I\(rng.next() % UInt64(instruments))"
      text += "\(ts),\(action),\(id),\(side),\(type),\(tif),\(price),\(qty),o\(rng.next() % 5),\(inst)\n"
    }
    return text
  }

  @Test(arguments: [(UInt64(1), 1), (UInt64(2), 3), (UInt64(3), 1), (UInt64(4), 7)])
  func fastMatchesReference(seed: UInt64, instruments: Int) throws {
    let (reader, rows) = try OrderStreamFixtures.rows(Self.randomStream(seed: seed, rows: 25_000, instruments: instruments))
    let fast = OrderStreamProcessor()
    var reference = ReferenceProcessor()
    var kinds = Set<String>()
    for row in rows {
      fast.process(row)
      reference.process(row)
      #expect(fast.trades.elementsEqual(reference.trades), "seed \(seed) line \(row.line): trades differ")
      #expect(fast.events.elementsEqual(reference.events), "seed \(seed) line \(row.line): events differ")
      if !fast.events.elementsEqual(reference.events) || !fast.trades.elementsEqual(reference.trades) { return }
      for e in fast.events { kinds.insert("\(e.kind)-\(e.detail.rawValue)") }
      fast.clearOutput(); reference.trades.removeAll(); reference.events.removeAll()
      BookInvariants.check(fast.engine, context: "seed \(seed) line \(row.line)")
    }
    // the stream exercised every rule
    for k in ["accept-", "reject-bad_side", "reject-bad_type", "reject-bad_tif", "reject-bad_qty", "reject-bad_price",
              "reject-duplicate_order_id", "reject-bad_action", "reject-bad_order_id", "reject-unknown_order",
              "reject-not_active", "cancel-user", "cancel-fok", "cancel-ioc", "cancel-market",
              "replace-kept_priority", "replace-lost_priority"] {
      #expect(kinds.contains(k), "seed \(seed): no \(k) event")
    }
    _ = reader
  }
}

extension DifferentialTests {
  /// The batch entry point (warm a batch's id lookups, then process its rows) produces exactly
  /// the trades and events of processing row by row, and says which row produced which.
  @Test func batchesMatchRowByRow() throws {
    let (_, rows) = try OrderStreamFixtures.rows(Self.randomStream(seed: 9, rows: 20_000, instruments: 3))
    let single = OrderStreamProcessor(), batched = OrderStreamProcessor()
    var perRow: [(trades: [Trade], events: [BookEvent])] = []
    for row in rows {
      single.process(row)
      perRow.append((Array(single.trades), Array(single.events)))
      single.clearOutput()
    }
    rows.withUnsafeBufferPointer { all in
      for start in stride(from: 0, to: all.count, by: 1_000) {
        batched.process(UnsafeBufferPointer(rebasing: all[start..<min(start + 1_000, all.count)]))
        var t = 0, e = 0
        for i in 0..<min(1_000, all.count - start) {
          let end = batched.outputEnd(ofRow: i)
          #expect(Array(batched.trades[t..<end.trades]) == perRow[start + i].trades, "row \(start + i): trades differ")
          #expect(Array(batched.events[e..<end.events]) == perRow[start + i].events, "row \(start + i): events differ")
          t = end.trades; e = end.events
        }
        #expect(t == batched.trades.count && e == batched.events.count)
        batched.clearOutput()
      }
    }
    #expect(batched.tradeCount == single.tradeCount && single.tradeCount > 1_000)
  }

  /// Rows stay small: the processor streams through millions of them.
  @Test func orderRowsAreCompact() {
    #expect(MemoryLayout<OrderRow>.stride == 56)
  }
}

/// Checks after a command: the book is not crossed, every level's FIFO links are consistent
/// (each order's `prev` is the one before it, the tail is the last), every order records its own
/// level, book and side, and the best prices are the extreme occupied levels.
enum BookInvariants {
  static func check(_ engine: MatchingEngine, context: String) {
    for b in 0..<engine.bookCount {
      let book = Int32(b)
      let bids = engine.depth(book, side: .buy), asks = engine.depth(book, side: .sell)
      if let bb = engine.bestBid(book), let ba = engine.bestAsk(book) { #expect(bb < ba, "\(context): crossed book \(bb) >= \(ba)") }
      #expect(engine.bestBid(book) == bids.first?.price, "\(context): best bid is not the highest bid level")
      #expect(engine.bestAsk(book) == asks.first?.price, "\(context): best ask is not the lowest ask level")
      #expect(zip(bids, bids.dropFirst()).allSatisfy { $0.price > $1.price }, "\(context): bids out of order")
      #expect(zip(asks, asks.dropFirst()).allSatisfy { $0.price < $1.price }, "\(context): asks out of order")
      let count = bids.reduce(0) { $0 + $1.orders.count } + asks.reduce(0) { $0 + $1.orders.count }
      #expect(count == engine.restingCount(book), "\(context): resting count \(engine.restingCount(book)) vs \(count) linked")
      let raw = engine.books[b]
      if raw.hasWindow {
        for (side, levels) in [(Side.buy, bids), (Side.sell, asks)] {
          for (price, _) in levels {
            let index = Int(price - raw.priceBase)
            let level = engine.levels[raw.levelStart + index]
            var previous: Int32 = -1, s = level.head
            while s >= 0 {
              let o = engine.orders[Int(s)]
              #expect(o.prev == previous && Int(o.level) == index && o.book == book, "\(context): order links at \(price)")
              #expect(engine.side(s) == side && engine.price(s) == price, "\(context): order side or price at \(price)")
              previous = s; s = o.next
            }
            #expect(level.tail == previous, "\(context): level \(price) tail")
          }
        }
      }
    }
  }
}
