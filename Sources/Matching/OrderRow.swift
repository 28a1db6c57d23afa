/// What a row of an order stream asks for.
@frozen public enum OrderAction: UInt8, Sendable { case new, cancel, replace, unknown }

/// A parsed numeric field: absent (empty text), an integer, or text that is not an integer.
@frozen public enum IntegerField: Sendable, Equatable {
  case empty, value(Int64), invalid
  @inlinable public var value: Int64? { if case .value(let v) = self { return v }; return nil }
}

/// One row of an order stream (`ts,action,order_id,side,type,tif,price,qty,owner[,instrument]`),
/// parsed once and kept compact: the text of each field is a byte range of the stream's buffer
/// (for "as written" output), the values are decoded. 80 bytes, no Strings.
@frozen public struct OrderRow: Sendable {
  /// Column numbers.
  public enum Column: Int { case ts = 0, action, orderID, side, type, tif, price, quantity, owner, instrument }

  /// 1-based line number in the file.
  public var line: Int32
  /// Book index of the instrument (0 when the column is absent).
  public var instrument: Int32
  /// Offset of the line in the stream's buffer.
  public var lineStart: Int
  /// End offsets (relative to `lineStart`) of each field's trimmed text, and start offsets.
  public var starts: SIMD16<UInt16>
  public var ends: SIMD16<UInt16>
  /// The order id as a 64-bit key (see ``OrderStreamReader``); nil when the field is empty.
  public var idKey: UInt64?
  public var action: OrderAction
  public var side: Side?
  public var type: OrderType?
  public var tif: TimeInForce?
  public var price: IntegerField
  public var quantity: IntegerField

  /// The byte range of column `c`'s trimmed text in the buffer.
  @inlinable public func range(_ c: Column) -> Range<Int> {
    lineStart + Int(starts[c.rawValue]) ..< lineStart + Int(ends[c.rawValue])
  }
}
