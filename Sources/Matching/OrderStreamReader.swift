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
      var end = start
      while end < bytes.count && bytes[end] != 10 { end += 1 }
      offset = end + 1
      lineNumber += 1
      var lineEnd = end
      if lineEnd > start && bytes[lineEnd - 1] == 13 { lineEnd -= 1 }
      if lineEnd == start && offset >= bytes.count { return nil }  // final empty line
      if lineEnd - start > Int(UInt16.max) {
        throw OrderStreamError("\(source):\(lineNumber): expected a line shorter than 65,535 bytes, found \(lineEnd - start)")
      }
      let (starts, ends, field) = split(start, lineEnd)
      func range(_ c: OrderRow.Column) -> Range<Int> { start + Int(starts[c.rawValue]) ..< start + Int(ends[c.rawValue]) }
      if lineNumber == 1 && field >= 1 && text(range(.ts)) == "ts" { continue }
      guard field == 9 || field == 10 else {
        throw OrderStreamError("\(source):\(lineNumber): expected 9 or 10 columns (ts,action,order_id,side,type,tif,price,qty,owner[,instrument]), found \(field)")
      }
      var row = OrderRow(line: lineNumber, lineStart: start)
      row.tsStart = starts[0]; row.tsEnd = ends[0]
      row.idStart = starts[OrderRow.Column.orderID.rawValue]; row.idEnd = ends[OrderRow.Column.orderID.rawValue]
      row.action = switch word(range(.action)) { case 0: .new; case 1: .cancel; case 2: .replace; default: .unknown }
      row.side = switch word(range(.side)) { case 3: .buy; case 4: .sell; default: nil }
      row.type = switch word(range(.type)) { case 5: .limit; case 6: .market; default: nil }
      row.tif = switch word(range(.tif)) { case 7: .gtc; case 8: .ioc; case 9: .fok; default: nil }
      row.price = integer(range(.price))
      row.quantity = integer(range(.quantity))
      row.idKey = try idKey(range(.orderID))
      if field == 10 {
        let r = range(.instrument)
        if !r.isEmpty {
          let hash = FNV1a.hash(bytes: bytes[r])
          if let index = instrumentByHash[hash], instruments[Int(index)].utf8.elementsEqual(bytes[r]) {
            row.instrument = index
          } else {
            let name = String(decoding: bytes[r], as: UTF8.self)
            if let index = instrumentIndex[name] {
              row.instrument = index
            } else {
              row.instrument = Int32(instruments.count)
              instrumentIndex[name] = row.instrument
              instruments.append(name)
              if instrumentByHash[hash] == nil { instrumentByHash[hash] = row.instrument }
            }
          }
        }
      }
      return row
    }
    return nil
  }

  /// The byte range, in ``bytes``, of the trimmed text of column `column` of `row` (a row this
  /// reader returned): the "as written" text of reject events. The line is split again, so this
  /// is for the rare rows that need it.
  public func range(of column: OrderRow.Column, in row: OrderRow) -> Range<Int> {
    switch column {
    case .ts: return row.tsRange
    case .orderID: return row.orderIDRange
    default:
      var lineEnd = row.lineStart
      while lineEnd < bytes.count && bytes[lineEnd] != 10 { lineEnd += 1 }
      if lineEnd > row.lineStart && bytes[lineEnd - 1] == 13 { lineEnd -= 1 }
      let (starts, ends, _) = split(row.lineStart, lineEnd)
      return row.lineStart + Int(starts[column.rawValue]) ..< row.lineStart + Int(ends[column.rawValue])
    }
  }

  /// Splits the line `start..<lineEnd` at commas: each field's trimmed text as offsets from
  /// `start` (the first 16 fields), and the number of fields.
  func split(_ start: Int, _ lineEnd: Int) -> (SIMD16<UInt16>, SIMD16<UInt16>, Int) {
    var starts = SIMD16<UInt16>(repeating: 0), ends = SIMD16<UInt16>(repeating: 0)
    var field = 0
    var fieldStart = start
    var i = start
    while true {
      if i == lineEnd || bytes[i] == UInt8(ascii: ",") {
        if field < 16 {
          var a = fieldStart, b = i
          while a < b && (bytes[a] == 32 || bytes[a] == 9) { a += 1 }
          while b > a && (bytes[b - 1] == 32 || bytes[b - 1] == 9) { b -= 1 }
          starts[field] = UInt16(a - start); ends[field] = UInt16(b - start)
        }
        field += 1
        fieldStart = i + 1
        if i == lineEnd { break }
      }
      i += 1
    }
    return (starts, ends, field)
  }

  func text(_ r: Range<Int>) -> String { String(decoding: bytes[r], as: UTF8.self) }

  static let keywords: [StaticString] = ["new", "cancel", "replace", "buy", "sell", "limit", "market", "gtc", "ioc", "fok"]

  /// The index of a keyword field in ``keywords`` (compared without allocating), or −1.
  func word(_ r: Range<Int>) -> Int {
    let n = r.count
    guard n >= 3 && n <= 7 else { return -1 }
    func equals(_ s: StaticString) -> Bool {
      guard s.utf8CodeUnitCount == n else { return false }
      let p = s.utf8Start
      for k in 0..<n where bytes[r.lowerBound + k] != p[k] { return false }
      return true
    }
    for (k, s) in OrderStreamReader.keywords.enumerated() where equals(s) { return k }
    return -1
  }

  /// An optionally signed decimal integer; anything else is `.invalid`.
  func integer(_ r: Range<Int>) -> IntegerField {
    if r.isEmpty { return .empty }
    var i = r.lowerBound
    var negative = false
    if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { negative = bytes[i] == UInt8(ascii: "-"); i += 1 }
    if i == r.upperBound { return .invalid }
    var v: Int64 = 0
    while i < r.upperBound {
      let d = bytes[i] &- 48
      if d > 9 { return .invalid }
      let (m, o1) = v.multipliedReportingOverflow(by: 10)
      let (s, o2) = m.addingReportingOverflow(Int64(d))
      if o1 || o2 { return .invalid }
      v = s
      i += 1
    }
    return .value(negative ? -v : v)
  }

  mutating func idKey(_ r: Range<Int>) throws(OrderStreamError) -> UInt64? {
    if r.isEmpty { return nil }
    var numeric = r.count <= 20 && (bytes[r.lowerBound] != UInt8(ascii: "0") || r.count == 1)
    var v: UInt64 = 0
    if numeric {
      for i in r {
        let d = bytes[i] &- 48
        if d > 9 { numeric = false; break }
        let (m, o1) = v.multipliedReportingOverflow(by: 10)
        let (s, o2) = m.addingReportingOverflow(UInt64(d))
        if o1 || o2 { numeric = false; break }
        v = s
      }
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
