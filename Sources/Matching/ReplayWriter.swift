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

  /// Writes what processing `row` produced, then clears the processor's buffers.
  public mutating func write(row: OrderRow, from processor: inout OrderStreamProcessor, reader: OrderStreamReader) {
    let bytes = reader.bytes
    for t in processor.trades {
      trades.field(t.tradeID)
      trades.field(bytes: bytes, range: row.range(.ts))
      writeID(t.buyKey, reader: reader)
      writeID(t.sellKey, reader: reader)
      trades.field(t.price)
      trades.field(t.quantity)
      trades.field(t.aggressor == .buy ? ReplayWriter.buy : ReplayWriter.sell)
      trades.endRow()
    }
    if events != nil {
      for e in processor.events {
        events!.field(bytes: bytes, range: row.range(.ts))
        events!.field(bytes: bytes, range: row.range(.orderID))
        events!.field(ReplayWriter.kindText[Int(e.kind.rawValue)])
        write(e.side, column: .side, row: row, bytes: bytes)
        write(e.price, column: .price, row: row, bytes: bytes)
        write(e.quantity, column: .quantity, row: row, bytes: bytes)
        events!.field(e.detail.rawValue)
        events!.endRow()
      }
    }
    processor.trades.removeAll(keepingCapacity: true)
    processor.events.removeAll(keepingCapacity: true)
  }

  static let kindText = ["accept", "reject", "cancel", "replace"]
  static let buy = "buy", sell = "sell"

  /// An order id: numeric keys as integers, interned ones as their text.
  mutating func writeID(_ key: UInt64, reader: OrderStreamReader) {
    if reader.isInterned(key) { trades.field(reader.idText(key)) } else { trades.field(key) }
  }

  mutating func write(_ field: BookEvent.Field, column: OrderRow.Column, row: OrderRow, bytes: [UInt8]) {
    switch field {
    case .empty: events!.emptyField()
    case .asWritten: events!.field(bytes: bytes, range: row.range(column))
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
