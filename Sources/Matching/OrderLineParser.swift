/// Parses one line of an order stream into an ``OrderRow`` in a single pass over its bytes,
/// without creating Strings: the hot path of `replay`.
///
/// Lines end in `\n`, `\r\n` or `\r`. The fast path splits at commas and trims spaces and tabs;
/// a line with a `"` anywhere is parsed again by the quote-aware ``CSVField`` scan (RFC 4180).
/// Keywords (`new`, `BUY`, `Gtc`…) match ASCII case-insensitively.
enum OrderLineParser {
  /// A line as parsed: the row's decoded fields (all but the id key and the instrument, which
  /// need the reader's tables), the number of fields, the ranges of the order id and instrument
  /// texts, where the line's text ends and where the next line starts.
  struct Line {
    var row: OrderRow
    var fields = 0
    var id: Range<Int>
    var instrument: Range<Int>
    var textEnd = 0
    var next = 0
    /// Whether a quote was seen (the line must be parsed again with ``CSVField``).
    var quoted = false
    /// Whether the order id and the instrument hold doubled quotes.
    var idEscaped = false, instrumentEscaped = false
  }

  /// The line starting at `start` in `p[..<limit]`, or nil when its end is not in the window
  /// yet (`final` false: more bytes will follow `limit`; a `\r` at the window's end counts as
  /// unfinished, since a `\n` may follow). With `final`, the window's end ends the last line.
  @inline(__always)
  static func scan(_ p: UnsafeBufferPointer<UInt8>, start: Int, limit: Int, final: Bool,
                   columns: OrderStreamColumns, line: Int32) -> Line? {
    var out = Line(row: OrderRow(line: line, lineStart: start), id: start..<start, instrument: start..<start)
    var i = start, fieldStart = start, field = 0
    while true {
      if i == limit {
        guard final else { return nil }
        out.textEnd = limit; out.next = limit
        break
      }
      let c = p[i]
      if c <= 44 {  // ',' 44, '"' 34, '\r' 13, '\n' 10: most bytes skip every test below
        if c == 44 {
          let (a, b) = trim(p, fieldStart, i)
          assign(&out, columns.logical(field), p, a, b)
          field &+= 1
          fieldStart = i &+ 1
        } else if c == 10 {
          out.textEnd = i; out.next = i &+ 1
          break
        } else if c == 13 {
          if i &+ 1 == limit && !final { return nil }
          out.textEnd = i; out.next = i &+ 1 < limit && p[i &+ 1] == 10 ? i &+ 2 : i &+ 1
          break
        } else if c == 34 {
          out.quoted = true
        }
      }
      i &+= 1
    }
    let (a, b) = trim(p, fieldStart, out.textEnd)
    assign(&out, columns.logical(field), p, a, b)
    out.fields = field &+ 1
    return out
  }

  /// `line` parsed again with quoting: its fields, id and instrument replaced by the quote-aware
  /// scan's (the same decoding applies to the text inside the quotes).
  static func requote(_ line: Line, _ p: UnsafeBufferPointer<UInt8>, columns: OrderStreamColumns) -> Result<Line, FieldProblem> {
    let start = line.row.lineStart
    var out = Line(row: OrderRow(line: line.row.line, lineStart: start), id: start..<start, instrument: start..<start)
    out.textEnd = line.textEnd; out.next = line.next; out.quoted = true
    var i = start, field = 0
    while true {
      switch CSVField.scan(p, from: i, end: line.textEnd) {
      case .failure(let problem): return .failure(FieldProblem(field: field + 1, problem: problem))
      case .success(let f):
        let column = columns.logical(field)
        assign(&out, column, p, f.range.lowerBound, f.range.upperBound)
        if f.escaped {
          switch Int(column) {
          case OrderRow.Column.ts.rawValue: out.row.escapedText = true
          case OrderRow.Column.orderID.rawValue: out.row.escapedText = true; out.idEscaped = true
          case OrderRow.Column.instrument.rawValue: out.instrumentEscaped = true
          default: break
          }
        }
        field += 1
        guard f.more else { out.fields = field; return .success(out) }
        i = f.next
      }
    }
  }

  /// A quoting mistake in field `field` (1-based) of a line.
  struct FieldProblem: Error { var field: Int; var problem: CSVField.Problem }

  /// Decodes the trimmed field `a..<b` into the row as logical column `column`.
  @inline(__always)
  static func assign(_ out: inout Line, _ column: UInt8, _ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) {
    let start = out.row.lineStart
    switch column {
    case 0: out.row.tsStart = UInt16(truncatingIfNeeded: a &- start); out.row.tsEnd = UInt16(truncatingIfNeeded: b &- start)
    case 1:
      out.row.action = isWord(p, a, b, "new") ? .new : isWord(p, a, b, "cancel") ? .cancel : isWord(p, a, b, "replace") ? .replace : .unknown
    case 2:
      out.row.idStart = UInt16(truncatingIfNeeded: a &- start); out.row.idEnd = UInt16(truncatingIfNeeded: b &- start)
      out.id = a..<b
    case 3: out.row.side = isWord(p, a, b, "buy") ? .buy : isWord(p, a, b, "sell") ? .sell : nil
    case 4: out.row.type = isWord(p, a, b, "limit") ? .limit : isWord(p, a, b, "market") ? .market : nil
    case 5: out.row.tif = isWord(p, a, b, "gtc") ? .gtc : isWord(p, a, b, "ioc") ? .ioc : isWord(p, a, b, "fok") ? .fok : nil
    case 6: out.row.price = integer(p, a, b)
    case 7: out.row.quantity = integer(p, a, b)
    case 9: out.instrument = a..<b
    default: break
    }
  }

  /// Bytes `a..<b` without leading and trailing spaces and tabs.
  @inline(__always)
  static func trim(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> (Int, Int) {
    var a = a, b = b
    while a < b && (p[a] == 32 || p[a] == 9) { a += 1 }
    while b > a && (p[b - 1] == 32 || p[b - 1] == 9) { b -= 1 }
    return (a, b)
  }

  /// Whether bytes `a..<b` are `word` (lowercase ASCII letters) in any ASCII case: `| 0x20`
  /// maps `A`–`Z` onto `a`–`z` and no other byte onto a lowercase letter.
  @inline(__always)
  static func isWord(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int, _ word: StaticString) -> Bool {
    let n = word.utf8CodeUnitCount
    guard b - a == n else { return false }
    let w = word.utf8Start
    for k in 0..<n where p[a + k] | 0x20 != w[k] { return false }
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
}
