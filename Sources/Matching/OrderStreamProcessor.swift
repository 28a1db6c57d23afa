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
  /// Every id accepted so far, with its side and where it rests (one 16-byte entry per
  /// accepted order).
  let ids: OrderIDTable
  @exclusivity(unchecked) var tradeBuffer = RawBuffer<Trade>(capacity: 256)
  /// After ``process(_:)-(UnsafeBufferPointer<OrderRow>)``: for each row of the batch, the
  /// number of trades and events in the output once that row was done.
  @exclusivity(unchecked) var rowEnds = RawBuffer<RowEnd>(capacity: batchSize)
  /// The id hashes of the rows of the current batch (see ``warm(_:)``).
  @exclusivity(unchecked) var hashes = RawBuffer<Int>(capacity: batchSize)

  struct RowEnd { var trades: Int32, events: Int32 }

  /// A processor over a fresh engine; `expectedOrders` sizes the table of accepted ids.
  public init(expectedOrders: Int = 1024) {
    engine = MatchingEngine(books: 1, initialSpan: 256)
    ids = OrderIDTable(capacity: expectedOrders)
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
    withUnsafePointer(to: row) { process($0, hash: row.idKey.map(orderIDHash) ?? 0) }
  }

  /// Processes `rows` in order, appending their trades and events to ``trades`` and ``events``;
  /// ``outputEnd(ofRow:)`` then tells which of them each row produced. Rows go through in batches
  /// of ``batchSize`` whose id lookups are touched first (``warm(_:)``), so the cache misses of a
  /// long stream's id tables overlap. Equivalent to processing the rows one by one.
  public func process(_ rows: UnsafeBufferPointer<OrderRow>) {
    rowEnds.count = 0
    if rowEnds.capacity < rows.count { rowEnds.grow(to: rows.count) }
    let ends = rowEnds.base
    var start = 0
    while start < rows.count {
      let batch = UnsafeBufferPointer(rebasing: rows[start..<min(start + Self.batchSize, rows.count)])
      _ = warm(batch)
      for i in 0..<batch.count {
        process(batch.baseAddress! + i, hash: hashes[i])
        ends[start + i] = RowEnd(trades: Int32(truncatingIfNeeded: tradeBuffer.count), events: Int32(truncatingIfNeeded: events.count))
      }
      start += batch.count
    }
    rowEnds.count = rows.count
  }

  /// After ``process(_:)-(UnsafeBufferPointer<OrderRow>)`` (with no clearing since): how many
  /// trades and events the output held when row `i` of those rows was done.
  public func outputEnd(ofRow i: Int) -> (trades: Int, events: Int) {
    (Int(rowEnds[i].trades), Int(rowEnds[i].events))  // row i of the last batch call
  }

  /// Prepares for processing `rows` (at most ``batchSize``) soon: hashes their ids, touches the
  /// bucket of the id table each will be looked up in, and returns a value derived from what it
  /// loaded. Issuing all of a batch's loads before processing its rows one by one overlaps their
  /// cache misses in the id table (hundreds of MB for a long stream); results do not change.
  /// Never inlined, so the loads stay even where a caller ignores the result.
  @inline(never)
  func warm(_ rows: UnsafeBufferPointer<OrderRow>) -> UInt64 {
    precondition(rows.count <= Self.batchSize, "warm takes at most batchSize rows")
    // Addresses first, loads after, in a loop of a few instructions each: so every load of the
    // batch is in flight at once rather than as many as fit behind the first stalled one.
    return withUnsafeTemporaryAllocation(of: UnsafeRawPointer.self, capacity: rows.count) { addresses in
      guard let first = rows.baseAddress else { return UInt64(0) }
      var n = 0
      for i in 0..<rows.count {
        let row = first + i
        guard row.pointee.hasID else { continue }
        let hash = orderIDHash(row.pointee.key)
        hashes[i] = hash
        addresses[n] = ids.probeStart(hash: hash)
        n += 1
      }
      var sink: UInt64 = 0
      for i in 0..<n { sink ^= addresses[i].load(as: UInt64.self) }
      return sink
    }
  }

  /// Processes one row whose id hashes to `hash`.
  @inline(__always)
  func process(_ row: UnsafePointer<OrderRow>, hash: Int) {
    guard let key = row.pointee.idKey else {
      emit(BookEvent(.reject, side: .asWritten, price: .asWritten, quantity: .asWritten, detail: .badOrderID))
      return
    }
    switch row.pointee.action {
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
  func processNew(_ row: UnsafePointer<OrderRow>, key: UInt64, hash: Int) {
    guard let side = row.pointee.side else { return reject(.badSide) }
    guard let type = row.pointee.type else { return reject(.badType) }
    guard let tif = row.pointee.tif else { return reject(.badTif) }
    let quantity = row.pointee.quantityValue
    guard row.pointee.quantityKind == .value, quantity >= 1 else { return reject(.badQty) }
    let price = row.pointee.priceValue  // 0 unless given
    if type == .limit {
      guard row.pointee.priceKind == .value, price >= 1 else { return reject(.badPrice) }
    } else {
      guard row.pointee.priceKind == .empty else { return reject(.badPrice) }
    }
    let priceField: BookEvent.Field = type == .limit ? .integer(price) : .empty
    let (fresh, entry) = ids.insert(key, hash: hash, side: side)
    guard fresh else {
      emit(BookEvent(.reject, side: .side(side), price: priceField, quantity: .integer(quantity), detail: .duplicateOrderID))
      return
    }
    emit(BookEvent(.accept, side: .side(side), price: priceField, quantity: .integer(quantity)))
    let book = row.pointee.instrument
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
      restOrCancel(book: book, side: side, price: price, quantity: remaining, key: key, entry: entry)
    }
  }

  @inline(__always)
  func processCancel(key: UInt64, hash: Int) {
    let entry = ids.find(key, hash: hash)
    guard entry >= 0 else {
      emit(BookEvent(.reject, side: .empty, price: .empty, quantity: .empty, detail: .unknownOrder))
      return
    }
    let v = ids.slot(at: entry)
    guard engine.isResting(v, id: key) else {
      emit(BookEvent(.reject, side: .side(ids.side(at: entry)), price: .empty, quantity: .empty, detail: .notActive))
      return
    }
    ids.setSlot(-1, at: entry)
    guard recordsEvents else { engine.cancel(v); return }
    let side = engine.side(v), price = engine.price(v)  // before the slot is freed
    let removed = engine.cancel(v)
    events.append(BookEvent(.cancel, side: .side(side), price: .integer(price), quantity: .integer(removed), detail: .user))
  }

  func processReplace(_ row: UnsafePointer<OrderRow>, key: UInt64, hash: Int) {
    guard case .value(let quantity) = row.pointee.quantity, quantity >= 1 else {
      emit(BookEvent(.reject, side: .empty, price: .asWritten, quantity: .asWritten, detail: .badQty))
      return
    }
    var newPrice: Int64?
    switch row.pointee.price {
    case .empty: newPrice = nil
    case .value(let p) where p >= 1: newPrice = p
    default:
      emit(BookEvent(.reject, side: .empty, price: .asWritten, quantity: .asWritten, detail: .badPrice))
      return
    }
    let priceField: BookEvent.Field = newPrice.map { .integer($0) } ?? .empty
    let entry = ids.find(key, hash: hash)
    guard entry >= 0 else {
      emit(BookEvent(.reject, side: .empty, price: priceField, quantity: .integer(quantity), detail: .unknownOrder))
      return
    }
    let v = ids.slot(at: entry)
    guard engine.isResting(v, id: key) else {
      emit(BookEvent(.reject, side: .side(ids.side(at: entry)), price: priceField, quantity: .integer(quantity), detail: .notActive))
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
    ids.setSlot(-1, at: entry)
    emit(BookEvent(.replace, side: .side(side), price: .integer(price), quantity: .integer(quantity), detail: .lostPriority))
    let remaining = matchAndRecord(book: book, side: side, limit: price, quantity: quantity, key: key)
    if remaining > 0 {
      restOrCancel(book: book, side: side, price: price, quantity: remaining, key: key, entry: entry)
    }
  }

  /// Rests a remainder and records its slot in the id table's entry `entry`.
  @inline(__always)
  func restOrCancel(book: Int32, side: Side, price: Int64, quantity: Int64, key: UInt64, entry: Int) {
    if engine.canRest(book: book, price: price) {
      ids.setSlot(engine.rest(book: book, id: key, side: side, price: price, quantity: quantity), at: entry)
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
    }
    return remaining
  }
}
