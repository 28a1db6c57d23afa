/// What a row of an order stream asks for.
@frozen public enum OrderAction: UInt8, Sendable { case new, cancel, replace, unknown }

/// A parsed numeric field: absent (empty text), an integer, or text that is not an integer.
@frozen public enum IntegerField: Sendable, Equatable {
  case empty, value(Int64), invalid
  @inlinable public var value: Int64? { if case .value(let v) = self { return v }; return nil }
}

/// One row of an order stream (`ts,action,order_id,side,type,tif,price,qty,owner[,instrument]`),
/// parsed once and kept compact — 56 bytes, no Strings — because the processor streams through
/// millions of them: the decoded values it acts on, plus where the row's text is in the stream's
/// buffer. The ts and order-id texts (written with every trade and event) are kept as byte ranges;
/// any other field's text ("as written", only for rejects) is found again by
/// ``OrderStreamReader/field(_:in:)``. The ranges are valid while the reader's window holds the
/// row (until the next batch).
@frozen public struct OrderRow: Sendable {
  /// Column numbers.
  public enum Column: Int { case ts = 0, action, orderID, side, type, tif, price, quantity, owner, instrument }

  /// How a numeric field parsed (the tag of ``IntegerField``).
  @usableFromInline enum FieldKind: UInt8, Sendable { case empty, value, invalid }

  @usableFromInline var key: UInt64
  @usableFromInline var priceValue: Int64
  @usableFromInline var quantityValue: Int64
  /// Offset of the line in the stream's buffer.
  public var lineStart: Int
  /// 1-based line number in the file.
  public var line: Int32
  /// Book index of the instrument (0 when the column is absent).
  public var instrument: Int32
  /// Trimmed text of the ts and order_id fields, as offsets from `lineStart`.
  @usableFromInline var tsStart: UInt16, tsEnd: UInt16, idStart: UInt16, idEnd: UInt16
  public var action: OrderAction
  public var side: Side?
  public var type: OrderType?
  public var tif: TimeInForce?
  @usableFromInline var priceKind: FieldKind
  @usableFromInline var quantityKind: FieldKind
  @usableFromInline var hasID: Bool
  /// Whether the ts or order_id field is quoted with doubled quotes inside, so that its byte
  /// range is not its text (writers then ask ``OrderStreamReader/field(_:in:)``). Rare.
  @inlinable public var hasEscapedText: Bool { escapedText }
  @usableFromInline var escapedText: Bool

  /// A row with no values decoded yet (the reader fills them in).
  @inlinable init(line: Int32, lineStart: Int) {
    key = 0; priceValue = 0; quantityValue = 0
    self.lineStart = lineStart; self.line = line; instrument = 0
    tsStart = 0; tsEnd = 0; idStart = 0; idEnd = 0
    action = .unknown; side = nil; type = nil; tif = nil
    priceKind = .empty; quantityKind = .empty; hasID = false; escapedText = false
  }

  /// The order id as a 64-bit key (see ``OrderStreamReader``); nil when the field is empty.
  @inlinable public var idKey: UInt64? {
    get { hasID ? key : nil }
    set { hasID = newValue != nil; key = newValue ?? 0 }
  }

  /// The `price` field: integer ticks, empty, or not an integer.
  @inlinable public var price: IntegerField {
    get { Self.field(priceKind, priceValue) }
    set { (priceKind, priceValue) = Self.parts(newValue) }
  }

  /// The `qty` field: an integer quantity, empty, or not an integer.
  @inlinable public var quantity: IntegerField {
    get { Self.field(quantityKind, quantityValue) }
    set { (quantityKind, quantityValue) = Self.parts(newValue) }
  }

  /// The byte range of the ts field's trimmed text in the stream's buffer.
  @inlinable public var tsRange: Range<Int> { lineStart + Int(tsStart) ..< lineStart + Int(tsEnd) }

  /// The byte range of the order_id field's trimmed text in the stream's buffer.
  @inlinable public var orderIDRange: Range<Int> { lineStart + Int(idStart) ..< lineStart + Int(idEnd) }

  @inlinable static func field(_ kind: FieldKind, _ value: Int64) -> IntegerField {
    switch kind {
    case .empty: return .empty
    case .value: return .value(value)
    case .invalid: return .invalid
    }
  }

  @inlinable static func parts(_ f: IntegerField) -> (FieldKind, Int64) {
    switch f {
    case .empty: return (.empty, 0)
    case .value(let v): return (.value, v)
    case .invalid: return (.invalid, 0)
    }
  }
}
