@testable import Matching

/// Helpers: parse an order-stream text, run it through a processor, and render trades and events
/// exactly as `datamarket replay` writes them.
enum OrderStreamFixtures {
  static func rows(_ text: String) throws -> (OrderStreamReader, [OrderRow]) {
    var reader = OrderStreamReader(bytes: Array(text.utf8), source: "test.csv")
    var rows: [OrderRow] = []
    while let r = try reader.next() { rows.append(r) }
    return (reader, rows)
  }

  /// (trades CSV, events CSV) from the fast processor.
  static func replay(_ text: String) throws -> (trades: String, events: String) {
    let (reader, rows) = try rows(text)
    let p = OrderStreamProcessor()
    var w = ReplayWriter(trades: .init(), events: .init())
    rows.withUnsafeBufferPointer { batch in
      p.process(batch)
      w.write(rows: batch, from: p, reader: reader)
    }
    return (String(decoding: w.trades.buffer, as: UTF8.self), String(decoding: w.events!.buffer, as: UTF8.self))
  }
}
