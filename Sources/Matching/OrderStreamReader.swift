import Output

/// A problem reading an order stream: the file cannot be read, or a line does not have 9 or 10
/// columns. Rendered as `FILE:LINE: expected …, found …`. (Malformed *values* are not errors:
/// they become reject events.)
public struct OrderStreamError: Error, CustomStringConvertible, Sendable, Equatable {
  public var message: String
  public var description: String { message }
  public init(_ message: String) { self.message = message }
}

/// Parses an order-stream CSV held in memory into ``OrderRow``s without creating Strings.
///
/// - A first line whose first field is `ts` is a header and is skipped.
/// - Lines end in `\n` or `\r\n`; a final empty line is ignored; any other line must have 9 or
///   10 comma-separated fields, or reading stops with an ``OrderStreamError`` naming the line.
/// - Order ids are compared as text. An id that is a canonical unsigned decimal (`0` or no
///   leading zero, < 2^64) is its own 64-bit key; any other text is interned to a key counting
///   down from 2^64 − 1 (a numeric id that lands on an interned key is reported as an error).
/// - Instruments are interned to book indices in order of first appearance.
public struct OrderStreamReader {
  /// The whole stream.
  public let bytes: [UInt8]
  /// Where the stream came from, for error messages.
  public let source: String
  var offset = 0
  var lineNumber: Int32 = 0
  /// Interned non-numeric order ids, by key `UInt64.max − index`.
  public private(set) var internedIDs: [String] = []
  var internedIndex: [String: UInt64] = [:]
  var smallestInterned: UInt64 = .max
  var largestNumeric: UInt64 = 0
  var sawNumeric = false
  /// Instrument names by book index.
  public private(set) var instruments: [String] = [""]
  var instrumentIndex: [String: Int32] = ["": 0]
  /// Instrument book indices by the FNV-1a hash of the name's bytes: the per-row lookup,
  /// without building a String (a hash collision falls back to ``instrumentIndex``).
  var instrumentByHash: [UInt64: Int32] = [:]

  public init(bytes: [UInt8], source: String) {
    self.bytes = bytes
    self.source = source
  }

  /// The text of order-id key `key`.
  public func idText(_ key: UInt64) -> String {
    if !internedIDs.isEmpty, key >= smallestInterned, key != 0 || internedIDs.count == Int.max {
      let index = Int(UInt64.max - key)
      if index < internedIDs.count { return internedIDs[index] }
    }
    return String(key)
  }

  /// Whether a key is an interned (non-numeric) id.
  public func isInterned(_ key: UInt64) -> Bool { !internedIDs.isEmpty && key >= smallestInterned }

  /// The next row, or nil at the end of the stream.
  public mutating func next() throws(OrderStreamError) -> OrderRow? {
    while offset < bytes.count {
      let start = offset
      let line = lineNumber &+ 1
      let (end, lineEnd, parsed) = bytes.withUnsafeBufferPointer { p in
        let (end, lineEnd) = Self.line(p, from: start)
        return (end, lineEnd, Self.parse(p, line: line, start: start, end: lineEnd))
      }
      offset = end + 1
      lineNumber = line
      if lineEnd == start && offset >= bytes.count { return nil }  // final empty line
      if lineEnd - start > Int(UInt16.max) {
        throw OrderStreamError("\(source):\(lineNumber): expected a line shorter than 65,535 bytes, found \(lineEnd - start)")
      }
      var row = parsed.row
      if lineNumber == 1 && parsed.fields >= 1 && text(row.tsRange) == "ts" { continue }
      guard parsed.fields == 9 || parsed.fields == 10 else {
        throw OrderStreamError("\(source):\(lineNumber): expected 9 or 10 columns (ts,action,order_id,side,type,tif,price,qty,owner[,instrument]), found \(parsed.fields)")
      }
      row.idKey = try idKey(parsed.id)
      if parsed.fields == 10 && !parsed.instrument.isEmpty { row.instrument = instrument(parsed.instrument) }
      return row
    }
    return nil
  }

  /// One line `start..<end` parsed in a single pass over its bytes: the row's decoded fields
  /// (all but the id key and the instrument, which need the reader's tables), the number of
  /// fields, and the trimmed byte ranges of the order id and instrument.
  static func parse(_ p: UnsafeBufferPointer<UInt8>, line: Int32, start: Int, end: Int)
    -> (row: OrderRow, fields: Int, id: Range<Int>, instrument: Range<Int>) {
    var row = OrderRow(line: line, lineStart: start)
    var id = start..<start, instrument = start..<start
    var field = 0
    var fieldStart = start
    var i = start
    while true {
      if i == end || p[i] == UInt8(ascii: ",") {
        let (a, b) = trim(p, fieldStart, i)
        switch field {
        case 0: row.tsStart = UInt16(truncatingIfNeeded: a - start); row.tsEnd = UInt16(truncatingIfNeeded: b - start)
        case 1:
          row.action = isWord(p, a, b, "new") ? .new : isWord(p, a, b, "cancel") ? .cancel : isWord(p, a, b, "replace") ? .replace : .unknown
        case 2:
          row.idStart = UInt16(truncatingIfNeeded: a - start); row.idEnd = UInt16(truncatingIfNeeded: b - start)
          id = a..<b
        case 3: row.side = isWord(p, a, b, "buy") ? .buy : isWord(p, a, b, "sell") ? .sell : nil
        case 4: row.type = isWord(p, a, b, "limit") ? .limit : isWord(p, a, b, "market") ? .market : nil
        case 5: row.tif = isWord(p, a, b, "gtc") ? .gtc : isWord(p, a, b, "ioc") ? .ioc : isWord(p, a, b, "fok") ? .fok : nil
        case 6: row.price = integer(p, a, b)
        case 7: row.quantity = integer(p, a, b)
        case 9: instrument = a..<b
        default: break
        }
        field += 1
        fieldStart = i + 1
        if i == end { break }
      }
      i += 1
    }
    return (row, field, id, instrument)
  }

  /// The line starting at `start`: the offset of its `\n` (or the end of the bytes), and the
  /// end of its text (before a `\r\n`'s `\r`).
  @inline(__always)
  static func line(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> (newline: Int, textEnd: Int) {
    var end = start
    while end < p.count && p[end] != 10 { end += 1 }
    var textEnd = end
    if textEnd > start && p[textEnd - 1] == 13 { textEnd -= 1 }
    return (end, textEnd)
  }

  /// Bytes `a..<b` without leading and trailing spaces and tabs.
  @inline(__always)
  static func trim(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> (Int, Int) {
    var a = a, b = b
    while a < b && (p[a] == 32 || p[a] == 9) { a += 1 }
    while b > a && (p[b - 1] == 32 || p[b - 1] == 9) { b -= 1 }
    return (a, b)
  }

  /// Whether bytes `a..<b` are exactly `word`.
  @inline(__always)
  static func isWord(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int, _ word: StaticString) -> Bool {
    let n = word.utf8CodeUnitCount
    guard b - a == n else { return false }
    let w = word.utf8Start
    for k in 0..<n where p[a + k] != w[k] { return false }
    return true
  }

  /// An optionally signed decimal integer in bytes `a..<b`; anything else is `.invalid`.
  static func integer(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> IntegerField {
    if a == b { return .empty }
    var i = a
    var negative = false
    if p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") { negative = p[i] == UInt8(ascii: "-"); i += 1 }
    if i == b { return .invalid }
    var v: Int64 = 0
    while i < b {
      let d = p[i] &- 48
      if d > 9 { return .invalid }
      let (m, o1) = v.multipliedReportingOverflow(by: 10)
      let (s, o2) = m.addingReportingOverflow(Int64(d))
      if o1 || o2 { return .invalid }
      v = s
      i += 1
    }
    return .value(negative ? -v : v)
  }

  /// The book index of the instrument named by bytes `r` (interned on first sight).
  mutating func instrument(_ r: Range<Int>) -> Int32 {
    let hash = FNV1a.hash(bytes: bytes[r])
    if let index = instrumentByHash[hash], instruments[Int(index)].utf8.elementsEqual(bytes[r]) { return index }
    let name = String(decoding: bytes[r], as: UTF8.self)
    if let index = instrumentIndex[name] { return index }
    let index = Int32(instruments.count)
    instrumentIndex[name] = index
    instruments.append(name)
    if instrumentByHash[hash] == nil { instrumentByHash[hash] = index }
    return index
  }

  /// The byte range, in ``bytes``, of the trimmed text of column `column` of `row` (a row this
  /// reader returned): the "as written" text of reject events. The line is scanned again, so
  /// this is for the rare rows that need it.
  public func range(of column: OrderRow.Column, in row: OrderRow) -> Range<Int> {
    switch column {
    case .ts: return row.tsRange
    case .orderID: return row.orderIDRange
    default:
      return bytes.withUnsafeBufferPointer { p in
        let lineEnd = Self.line(p, from: row.lineStart).textEnd
        var field = 0, fieldStart = row.lineStart, i = row.lineStart
        while true {
          if i == lineEnd || p[i] == UInt8(ascii: ",") {
            if field == column.rawValue {
              let (a, b) = Self.trim(p, fieldStart, i)
              return a..<b
            }
            field += 1
            fieldStart = i + 1
            if i == lineEnd { return lineEnd..<lineEnd }
          }
          i += 1
        }
      }
    }
  }

  func text(_ r: Range<Int>) -> String { String(decoding: bytes[r], as: UTF8.self) }

  mutating func idKey(_ r: Range<Int>) throws(OrderStreamError) -> UInt64? {
    if r.isEmpty { return nil }
    // A canonical unsigned decimal below 2^64 is its own key.
    let (numeric, v) = bytes.withUnsafeBufferPointer { p -> (Bool, UInt64) in
      guard r.count <= 20 && (p[r.lowerBound] != UInt8(ascii: "0") || r.count == 1) else { return (false, 0) }
      var v: UInt64 = 0
      for i in r {
        let d = p[i] &- 48
        if d > 9 { return (false, 0) }
        let (m, o1) = v.multipliedReportingOverflow(by: 10)
        let (s, o2) = m.addingReportingOverflow(UInt64(d))
        if o1 || o2 { return (false, 0) }
        v = s
      }
      return (true, v)
    }
    if numeric {
      if !internedIDs.isEmpty && v >= smallestInterned {
        throw OrderStreamError("\(source):\(lineNumber): expected order ids below \(smallestInterned) when non-numeric ids are used, found \(v)")
      }
      largestNumeric = max(largestNumeric, v); sawNumeric = true
      return v
    }
    let text = String(decoding: bytes[r], as: UTF8.self)
    if let key = internedIndex[text] { return key }
    let key = UInt64.max - UInt64(internedIDs.count)
    if sawNumeric && key <= largestNumeric {
      throw OrderStreamError("\(source):\(lineNumber): expected numeric order ids below \(key) when non-numeric ids are used, found \(largestNumeric)")
    }
    internedIDs.append(text)
    internedIndex[text] = key
    smallestInterned = key
    return key
  }
}
