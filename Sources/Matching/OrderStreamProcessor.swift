/// The order-stream contract of ARCHITECTURE.md ("Order streams (replay)") on top of a
/// ``MatchingEngine``: validation in the documented order, `duplicate_order_id`,
/// `unknown_order` and `not_active` by order id, `gtc`/`ioc`/`fok` and market orders, cancel,
/// and replace that keeps priority only for a smaller quantity at the same price.
///
/// Each ``process(_:)`` call appends that row's trades and events to ``trades`` and ``events``;
/// the caller writes them out (with the row's ts and order id) and clears them. Rows are
/// processed strictly in order; nothing here reads a clock.
public struct OrderStreamProcessor {
  /// The books.
  public let engine: MatchingEngine
  /// Trades caused by the rows processed since the caller last cleared them.
  public var trades: ContiguousArray<Trade> = []
  /// Events of the rows processed since the caller last cleared them.
  public var events: ContiguousArray<BookEvent> = []
  /// Trades so far (the last trade id).
  public private(set) var tradeCount = 0
  var ids: OrderIDMap

  /// A processor over a fresh engine; `expectedOrders` sizes the id table.
  public init(expectedOrders: Int = 1024) {
    engine = MatchingEngine(books: 1)
    ids = OrderIDMap(capacity: expectedOrders)
    trades.reserveCapacity(64); events.reserveCapacity(64)
  }

  /// The id-map value of an order that no longer rests, remembering its side.
  static func inactive(_ side: Side) -> Int32 { side == .buy ? -1 : -2 }
  static func sideOfInactive(_ v: Int32) -> Side { v == -1 ? .buy : .sell }

  /// Processes one row.
  public mutating func process(_ row: OrderRow) {
    guard let key = row.idKey else {
      events.append(BookEvent(.reject, side: .asWritten, price: .asWritten, quantity: .asWritten, detail: .badOrderID))
      return
    }
    switch row.action {
    case .unknown:
      events.append(BookEvent(.reject, side: .asWritten, price: .asWritten, quantity: .asWritten, detail: .badAction))
    case .new:
      processNew(row, key: key)
    case .cancel:
      processCancel(key: key)
    case .replace:
      processReplace(row, key: key)
    }
  }

  mutating func reject(_ detail: BookEvent.Detail) {
    events.append(BookEvent(.reject, side: .asWritten, price: .asWritten, quantity: .asWritten, detail: detail))
  }

  mutating func processNew(_ row: OrderRow, key: UInt64) {
    guard let side = row.side else { return reject(.badSide) }
    guard let type = row.type else { return reject(.badType) }
    guard let tif = row.tif else { return reject(.badTif) }
    guard case .value(let quantity) = row.quantity, quantity >= 1 else { return reject(.badQty) }
    var price: Int64 = 0
    if type == .limit {
      guard case .value(let p) = row.price, p >= 1 else { return reject(.badPrice) }
      price = p
    } else {
      guard row.price == .empty else { return reject(.badPrice) }
    }
    let priceField: BookEvent.Field = type == .limit ? .integer(price) : .empty
    if ids.value(for: key) != nil {
      events.append(BookEvent(.reject, side: .side(side), price: priceField, quantity: .integer(quantity), detail: .duplicateOrderID))
      return
    }
    events.append(BookEvent(.accept, side: .side(side), price: priceField, quantity: .integer(quantity)))
    let book = row.instrument
    while engine.bookCount <= Int(book) { engine.addBook() }
    let limit = type == .limit ? price : (side == .buy ? Int64.max : Int64.min)
    if tif == .fok && !engine.canFill(book: book, side: side, limit: limit, quantity: quantity) {
      events.append(BookEvent(.cancel, side: .side(side), price: priceField, quantity: .integer(quantity), detail: .fok))
      ids.set(Self.inactive(side), for: key)
      return
    }
    let remaining = matchAndRecord(book: book, side: side, limit: limit, quantity: quantity, key: key)
    if remaining == 0 {
      ids.set(Self.inactive(side), for: key)
    } else if type == .market {
      events.append(BookEvent(.cancel, side: .side(side), price: .empty, quantity: .integer(remaining), detail: .market))
      ids.set(Self.inactive(side), for: key)
    } else if tif == .ioc {
      events.append(BookEvent(.cancel, side: .side(side), price: priceField, quantity: .integer(remaining), detail: .ioc))
      ids.set(Self.inactive(side), for: key)
    } else {
      restOrCancel(book: book, side: side, price: price, quantity: remaining, key: key)
    }
  }

  mutating func processCancel(key: UInt64) {
    guard let v = ids.value(for: key) else {
      events.append(BookEvent(.reject, side: .empty, price: .empty, quantity: .empty, detail: .unknownOrder))
      return
    }
    guard v >= 0 else {
      events.append(BookEvent(.reject, side: .side(Self.sideOfInactive(v)), price: .empty, quantity: .empty, detail: .notActive))
      return
    }
    let side = engine.side(v), price = engine.price(v)
    let removed = engine.cancel(v)
    events.append(BookEvent(.cancel, side: .side(side), price: .integer(price), quantity: .integer(removed), detail: .user))
    ids.set(Self.inactive(side), for: key)
  }

  mutating func processReplace(_ row: OrderRow, key: UInt64) {
    guard case .value(let quantity) = row.quantity, quantity >= 1 else {
      events.append(BookEvent(.reject, side: .empty, price: .asWritten, quantity: .asWritten, detail: .badQty))
      return
    }
    var newPrice: Int64?
    switch row.price {
    case .empty: newPrice = nil
    case .value(let p) where p >= 1: newPrice = p
    default:
      events.append(BookEvent(.reject, side: .empty, price: .asWritten, quantity: .asWritten, detail: .badPrice))
      return
    }
    let priceField: BookEvent.Field = newPrice.map { .integer($0) } ?? .empty
    guard let v = ids.value(for: key) else {
      events.append(BookEvent(.reject, side: .empty, price: priceField, quantity: .integer(quantity), detail: .unknownOrder))
      return
    }
    guard v >= 0 else {
      events.append(BookEvent(.reject, side: .side(Self.sideOfInactive(v)), price: priceField, quantity: .integer(quantity), detail: .notActive))
      return
    }
    let side = engine.side(v), oldPrice = engine.price(v), open = engine.openQuantity(v), book = engine.book(v)
    let price = newPrice ?? oldPrice
    if price == oldPrice && quantity < open {
      engine.reduce(v, to: quantity)
      events.append(BookEvent(.replace, side: .side(side), price: .integer(price), quantity: .integer(quantity), detail: .keptPriority))
      return
    }
    engine.cancel(v)
    events.append(BookEvent(.replace, side: .side(side), price: .integer(price), quantity: .integer(quantity), detail: .lostPriority))
    let remaining = matchAndRecord(book: book, side: side, limit: price, quantity: quantity, key: key)
    if remaining == 0 {
      ids.set(Self.inactive(side), for: key)
    } else {
      restOrCancel(book: book, side: side, price: price, quantity: remaining, key: key)
    }
  }

  mutating func restOrCancel(book: Int32, side: Side, price: Int64, quantity: Int64, key: UInt64) {
    if engine.canRest(book: book, price: price) {
      ids.set(engine.rest(book: book, id: key, side: side, price: price, quantity: quantity), for: key)
    } else {
      events.append(BookEvent(.cancel, side: .side(side), price: .integer(price), quantity: .integer(quantity), detail: .priceRange))
      ids.set(Self.inactive(side), for: key)
    }
  }

  mutating func matchAndRecord(book: Int32, side: Side, limit: Int64, quantity: Int64, key: UInt64) -> Int64 {
    let remaining = engine.match(book: book, side: side, limit: limit, quantity: quantity)
    for f in engine.fills {
      tradeCount += 1
      trades.append(Trade(tradeID: tradeCount, buyKey: side == .buy ? key : f.makerID, sellKey: side == .sell ? key : f.makerID,
                          price: f.price, quantity: f.quantity, aggressor: side))
      if f.makerDone { ids.set(Self.inactive(side.opposite), for: f.makerID) }
    }
    return remaining
  }
}
