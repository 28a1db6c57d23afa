import Testing
@testable import Matching
@testable import Simulation

@Suite struct MatchingEngineTests {
  @Test func nonDepletingAskTradesAnyQuantityAndKeepsItsPlace() {
    let e = MatchingEngine(books: 1)
    let licence = e.rest(book: 0, id: 1, side: .sell, price: 50, quantity: 1, unlimited: true)
    e.rest(book: 0, id: 2, side: .sell, price: 50, quantity: 3)
    var left = e.match(book: 0, side: .buy, limit: 60, quantity: 1_000)
    #expect(left == 0)
    #expect(Array(e.fills) == [Fill(makerSlot: licence, makerID: 1, price: 50, quantity: 1_000, makerDone: false)])
    left = e.match(book: 0, side: .buy, limit: 60, quantity: 7)
    #expect(e.fills.count == 1 && e.fills[0].makerID == 1 && left == 0)
    #expect(e.restingCount(0) == 2)
    #expect(e.canFill(book: 0, side: .buy, limit: 50, quantity: 1 << 40))
    #expect(!e.canFill(book: 0, side: .buy, limit: 49, quantity: 1))
    #expect(e.cancel(licence) == 0 && !e.isResting(licence))
    left = e.match(book: 0, side: .buy, limit: 60, quantity: 5)
    #expect(left == 2 && e.fills.count == 1 && e.fills[0].makerID == 2 && e.fills[0].makerDone)
  }

  @Test func pricesFarOutsideTheWindowRecentreOrGrow() {
    let e = MatchingEngine(books: 1, initialSpan: 64)
    e.rest(book: 0, id: 1, side: .buy, price: 1_000, quantity: 1)
    e.rest(book: 0, id: 2, side: .sell, price: 5_000_000, quantity: 1)   // grows
    e.rest(book: 0, id: 3, side: .buy, price: 1, quantity: 1)
    #expect(e.bestBid(0) == 1_000 && e.bestAsk(0) == 5_000_000)
    let left = e.match(book: 0, side: .sell, limit: 1, quantity: 2)
    #expect(left == 0 && e.fills.map(\.price) == [1_000, 1])
    #expect(e.canRest(book: 0, price: 5_000_000 + Int64(MatchingEngine.maximumSpan)) == false)
    e.cancel(e.fills.isEmpty ? 0 : 1)
    let e2 = MatchingEngine(books: 1, initialSpan: 64)
    e2.rest(book: 0, id: 1, side: .buy, price: 100, quantity: 1)
    _ = e2.match(book: 0, side: .sell, limit: 100, quantity: 1)
    e2.rest(book: 0, id: 2, side: .sell, price: 9_000_000_000, quantity: 1)  // empty book: re-centre
    #expect(e2.bestAsk(0) == 9_000_000_000)
    BookInvariants.check(e, context: "far prices")
    BookInvariants.check(e2, context: "recentre")
  }

  /// A book whose prices drift far, never empty, re-centres its window in place: the levels
  /// arena stops growing once the window fits the book, and every order keeps its price.
  @Test func aDriftingBookRecentresInPlace() {
    let e = MatchingEngine(books: 1, initialSpan: 64)
    var mid: Int64 = 10_000
    var live: [(slot: Int32, price: Int64)] = []
    var grownTo = 0
    for step in 0..<20_000 {
      mid += 3  // drifts 60,000 ticks: hundreds of windows' widths
      let price = mid - Int64(step % 5)
      live.append((e.rest(book: 0, id: UInt64(step), side: .buy, price: price, quantity: 1), price))
      if live.count > 8 { e.cancel(live.removeFirst().slot) }
      if step == 1_000 { grownTo = e.levels.count }
    }
    #expect(e.levels.count == grownTo, "the window kept being copied: \(grownTo) → \(e.levels.count) levels")
    for o in live { #expect(e.price(o.slot) == o.price) }
    BookInvariants.check(e, context: "drift")
  }

  /// Quantity is conserved per order on random streams: accepted = traded + cancelled + resting.
  @Test(arguments: [UInt64(11), 12, 13])
  func quantityIsConservedPerOrder(seed: UInt64) throws {
    let (_, rows) = try OrderStreamFixtures.rows(DifferentialTests.randomStream(seed: seed, rows: 20_000, instruments: 2))
    let p = OrderStreamProcessor()
    var accepted: [UInt64: Int64] = [:], traded: [UInt64: Int64] = [:], cancelled: [UInt64: Int64] = [:]
    var replaced: [UInt64: Int64] = [:]
    for row in rows {
      p.process(row)
      for t in p.trades { traded[t.buyKey, default: 0] += t.quantity; traded[t.sellKey, default: 0] += t.quantity }
      for e in p.events {
        guard let key = row.idKey, case .integer(let q) = e.quantity else { continue }
        switch (e.kind, e.detail) {
        case (.accept, _): accepted[key] = q
        case (.cancel, _): cancelled[key, default: 0] += q
        case (.replace, _):
          // a replace sets the open quantity: account for it as cancelling the old open and accepting anew
          let tradedSoFar = (traded[key] ?? 0) - p.trades.filter { $0.buyKey == key || $0.sellKey == key }.reduce(0) { $0 + $1.quantity }
          let openBefore = (accepted[key] ?? 0) + (replaced[key] ?? 0) - tradedSoFar - (cancelled[key] ?? 0)
          replaced[key, default: 0] += q - openBefore
        default: break
        }
      }
      p.clearOutput()
    }
    var resting: [UInt64: Int64] = [:]
    for b in 0..<p.engine.bookCount {
      for level in p.engine.depth(Int32(b), side: .buy) + p.engine.depth(Int32(b), side: .sell) {
        for o in level.orders { resting[o.id] = o.quantity }
      }
    }
    for (key, q) in accepted {
      let total = (traded[key] ?? 0) + (cancelled[key] ?? 0) + (resting[key] ?? 0)
      #expect(q + (replaced[key] ?? 0) == total, "order \(key): accepted \(q) + replaced \(replaced[key] ?? 0) vs \(total)")
    }
  }

  @Test func idTableRemembersSidesAndSlotsAcrossGrowth() {
    let t = OrderIDTable(capacity: 4)
    var rng = Xoshiro256StarStar(seed: 6)
    var keys: [UInt64] = [0, 1, .max]
    for _ in 0..<20_000 { keys.append(rng.next()) }
    for (i, k) in keys.enumerated() {
      let (fresh, index) = t.insert(k, hash: orderIDHash(k), side: i % 3 == 0 ? .sell : .buy)
      #expect(fresh && t.slot(at: index) == -1)
      if i % 2 == 0 { t.setSlot(Int32(i), at: index) }
    }
    for (i, k) in keys.enumerated() {
      let index = t.find(k, hash: orderIDHash(k))
      #expect(index >= 0 && t.side(at: index) == (i % 3 == 0 ? .sell : .buy))
      #expect(t.slot(at: index) == (i % 2 == 0 ? Int32(i) : -1), "slot of key \(i) lost in growth")
      let again = t.insert(k, hash: orderIDHash(k), side: .buy)
      #expect(!again.inserted && again.index == index)
    }
    #expect(t.find(2, hash: orderIDHash(2)) == -1 && t.count == keys.count)
  }
}
