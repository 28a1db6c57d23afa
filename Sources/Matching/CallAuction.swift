/// A uniform-price call auction (periodic batch market): orders are collected, then cleared at
/// once at a single price.
///
/// **Clearing rule**, among the limit prices present (every order executes at that price):
/// 1. maximise executable volume V(p) = min(D(p), S(p)), D(p) the buy quantity with limit ≥ p
///    (market buys always), S(p) the sell quantity with limit ≤ p (market sells always);
/// 2. then minimise the order imbalance |D(p) − S(p)|;
/// 3. then minimise the distance |p − reference price|;
/// 4. then take the lower price.
///
/// **Allocation:** buys by price (highest first) then time, sells by price (lowest first) then
/// time; orders fill in that order until V is used up, so at most one order per side is partly
/// filled. Trades pair buyers and sellers in priority order. A non-depleting sell
/// (`unlimited`) supplies any quantity at its price or better. Prices in ticks, quantities in units.
public struct CallAuction: Sendable {
  /// An order in the auction. `price` nil means a market order.
  public struct Order: Sendable, Equatable {
    public var id: UInt64
    public var side: Side
    public var price: Int64?
    public var quantity: Int64
    public var unlimited: Bool
    public init(id: UInt64, side: Side, price: Int64?, quantity: Int64, unlimited: Bool = false) {
      self.id = id; self.side = side; self.price = price; self.quantity = quantity; self.unlimited = unlimited
    }
  }

  /// One execution at the clearing price.
  public struct Execution: Sendable, Equatable {
    public var buyID: UInt64
    public var sellID: UInt64
    public var quantity: Int64
  }

  /// The outcome of clearing.
  public struct Result: Sendable, Equatable {
    /// The clearing price, nil when nothing can trade.
    public var price: Int64?
    /// Units executed.
    public var volume: Int64
    /// |D(p) − S(p)| at the clearing price (0 when a non-depleting sell sets supply).
    public var imbalance: Int64
    public var executions: [Execution]
  }

  /// Orders in arrival (time) order.
  public private(set) var orders: [Order] = []

  public init() {}

  /// Adds an order. - Precondition: quantity ≥ 1 and price, if any, ≥ 1.
  public mutating func add(_ order: Order) {
    precondition(order.quantity >= 1 && (order.price ?? 1) >= 1, "call auction orders need quantity >= 1 and price >= 1")
    orders.append(order)
  }

  /// Clears the auction. `referencePrice` breaks ties (e.g. the last clearing price).
  public func clear(referencePrice: Int64) -> Result {
    let prices = Set(orders.compactMap(\.price)).sorted()
    let infinite = Int64.max / 4
    var best: (price: Int64, volume: Int64, imbalance: Int64)?
    for p in prices {
      var demand: Int64 = 0, supply: Int64 = 0
      var unlimitedSupply = false
      for o in orders {
        if o.side == .buy, o.price.map({ $0 >= p }) ?? true { demand += o.quantity }
        if o.side == .sell, o.price.map({ $0 <= p }) ?? true {
          if o.unlimited { unlimitedSupply = true } else { supply += o.quantity }
        }
      }
      if unlimitedSupply { supply = infinite }
      let volume = min(demand, supply)
      let imbalance = unlimitedSupply ? 0 : abs(demand - supply)
      guard volume > 0 else { continue }
      if let b = best {
        let better = volume > b.volume
          || (volume == b.volume && imbalance < b.imbalance)
          || (volume == b.volume && imbalance == b.imbalance && abs(p - referencePrice) < abs(b.price - referencePrice))
        if !better { continue }
      }
      best = (p, volume, imbalance)
    }
    guard let clearing = best else { return Result(price: nil, volume: 0, imbalance: 0, executions: []) }
    let p = clearing.price
    let indexed = orders.enumerated()
    let buys = indexed.filter { $0.element.side == .buy && ($0.element.price.map { $0 >= p } ?? true) }
      .sorted { ($0.element.price ?? .max, -$0.offset) > ($1.element.price ?? .max, -$1.offset) }.map(\.element)
    let sells = indexed.filter { $0.element.side == .sell && ($0.element.price.map { $0 <= p } ?? true) }
      .sorted { ($0.element.price ?? .min, $0.offset) < ($1.element.price ?? .min, $1.offset) }.map(\.element)
    var executions: [Execution] = []
    var left = clearing.volume
    var b = 0, s = 0
    var buyLeft = buys.first?.quantity ?? 0
    var sellLeft = sells.first.map { $0.unlimited ? infinite : $0.quantity } ?? 0
    while left > 0 && b < buys.count && s < sells.count {
      let q = min(left, buyLeft, sellLeft)
      executions.append(Execution(buyID: buys[b].id, sellID: sells[s].id, quantity: q))
      left -= q; buyLeft -= q; sellLeft -= q
      if buyLeft == 0 { b += 1; buyLeft = b < buys.count ? buys[b].quantity : 0 }
      if sellLeft == 0 { s += 1; sellLeft = s < sells.count ? (sells[s].unlimited ? infinite : sells[s].quantity) : 0 }
    }
    return Result(price: p, volume: clearing.volume, imbalance: clearing.imbalance, executions: executions)
  }

  /// Removes every order.
  public mutating func reset() { orders.removeAll(keepingCapacity: true) }
}
