/// The side of an order.
@frozen public enum Side: UInt8, Sendable, Equatable {
  case buy = 0, sell = 1
  /// The other side.
  @inlinable public var opposite: Side { self == .buy ? .sell : .buy }
  /// `buy` or `sell`, as written in order streams.
  public var text: String { self == .buy ? "buy" : "sell" }
}

/// Limit orders carry a price in ticks; market orders take any price and never rest.
@frozen public enum OrderType: UInt8, Sendable, Equatable { case limit, market }

/// How long an order's remainder lives: `gtc` rests, `ioc` cancels what does not fill at once,
/// `fok` fills completely at once or not at all.
@frozen public enum TimeInForce: UInt8, Sendable, Equatable { case gtc, ioc, fok }

/// One execution between a resting order (the maker) and an incoming one.
/// Prices are integer ticks, quantities integer units (licences, lots).
@frozen public struct Fill: Sendable, Equatable {
  /// Caller's id of the resting order.
  public var makerID: UInt64
  /// The resting order's price, in ticks.
  public var price: Int64
  /// Units traded.
  public var quantity: Int64
  /// Arena slot of the resting order.
  public var makerSlot: Int32
  /// Whether the resting order is now completely filled (and gone from the book).
  public var makerDone: Bool

  @inlinable public init(makerSlot: Int32, makerID: UInt64, price: Int64, quantity: Int64, makerDone: Bool) {
    self.makerSlot = makerSlot; self.makerID = makerID
    self.price = price; self.quantity = quantity; self.makerDone = makerDone
  }
}
