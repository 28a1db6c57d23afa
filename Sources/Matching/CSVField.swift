/// One field of an order-stream line, found by the quote-aware scan: where its text is, and
/// whether that text holds doubled quotes (`""`) that stand for one quote each.
///
/// RFC 4180 quoting: a field whose first non-blank byte is `"` runs to the matching closing
/// quote (commas inside are text; `""` is a quote); only spaces or tabs may follow before the
/// next comma. Quoted text is taken verbatim; unquoted text is trimmed of spaces and tabs, and a
/// quote inside it is an ordinary byte. Quoted fields cannot span lines.
public struct CSVField: Sendable, Equatable {
  /// The field's text (inside the quotes for a quoted field).
  public var range: Range<Int>
  /// Whether ``range`` holds `""` pairs (decode with ``decoded(_:)``).
  public var escaped: Bool
  /// Where the next field starts (past the comma), or the line's end.
  var next: Int
  /// Whether a comma follows (another field comes).
  var more: Bool

  /// A quoting mistake at a field: what was expected.
  public enum Problem: Error, Equatable {
    case unterminatedQuote, textAfterQuote

    public var message: String {
      switch self {
      case .unterminatedQuote: return "expected a closing quote before the end of the line"
      case .textAfterQuote: return "expected a comma after the closing quote"
      }
    }
  }

  /// The field starting at `start` of the line text `start..<end`.
  static func scan(_ p: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Result<CSVField, Problem> {
    var i = start
    while i < end && (p[i] == 32 || p[i] == 9) { i += 1 }
    guard i < end && p[i] == UInt8(ascii: "\"") else {
      var j = i
      while j < end && p[j] != UInt8(ascii: ",") { j += 1 }
      let (a, b) = OrderLineParser.trim(p, i, j)
      return .success(CSVField(range: a..<b, escaped: false, next: j < end ? j + 1 : end, more: j < end))
    }
    let a = i + 1
    var j = a, escaped = false
    while true {
      guard j < end else { return .failure(.unterminatedQuote) }
      if p[j] == UInt8(ascii: "\"") {
        if j + 1 < end && p[j + 1] == UInt8(ascii: "\"") { escaped = true; j += 2; continue }
        break
      }
      j += 1
    }
    var k = j + 1
    while k < end && (p[k] == 32 || p[k] == 9) { k += 1 }
    guard k == end || p[k] == UInt8(ascii: ",") else { return .failure(.textAfterQuote) }
    return .success(CSVField(range: a..<j, escaped: escaped, next: k < end ? k + 1 : end, more: k < end))
  }

  /// The text of `range` in `p` with each `""` made one `"`.
  static func decoded(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(range.count)
    var i = range.lowerBound
    while i < range.upperBound {
      out.append(p[i])
      i += p[i] == UInt8(ascii: "\"") && i + 1 < range.upperBound && p[i + 1] == UInt8(ascii: "\"") ? 2 : 1
    }
    return out
  }
}
