/// Which column of the order-stream contract each field of a line holds: the contract's order
/// (`ts,action,order_id,side,type,tif,price,qty,owner[,instrument]`) when the stream has no
/// header, or the order its header names.
///
/// The map is packed one byte per field into two words, so the per-field lookup of the row
/// parser is a shift and a mask, with no memory access; fields past the 16th, or not named,
/// map to ``ignored``. A trivial value (no references), copied freely in the hot path.
public struct OrderStreamColumns: Sendable, Equatable {
  /// The column names of the contract, in its order (``OrderRow/Column`` raw values).
  public static let names = ["ts", "action", "order_id", "side", "type", "tif", "price", "qty", "owner", "instrument"]
  /// The logical column of a field that feeds no column.
  static let ignored: UInt8 = 0xFF

  var low: UInt64
  var high: UInt64
  /// The number of fields a line must have (nil: 9 or 10, the contract's order without a header).
  public let width: Int?

  /// The contract's order, without a header: 9 or 10 fields.
  public static let contract = OrderStreamColumns(low: 0x0706_0504_0302_0100, high: 0xFFFF_FFFF_FFFF_0908, width: nil)

  init(low: UInt64, high: UInt64, width: Int?) {
    self.low = low; self.high = high; self.width = width
  }

  /// The mapping a header names. `names` are the header's fields (trimmed and unquoted).
  /// Names are compared ASCII case-insensitively; each of the nine required names must appear
  /// exactly once, `instrument` at most once, and nothing else; the error says which field.
  public init(header names: [String]) throws(HeaderProblem) {
    var low: UInt64 = ~0, high: UInt64 = ~0
    var seen = [Bool](repeating: false, count: Self.names.count)
    for (i, name) in names.enumerated() {
      guard let column = Self.column(named: name) else { throw .unknown(field: i + 1, name: name) }
      guard !seen[column] else { throw .duplicate(field: i + 1, name: name) }
      seen[column] = true
      if i < 8 {
        low = (low & ~(0xFF << (UInt64(i) * 8))) | (UInt64(column) << (UInt64(i) * 8))
      } else if i < 16 {
        high = (high & ~(0xFF << (UInt64(i - 8) * 8))) | (UInt64(column) << (UInt64(i - 8) * 8))
      }
    }
    if let missing = seen.dropLast().firstIndex(of: false) { throw .missing(name: Self.names[missing]) }
    self.init(low: low, high: high, width: names.count)
  }

  /// Why a header cannot be used.
  public enum HeaderProblem: Error, Equatable {
    case unknown(field: Int, name: String)
    case duplicate(field: Int, name: String)
    case missing(name: String)

    /// The problem in words (after `FILE:LINE: `).
    public var message: String {
      switch self {
      case let .unknown(field, name):
        return "column \(field): expected a column name (\(OrderStreamColumns.names.joined(separator: ", "))), found '\(name)'"
      case let .duplicate(field, name): return "column \(field): the column '\(name)' is named twice"
      case let .missing(name): return "expected a column '\(name)' in the header"
      }
    }
  }

  /// The contract column (an ``OrderRow/Column`` raw value) named `name`, ASCII case-insensitively.
  public static func column(named name: String) -> Int? {
    let lower = String(decoding: name.utf8.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }, as: UTF8.self)
    return names.firstIndex(of: lower)
  }

  /// The logical column of field `field` (0-based), or ``ignored``.
  @inline(__always)
  func logical(_ field: Int) -> UInt8 {
    if field < 8 { return UInt8(truncatingIfNeeded: low >> (UInt64(field) &* 8)) }
    if field < 16 { return UInt8(truncatingIfNeeded: high >> (UInt64(field &- 8) &* 8)) }
    return Self.ignored
  }

  /// The field (0-based) that holds logical column `column`, or nil.
  func field(of column: Int) -> Int? {
    (0..<16).first { Int(logical($0)) == column }
  }

  /// Whether a line of `fields` fields has the width this mapping needs.
  @inline(__always)
  func accepts(fields: Int) -> Bool {
    if let width { return fields == width }
    return fields == 9 || fields == 10
  }

  /// The expectation of a line of the wrong width, in words (`header`: the header's names).
  func widthExpectation(header: [String]) -> String {
    if let width { return "expected \(width) columns as in the header (\(header.joined(separator: ",")))" }
    return "expected 9 or 10 columns (ts,action,order_id,side,type,tif,price,qty,owner[,instrument])"
  }
}
