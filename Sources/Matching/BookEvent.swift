/// One trade of an order stream, in the order it happened: `trade_id` from 1, the resting order's
/// price, and the side of the incoming order that caused it.
@frozen public struct Trade: Sendable, Equatable {
  public var tradeID: Int
  public var buyKey: UInt64
  public var sellKey: UInt64
  public var price: Int64
  public var quantity: Int64
  public var aggressor: Side
  public init(tradeID: Int, buyKey: UInt64, sellKey: UInt64, price: Int64, quantity: Int64, aggressor: Side) {
    self.tradeID = tradeID; self.buyKey = buyKey; self.sellKey = sellKey; self.price = price
    self.quantity = quantity; self.aggressor = aggressor
  }
}

/// One row of the events stream (`ts,order_id,event,side,price,qty,detail`) for the input row
/// being processed; ts and order_id are always the row's.
@frozen public struct BookEvent: Sendable, Equatable {
  /// The `event` column.
  public enum Kind: UInt8, Sendable { case accept, reject, cancel, replace }

  /// The `detail` column: a reject reason, a cancel reason, or a replace's priority outcome.
  public enum Detail: String, Sendable, CaseIterable {
    case none = ""
    case badSide = "bad_side", badType = "bad_type", badTif = "bad_tif", badQty = "bad_qty", badPrice = "bad_price"
    case duplicateOrderID = "duplicate_order_id", badAction = "bad_action", badOrderID = "bad_order_id"
    case unknownOrder = "unknown_order", notActive = "not_active"
    case user, fok, ioc, market
    case keptPriority = "kept_priority", lostPriority = "lost_priority"
    /// Extension: the remainder could not rest because the book's resting prices would span
    /// more than ``MatchingEngine/maximumSpan`` ticks.
    case priceRange = "price_range"
  }

  /// How one of the side, price and qty columns is filled.
  public enum Field: Sendable, Equatable {
    case empty
    /// The row's own trimmed text of that column.
    case asWritten
    case side(Side)
    case integer(Int64)
  }

  public var kind: Kind
  public var side: Field
  public var price: Field
  public var quantity: Field
  public var detail: Detail

  public init(_ kind: Kind, side: Field, price: Field, quantity: Field, detail: Detail = .none) {
    self.kind = kind; self.side = side; self.price = price; self.quantity = quantity; self.detail = detail
  }
}
