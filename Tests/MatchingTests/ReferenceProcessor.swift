@testable import Matching

/// An obviously correct implementation of the order-stream contract for differential tests:
/// per book, bids and asks are plain arrays kept in priority order; ids live in a dictionary.
/// Nothing here is shared with the fast engine except the row and event types.
struct ReferenceProcessor {
  struct Resting { var id: UInt64; var side: Side; var price: Int64; var open: Int64; var book: Int32 }
  var bids: [Int32: [Resting]] = [:]   // best first: price desc, then time
  var asks: [Int32: [Resting]] = [:]   // best first: price asc, then time
  var status: [UInt64: (side: Side, resting: Bool)] = [:]
  var trades: [Trade] = []
  var events: [BookEvent] = []
  var tradeCount = 0

  mutating func process(_ row: OrderRow) {
    guard let key = row.idKey else {
      return events.append(BookEvent(.reject, side: .asWritten, price: .asWritten, quantity: .asWritten, detail: .badOrderID))
    }
    switch row.action {
    case .unknown: events.append(BookEvent(.reject, side: .asWritten, price: .asWritten, quantity: .asWritten, detail: .badAction))
    case .new: new(row, key)
    case .cancel: cancel(key)
    case .replace: replace(row, key)
    }
  }

  var bookOf: [UInt64: Int32] = [:]

  func find(_ key: UInt64) -> (book: Int32, side: Side, index: Int)? {
    guard let s = status[key], s.resting, let book = bookOf[key] else { return nil }
    let list = s.side == .buy ? bids[book]! : asks[book]!
    return list.firstIndex(where: { $0.id == key }).map { (book, s.side, $0) }
  }

  mutating func new(_ row: OrderRow, _ key: UInt64) {
    func reject(_ d: BookEvent.Detail) { events.append(BookEvent(.reject, side: .asWritten, price: .asWritten, quantity: .asWritten, detail: d)) }
    guard let side = row.side else { return reject(.badSide) }
    guard let type = row.type else { return reject(.badType) }
    guard let tif = row.tif else { return reject(.badTif) }
    guard let q = row.quantity.value, q >= 1 else { return reject(.badQty) }
    let price: Int64? = type == .limit ? row.price.value : nil
    if type == .limit { guard let p = price, p >= 1 else { return reject(.badPrice) } }
    if type == .market && row.price != .empty { return reject(.badPrice) }
    let pf: BookEvent.Field = price.map { .integer($0) } ?? .empty
    if status[key] != nil { return events.append(BookEvent(.reject, side: .side(side), price: pf, quantity: .integer(q), detail: .duplicateOrderID)) }
    events.append(BookEvent(.accept, side: .side(side), price: pf, quantity: .integer(q)))
    status[key] = (side, false)
    if tif == .fok && available(book: row.instrument, side: side, limit: price) < q {
      return events.append(BookEvent(.cancel, side: .side(side), price: pf, quantity: .integer(q), detail: .fok))
    }
    let left = execute(book: row.instrument, side: side, limit: price, quantity: q, key: key)
    if left == 0 { return }
    if type == .market { return events.append(BookEvent(.cancel, side: .side(side), price: .empty, quantity: .integer(left), detail: .market)) }
    if tif == .ioc { return events.append(BookEvent(.cancel, side: .side(side), price: pf, quantity: .integer(left), detail: .ioc)) }
    insert(Resting(id: key, side: side, price: price!, open: left, book: row.instrument))
  }

  mutating func cancel(_ key: UInt64) {
    guard let s = status[key] else { return events.append(BookEvent(.reject, side: .empty, price: .empty, quantity: .empty, detail: .unknownOrder)) }
    guard let (book, side, i) = find(key) else {
      return events.append(BookEvent(.reject, side: .side(s.side), price: .empty, quantity: .empty, detail: .notActive))
    }
    let o = side == .buy ? bids[book]!.remove(at: i) : asks[book]!.remove(at: i)
    status[key] = (side, false)
    events.append(BookEvent(.cancel, side: .side(side), price: .integer(o.price), quantity: .integer(o.open), detail: .user))
  }

  mutating func replace(_ row: OrderRow, _ key: UInt64) {
    guard let q = row.quantity.value, q >= 1 else {
      return events.append(BookEvent(.reject, side: .empty, price: .asWritten, quantity: .asWritten, detail: .badQty))
    }
    var newPrice: Int64?
    if row.price != .empty {
      guard let p = row.price.value, p >= 1 else {
        return events.append(BookEvent(.reject, side: .empty, price: .asWritten, quantity: .asWritten, detail: .badPrice))
      }
      newPrice = p
    }
    let pf: BookEvent.Field = newPrice.map { .integer($0) } ?? .empty
    guard let s = status[key] else { return events.append(BookEvent(.reject, side: .empty, price: pf, quantity: .integer(q), detail: .unknownOrder)) }
    guard let (book, side, i) = find(key) else {
      return events.append(BookEvent(.reject, side: .side(s.side), price: pf, quantity: .integer(q), detail: .notActive))
    }
    var o = side == .buy ? bids[book]![i] : asks[book]![i]
    let price = newPrice ?? o.price
    if price == o.price && q < o.open {
      o.open = q
      if side == .buy { bids[book]![i] = o } else { asks[book]![i] = o }
      return events.append(BookEvent(.replace, side: .side(side), price: .integer(price), quantity: .integer(q), detail: .keptPriority))
    }
    if side == .buy { bids[book]!.remove(at: i) } else { asks[book]!.remove(at: i) }
    status[key] = (side, false)
    events.append(BookEvent(.replace, side: .side(side), price: .integer(price), quantity: .integer(q), detail: .lostPriority))
    let left = execute(book: book, side: side, limit: price, quantity: q, key: key)
    if left > 0 { insert(Resting(id: key, side: side, price: price, open: left, book: book)) }
  }

  func available(book: Int32, side: Side, limit: Int64?) -> Int64 {
    let list = side == .buy ? asks[book] ?? [] : bids[book] ?? []
    return list.filter { o in limit.map { side == .buy ? o.price <= $0 : o.price >= $0 } ?? true }.reduce(0) { $0 + $1.open }
  }

  mutating func execute(book: Int32, side: Side, limit: Int64?, quantity: Int64, key: UInt64) -> Int64 {
    var left = quantity
    while left > 0 {
      var list = side == .buy ? asks[book] ?? [] : bids[book] ?? []
      guard var maker = list.first else { break }
      if let limit, side == .buy ? maker.price > limit : maker.price < limit { break }
      let q = min(left, maker.open)
      tradeCount += 1
      trades.append(Trade(tradeID: tradeCount, buyKey: side == .buy ? key : maker.id, sellKey: side == .sell ? key : maker.id,
                          price: maker.price, quantity: q, aggressor: side))
      left -= q
      maker.open -= q
      if maker.open == 0 { list.removeFirst(); status[maker.id] = (maker.side, false) } else { list[0] = maker }
      if side == .buy { asks[book] = list } else { bids[book] = list }
    }
    return left
  }

  mutating func insert(_ o: Resting) {
    status[o.id] = (o.side, true)
    bookOf[o.id] = o.book
    if o.side == .buy {
      var list = bids[o.book] ?? []
      let i = list.firstIndex { $0.price < o.price } ?? list.count
      list.insert(o, at: i); bids[o.book] = list
    } else {
      var list = asks[o.book] ?? []
      let i = list.firstIndex { $0.price > o.price } ?? list.count
      list.insert(o, at: i); asks[o.book] = list
    }
  }
}
