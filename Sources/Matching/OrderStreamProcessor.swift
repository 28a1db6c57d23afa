/// The order-stream contract of ARCHITECTURE.md ("Order streams (replay)") on top of a
/// ``MatchingEngine``: validation in the documented order, `duplicate_order_id`,
/// `unknown_order` and `not_active` by order id, `gtc`/`ioc`/`fok` and market orders, cancel,
/// and replace that keeps priority only for a smaller quantity at the same price.
///
/// Processing appends each row's trades and events to ``trades`` and ``events``; the caller
/// writes them out (with the row's ts and order id) and clears them. Rows are processed strictly
/// in order; nothing here reads a clock. A class: it owns manually managed buffers, and one
/// replay owns one processor.
public final class OrderStreamProcessor {
  /// The books.
  public let engine: MatchingEngine
  /// Trades caused by the rows processed since the output was last cleared (``clearOutput()``),
  /// in order. Valid until the next call that processes or clears.
  public var trades: UnsafeBufferPointer<Trade> { UnsafeBufferPointer(start: tradeBuffer.base, count: tradeBuffer.count) }
  /// Events of the rows processed since the output was last cleared, in order.
  @exclusivity(unchecked) public private(set) var events: ContiguousArray<BookEvent> = []
  /// Whether ``events`` is filled. Turn it off when nobody reads the events (replay without
  /// `--events`, the benchmark): trades, rejects' effects and the books are the same either way.
  @exclusivity(unchecked) public var recordsEvents = true
  /// Trades so far (the last trade id).
  @exclusivity(unchecked) public private(set) var tradeCount = 0
  /// Slots of the resting orders by id (small: as many entries as the books hold).
  let resting = RestingOrderMap()
  /// Every id accepted so far, with its side (large: one 8-byte key per accepted order).
  let accepted: AcceptedOrderIDs
  @exclusivity(unchecked) var tradeBuffer = RawBuffer<Trade>(capacity: 256)
  /// After ``process(_:)-(UnsafeBufferPointer<OrderRow>)``: for each row of the batch, the
  /// number of trades and events in the output once that row was done.
  @exclusivity(unchecked) var rowEnds = RawBuffer<RowEnd>(capacity: batchSize)
  /// The id hashes of the rows of the current batch (see ``warm(_:)``).
  @exclusivity(unchecked) var hashes = RawBuffer<Int>(capacity: batchSize)

  struct RowEnd { var trades: Int32, events: Int32 }

  /// A processor over a fresh engine; `expectedOrders` sizes the table of accepted ids.
  public init(expectedOrders: Int = 1024) {
    engine = MatchingEngine(books: 1)
    accepted = AcceptedOrderIDs(capacity: expectedOrders)
    events.reserveCapacity(64)
    _ = hashes.appendRepeating(0, count: Self.batchSize)
  }

  deinit { tradeBuffer.free(); rowEnds.free(); hashes.free() }

  /// Rows per batch whose memory is touched together by ``warm(_:)``: enough to overlap a few
  /// dozen cache misses on current CPUs.
  public static let batchSize = 32

  /// Forgets the trades and events produced so far (the caller has written them).
  public func clearOutput() {
    tradeBuffer.count = 0
    events.removeAll(keepingCapacity: true)
  }

  /// Processes one row; its trades and events are appended to ``trades`` and ``events``.
  public func process(_ row: OrderRow) {
    process(row, hash: row.idKey.map(orderIDHash) ?? 0)
  }

  /// Processes `rows` in order, appending their trades and events to ``trades`` and ``events``;
  /// ``outputEnd(ofRow:)`` then tells which of them each row produced. Rows go through in batches
  /// of ``batchSize`` whose id lookups are touched first (``warm(_:)``), so the cache misses of a
  /// long stream's id tables overlap. Equivalent to processing the rows one by one.
  public func process(_ rows: UnsafeBufferPointer<OrderRow>) {
    rowEnds.count = 0
    var start = 0
    while start < rows.count {
      let batch = UnsafeBufferPointer(rebasing: rows[start..<min(start + Self.batchSize, rows.count)])
      _ = warm(batch)
      for i in 0..<batch.count {
        process(batch[i], hash: hashes[i])
        rowEnds.append(RowEnd(trades: Int32(truncatingIfNeeded: tradeBuffer.count), events: Int32(truncatingIfNeeded: events.count)))
      }
      start += batch.count
    }
  }

  /// After ``process(_:)-(UnsafeBufferPointer<OrderRow>)`` (with no clearing since): how many
  /// trades and events the output held when row `i` of those rows was done.
  public func outputEnd(ofRow i: Int) -> (trades: Int, events: Int) {
    (Int(rowEnds[i].trades), Int(rowEnds[i].events))
  }

  /// Prepares for processing `rows` (at most ``batchSize``) soon: hashes their ids and touches
  /// the memory they will be looked up in (the accepted-id table for new orders, the
  /// resting-order map for every row) and returns a value derived from what it loaded. Issuing
  /// all of a batch's loads before processing its rows one by one overlaps their cache misses in
  /// the table of accepted ids (hundreds of MB for a long stream); results do not change.
  /// Never inlined, so the loads stay even where a caller ignores the result.
  @inline(never)
  public func warm(_ rows: UnsafeBufferPointer<OrderRow>) -> UInt64 {
    // Addresses first, loads after, in a loop of a few instructions each: so every load of the
    // batch is in flight at once rather than as many as fit behind the first stalled one.
    withUnsafeTemporaryAllocation(of: UnsafeRawPointer.self, capacity: rows.count * 2) { addresses in
      var n = 0
      let first = rows.baseAddress!
      for i in 0..<rows.count {
        let row = first + i
        guard row.pointee.hasID else { continue }
        let hash = orderIDHash(row.pointee.key)
        hashes[i] = hash
        if row.pointee.action == .new {
          addresses[n] = accepted.probeStart(hash: hash); n += 1
        }
        addresses[n] = resting.probeStart(hash: hash)  // a new order that rests is stored there
        n += 1
      }
      var sink: UInt64 = 0
      for i in 0..<n { sink ^= addresses[i].load(as: UInt64.self) }
      return sink
    }
  }

  /// Processes one row whose id hashes to `hash`.
  @inline(__always)
  func process(_ row: OrderRow, hash: Int) {
    guard let key = row.idKey else {
      emit(BookEvent(.reject, side: .asWritten, price: .asWritten, quantity: .asWritten, detail: .badOrderID))
      return
    }
    switch row.action {
    case .unknown:
      emit(BookEvent(.reject, side: .asWritten, price: .asWritten, quantity: .asWritten, detail: .badAction))
    case .new:
      processNew(row, key: key, hash: hash)
    case .cancel:
      processCancel(key: key, hash: hash)
    case .replace:
      processReplace(row, key: key, hash: hash)
    }
  }

  @inline(__always)
  func emit(_ event: @autoclosure () -> BookEvent) {
    if recordsEvents { events.append(event()) }
  }

  func reject(_ detail: BookEvent.Detail) {
    emit(BookEvent(.reject, side: .asWritten, price: .asWritten, quantity: .asWritten, detail: detail))
  }

  @inline(__always)
  func processNew(_ row: OrderRow, key: UInt64, hash: Int) {
    guard let side = row.side else { return reject(.badSide) }
    guard let type = row.type else { return reject(.badType) }
    guard let tif = row.tif else { return reject(.badTif) }
    let quantity = row.quantityValue
    guard row.quantityKind == .value, quantity >= 1 else { return reject(.badQty) }
    let price = row.priceValue  // 0 unless given
    if type == .limit {
      guard row.priceKind == .value, price >= 1 else { return reject(.badPrice) }
    } else {
      guard row.priceKind == .empty else { return reject(.badPrice) }
    }
    let priceField: BookEvent.Field = type == .limit ? .integer(price) : .empty
    guard accepted.insert(key, hash: hash, side: side) else {
      emit(BookEvent(.reject, side: .side(side), price: priceField, quantity: .integer(quantity), detail: .duplicateOrderID))
      return
    }
    emit(BookEvent(.accept, side: .side(side), price: priceField, quantity: .integer(quantity)))
    let book = row.instrument
    if _slowPath(engine.bookCount <= Int(book)) { while engine.bookCount <= Int(book) { engine.addBook() } }
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
      restOrCancel(book: book, side: side, price: price, quantity: remaining, key: key, hash: hash)
    }
  }

  @inline(__always)
  func processCancel(key: UInt64, hash: Int) {
    guard let v = resting.remove(key, hash: hash) else {
      if let side = accepted.side(of: key) {
        emit(BookEvent(.reject, side: .side(side), price: .empty, quantity: .empty, detail: .notActive))
      } else {
        emit(BookEvent(.reject, side: .empty, price: .empty, quantity: .empty, detail: .unknownOrder))
      }
      return
    }
    guard recordsEvents else { engine.cancel(v); return }
    let side = engine.side(v), price = engine.price(v)  // before the slot is freed
    let removed = engine.cancel(v)
    events.append(BookEvent(.cancel, side: .side(side), price: .integer(price), quantity: .integer(removed), detail: .user))
  }

  func processReplace(_ row: OrderRow, key: UInt64, hash: Int) {
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
    guard let v = resting.slot(of: key, hash: hash) else {
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
    resting.remove(key, hash: hash)
    emit(BookEvent(.replace, side: .side(side), price: .integer(price), quantity: .integer(quantity), detail: .lostPriority))
    let remaining = matchAndRecord(book: book, side: side, limit: price, quantity: quantity, key: key)
    if remaining > 0 {
      restOrCancel(book: book, side: side, price: price, quantity: remaining, key: key, hash: hash)
    }
  }

  @inline(__always)
  func restOrCancel(book: Int32, side: Side, price: Int64, quantity: Int64, key: UInt64, hash: Int) {
    if engine.canRest(book: book, price: price) {
      resting.set(engine.rest(book: book, id: key, side: side, price: price, quantity: quantity), for: key, hash: hash)
    } else {
      emit(BookEvent(.cancel, side: .side(side), price: .integer(price), quantity: .integer(quantity), detail: .priceRange))
    }
  }

  @inline(__always)
  func matchAndRecord(book: Int32, side: Side, limit: Int64, quantity: Int64, key: UInt64) -> Int64 {
    let remaining = engine.match(book: book, side: side, limit: limit, quantity: quantity)
    for f in engine.fills {
      tradeCount += 1
      tradeBuffer.append(Trade(tradeID: tradeCount, buyKey: side == .buy ? key : f.makerID, sellKey: side == .sell ? key : f.makerID,
                          price: f.price, quantity: f.quantity, aggressor: side))
      if f.makerDone { resting.remove(f.makerID, hash: orderIDHash(f.makerID)) }
    }
    return remaining
  }
}
