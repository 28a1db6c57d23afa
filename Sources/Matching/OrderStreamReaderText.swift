import Output

/// The reader's text tables: order ids (numeric ones are their own key, others are interned),
/// instruments (interned to book indices), and the "as written" text of a row's fields.
extension OrderStreamReader {
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

  /// The field of column `column` of `row` (a row of the current batch): the "as written" text
  /// of reject events, and the ts and order id of a row with ``OrderRow/hasEscapedText``. The
  /// line is scanned again, so this is for the rare rows that need it.
  public func field(_ column: OrderRow.Column, in row: OrderRow) -> CSVField {
    if !row.hasEscapedText {
      if column == .ts { return CSVField(range: row.tsRange, escaped: false, next: 0, more: false) }
      if column == .orderID { return CSVField(range: row.orderIDRange, escaped: false, next: 0, more: false) }
    }
    return bytes.withUnsafeBufferPointer { p in
      let end = Self.textEnd(p, from: row.lineStart, limit: limit)
      guard let wanted = columns.field(of: column.rawValue) else { return CSVField(range: end..<end, escaped: false, next: end, more: false) }
      var i = row.lineStart, index = 0
      while true {
        // The line parsed once, so its quoting is sound.
        guard case .success(let f) = CSVField.scan(p, from: i, end: end) else { break }
        if index == wanted { return f }
        guard f.more else { break }
        i = f.next; index += 1
      }
      return CSVField(range: end..<end, escaped: false, next: end, more: false)
    }
  }

  /// The decoded text of a field (its bytes, with `""` made `"` if escaped).
  public func text(of field: CSVField) -> [UInt8] {
    bytes.withUnsafeBufferPointer { p in field.escaped ? CSVField.decoded(p, field.range) : Array(p[field.range]) }
  }

  /// Where the text of the line starting at `start` ends (its `\r` or `\n`, or `limit`).
  static func textEnd(_ p: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int) -> Int {
    var i = start
    while i < limit && p[i] != 10 && p[i] != 13 { i += 1 }
    return i
  }

  /// The book index of the instrument named by `name` (interned on first sight).
  mutating func instrument(_ name: ArraySlice<UInt8>) -> Int32 {
    let hash = FNV1a.hash(bytes: name)
    if let index = instrumentByHash[hash], instruments[Int(index)].utf8.elementsEqual(name) { return index }
    let text = String(decoding: name, as: UTF8.self)
    if let index = instrumentIndex[text] { return index }
    let index = Int32(instruments.count)
    instrumentIndex[text] = index
    instruments.append(text)
    if instrumentByHash[hash] == nil { instrumentByHash[hash] = index }
    return index
  }

  /// The key of an order id whose text has doubled quotes.
  mutating func idKey(decoded range: Range<Int>) throws(OrderStreamError) -> UInt64? {
    let text = bytes.withUnsafeBufferPointer { CSVField.decoded($0, range) }
    if text.isEmpty { return nil }
    return try text.withUnsafeBufferPointer { p throws(OrderStreamError) in try idKey(p) }
  }

  /// The key of the (non-empty) order id `p`.
  mutating func idKey(_ p: UnsafeBufferPointer<UInt8>) throws(OrderStreamError) -> UInt64? {
    if p.isEmpty { return nil }
    // A canonical unsigned decimal below 2^64 is its own key.
    var numeric = p.count <= 20 && (p[0] != UInt8(ascii: "0") || p.count == 1)
    var v: UInt64 = 0
    if numeric {
      for d in p {
        let digit = d &- 48
        let (m, o1) = v.multipliedReportingOverflow(by: 10)
        let (s, o2) = m.addingReportingOverflow(UInt64(digit))
        if digit > 9 || o1 || o2 { numeric = false; break }
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
    let text = String(decoding: p, as: UTF8.self)
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
