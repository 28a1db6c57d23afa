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
  /// Whether ``events`` is filled. Turn it off when nobody reads the events (replay without
  /// `--events`, the benchmark): trades, rejects' effects and the books are the same either way.
  public var recordsEvents = true
  /// Trades so far (the last trade id).
  public private(set) var tradeCount = 0
  /// Slots of the resting orders by id (small: as many entries as the books hold).
  let resting = RestingOrderMap()
  /// Every id accepted so far, with its side (large: one 8-byte key per accepted order).
  let accepted: AcceptedOrderIDs

  /// A processor over a fresh engine; `expectedOrders` sizes the table of accepted ids.
  public init(expectedOrders: Int = 1024) {
    engine = MatchingEngine(books: 1)
    accepted = AcceptedOrderIDs(capacity: expectedOrders)
    trades.reserveCapacity(64); events.reserveCapacity(64)
  }

  /// Rows per ``warm(_:)`` batch that overlap their memory latency well on current CPUs.
  public static let batchSize = 32

  /// Prepares for processing `rows` soon: touches the memory their ids will be looked up in
  /// (the accepted-id table for new orders, the resting-order map for cancels and replaces)
  /// and returns a value derived from what it loaded. Calling this for the next
  /// batch of rows (a few dozen) before processing them one by one overlaps their cache misses
  /// in the table of accepted ids (hundreds of MB for a long stream); results do not change.
  /// Never inlined, so the loads stay even where a caller ignores the result.
  @inline(never)
  public func warm(_ rows: UnsafeBufferPointer<OrderRow>) -> UInt64 {
    // Addresses first, loads after, in a loop of a few instructions each: so every load of the
    // batch is in flight at once rather than as many as fit behind the first stalled one.
    withUnsafeTemporaryAllocation(of: UnsafeRawPointer.self, capacity: rows.count * 2) { addresses in
      var n = 0
      for row in rows {
        guard let key = row.idKey else { continue }
        if row.action == .new {
          addresses[n] = accepted.probeStart(key); n += 1
        }
        addresses[n] = resting.probeStart(key)  // a new order that rests is stored there
        n += 1
      }
      var sink: UInt64 = 0
      for i in 0..<n { sink ^= addresses[i].load(as: UInt64.self) }
      return sink
    }
  }

  /// Processes one row.
  public mutating func process(_ row: OrderRow) {
    guard let key = row.idKey else {
      emit(BookEvent(.reject, side: .asWritten, price: .asWritten, quantity: .asWritten, detail: .badOrderID))
      return
    }
    switch row.action {
    case .unknown:
      emit(BookEvent(.reject, side: .asWritten, price: .asWritten, quantity: .asWritten, detail: .badAction))
    case .new:
      processNew(row, key: key)
    case .cancel:
      processCancel(key: key)
    case .replace:
      processReplace(row, key: key)
    }
  }

  @inline(__always)
  mutating func emit(_ event: @autoclosure () -> BookEvent) {
    if recordsEvents { events.append(event()) }
  }

  mutating func reject(_ detail: BookEvent.Detail) {
    emit(BookEvent(.reject, side: .asWritten, price: .asWritten, quantity: .asWritten, detail: detail))
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
    guard accepted.insert(key, side: side) else {
      emit(BookEvent(.reject, side: .side(side), price: priceField, quantity: .integer(quantity), detail: .duplicateOrderID))
      return
    }
    emit(BookEvent(.accept, side: .side(side), price: priceField, quantity: .integer(quantity)))
    let book = row.instrument
    while engine.bookCount <= Int(book) { engine.addBook() }
    let limit = type == .limit ? price : (side == .buy ? Int64.max : Int64.min)
    if tif == .fok && !engine.canFill(book: book, side: side, limit: limit, quantity: quantity) {
      emit(BookEvent(.cancel, side: .side(side), price: priceField, quantity: .integer(quantity), detail: .fok))
      return
    }
    let remaining = matchAndRecord(book: book, side: side, limit: limit, quantity: quantity, key: key)
    if remaining == 0 {
      return
    } else if type == .market {
      emit(BookEvent(.cancel, side: .side(side), price: .empty, quantity: .integer(remaining), detail: .market))
    } else if tif == .ioc {
      emit(BookEvent(.cancel, side: .side(side), price: priceField, quantity: .integer(remaining), detail: .ioc))
    } else {
      restOrCancel(book: book, side: side, price: price, quantity: remaining, key: key)
    }
  }

  mutating func processCancel(key: UInt64) {
    guard let v = resting.remove(key) else {
      if let side = accepted.side(of: key) {
        emit(BookEvent(.reject, side: .side(side), price: .empty, quantity: .empty, detail: .notActive))
      } else {
        emit(BookEvent(.reject, side: .empty, price: .empty, quantity: .empty, detail: .unknownOrder))
      }
      return
    }
    let side = engine.side(v), price = engine.price(v)
    let removed = engine.cancel(v)
    emit(BookEvent(.cancel, side: .side(side), price: .integer(price), quantity: .integer(removed), detail: .user))
  }

  mutating func processReplace(_ row: OrderRow, key: UInt64) {
    guard case .value(let quantity) = row.quantity, quantity >= 1 else {
      emit(BookEvent(.reject, side: .empty, price: .asWritten, quantity: .asWritten, detail: .badQty))
      return
    }
    var newPrice: Int64?
    switch row.price {
    case .empty: newPrice = nil
    case .value(let p) where p >= 1: newPrice = p
    default:
      emit(BookEvent(.reject, side: .empty, price: .asWritten, quantity: .asWritten, detail: .badPrice))
      return
    }
    let priceField: BookEvent.Field = newPrice.map { .integer($0) } ?? .empty
    guard let v = resting.slot(of: key) else {
      if let side = accepted.side(of: key) {
        emit(BookEvent(.reject, side: .side(side), price: priceField, quantity: .integer(quantity), detail: .notActive))
      } else {
        emit(BookEvent(.reject, side: .empty, price: priceField, quantity: .integer(quantity), detail: .unknownOrder))
      }
      return
    }
    let side = engine.side(v), oldPrice = engine.price(v), open = engine.openQuantity(v), book = engine.book(v)
    let price = newPrice ?? oldPrice
    if price == oldPrice && quantity < open {
      engine.reduce(v, to: quantity)
      emit(BookEvent(.replace, side: .side(side), price: .integer(price), quantity: .integer(quantity), detail: .keptPriority))
      return
    }
    engine.cancel(v)
    resting.remove(key)
    emit(BookEvent(.replace, side: .side(side), price: .integer(price), quantity: .integer(quantity), detail: .lostPriority))
    let remaining = matchAndRecord(book: book, side: side, limit: price, quantity: quantity, key: key)
    if remaining > 0 {
      restOrCancel(book: book, side: side, price: price, quantity: remaining, key: key)
    }
  }

  mutating func restOrCancel(book: Int32, side: Side, price: Int64, quantity: Int64, key: UInt64) {
    if engine.canRest(book: book, price: price) {
      resting.set(engine.rest(book: book, id: key, side: side, price: price, quantity: quantity), for: key)
    } else {
      emit(BookEvent(.cancel, side: .side(side), price: .integer(price), quantity: .integer(quantity), detail: .priceRange))
    }
  }

  mutating func matchAndRecord(book: Int32, side: Side, limit: Int64, quantity: Int64, key: UInt64) -> Int64 {
    let remaining = engine.match(book: book, side: side, limit: limit, quantity: quantity)
    for f in engine.fills {
      tradeCount += 1
      trades.append(Trade(tradeID: tradeCount, buyKey: side == .buy ? key : f.makerID, sellKey: side == .sell ? key : f.makerID,
                          price: f.price, quantity: f.quantity, aggressor: side))
      if f.makerDone { resting.remove(f.makerID) }
    }
    return remaining
  }
}
