import Output

/// Writes the trades and events of a replayed order stream as CSV, streaming in large chunks.
///
/// Trades: `trade_id,ts,buy_order_id,sell_order_id,price,qty,aggressor`.
/// Events: `ts,order_id,event,side,price,qty,detail`. ts, order ids and "as written" fields are
/// copied from the input bytes; numbers print as plain integers.
public struct ReplayWriter {
  public var trades: CSVWriter
  public var events: CSVWriter?

  public init(trades: CSVWriter, events: CSVWriter?) {
    self.trades = trades
    self.events = events
    self.trades.writeHeader(["trade_id", "ts", "buy_order_id", "sell_order_id", "price", "qty", "aggressor"])
    self.events?.writeHeader(["ts", "order_id", "event", "side", "price", "qty", "detail"])
  }

  /// Streams `reader` through `processor` in batches of `batchRows` rows, writing each batch's
  /// trades and events before the next is read; returns the number of rows. Memory: one batch of
  /// rows and the reader's window (plus the processor's id table and books), whatever the
  /// stream's length.
  public mutating func replay(_ reader: inout OrderStreamReader, through processor: OrderStreamProcessor,
                              batchRows: Int = 4096) throws(OrderStreamError) -> Int {
    var batch = ContiguousArray<OrderRow>()
    batch.reserveCapacity(batchRows)
    var rows = 0
    while try reader.nextBatch(into: &batch, maxRows: batchRows) {
      batch.withUnsafeBufferPointer { b in
        processor.process(b)
        write(rows: b, from: processor, reader: reader)
      }
      rows += batch.count
    }
    return rows
  }

  /// Writes what processing `rows` (with ``OrderStreamProcessor/process(_:)-(UnsafeBufferPointer<OrderRow>)``)
  /// produced, then clears the processor's output.
  public mutating func write(rows: UnsafeBufferPointer<OrderRow>, from processor: OrderStreamProcessor, reader: OrderStreamReader) {
    let allTrades = processor.trades
    var t = 0, e = 0
    for i in 0..<rows.count {
      let end = processor.outputEnd(ofRow: i)
      if t < end.trades { write(trades: allTrades[t..<end.trades], row: rows[i], reader: reader) }
      if e < end.events && events != nil { write(events: processor.events[e..<end.events], row: rows[i], reader: reader) }
      t = end.trades; e = end.events
    }
    processor.clearOutput()
  }

  mutating func write(trades rowTrades: Slice<UnsafeBufferPointer<Trade>>, row: OrderRow, reader: OrderStreamReader) {
    for t in rowTrades {
      trades.field(t.tradeID)
      if _slowPath(row.hasEscapedText) { trades.field(reader.field(.ts, in: row), of: reader) } else { trades.field(bytes: reader.bytes, range: row.tsRange) }
      writeID(t.buyKey, reader: reader)
      writeID(t.sellKey, reader: reader)
      trades.field(t.price)
      trades.field(t.quantity)
      trades.field(t.aggressor == .buy ? ReplayWriter.buy : ReplayWriter.sell)
      trades.endRow()
    }
  }

  mutating func write(events rowEvents: ArraySlice<BookEvent>, row: OrderRow, reader: OrderStreamReader) {
    for e in rowEvents {
      if _slowPath(row.hasEscapedText) {
        events!.field(reader.field(.ts, in: row), of: reader)
        events!.field(reader.field(.orderID, in: row), of: reader)
      } else {
        events!.field(bytes: reader.bytes, range: row.tsRange)
        events!.field(bytes: reader.bytes, range: row.orderIDRange)
      }
      events!.field(ReplayWriter.kindText[Int(e.kind.rawValue)])
      write(e.side, column: .side, row: row, reader: reader)
      write(e.price, column: .price, row: row, reader: reader)
      write(e.quantity, column: .quantity, row: row, reader: reader)
      events!.field(e.detail.rawValue)
      events!.endRow()
    }
  }

  static let kindText = ["accept", "reject", "cancel", "replace"]
  static let buy = "buy", sell = "sell"

  /// An order id: numeric keys as integers, interned ones as their text.
  mutating func writeID(_ key: UInt64, reader: OrderStreamReader) {
    if reader.isInterned(key) { trades.field(reader.idText(key)) } else { trades.field(key) }
  }

  mutating func write(_ field: BookEvent.Field, column: OrderRow.Column, row: OrderRow, reader: OrderStreamReader) {
    switch field {
    case .empty: events!.emptyField()
    case .asWritten: events!.field(reader.field(column, in: row), of: reader)
    case .side(let s): events!.field(s == .buy ? ReplayWriter.buy : ReplayWriter.sell)
    case .integer(let v): events!.field(v)
    }
  }

  /// Flushes both files.
  public mutating func flush() throws(OutputError) {
    try trades.flush()
    try events?.flush()
  }
}

extension CSVWriter {
  /// A field of the reader's current window, decoded if it holds doubled quotes.
  mutating func field(_ f: CSVField, of reader: OrderStreamReader) {
    if f.escaped { field(String(decoding: reader.text(of: f), as: UTF8.self)) } else { field(bytes: reader.bytes, range: f.range) }
  }
}
