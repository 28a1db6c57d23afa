/// The configuration of an induced-value double auction (Smith 1962; Gode & Sunder 1993): buyers
/// with private unit values, sellers with private unit costs, trading one unit per order over
/// several periods, each period starting with fresh endowments. Prices in integer ticks.
public struct DoubleAuctionConfig: Sendable, Equatable {
  /// How orders meet.
  public enum Mechanism: String, Sendable, CaseIterable {
    /// Continuous double auction: each order is matched on arrival.
    case continuous
    /// Periodic uniform-price call auction: every active trader submits one order per round.
    case call
  }

  /// How a trader prices its next unit.
  public enum Strategy: String, Sendable, CaseIterable {
    /// Bid its value / ask its cost.
    case truthful
    /// Zero intelligence, unconstrained: uniform on [priceMin, priceMax] (Gode & Sunder 1993).
    case ziu
    /// Zero intelligence, constrained: a buyer uniform on [priceMin, value], a seller uniform on
    /// [cost, priceMax]; never trades at a loss (Gode & Sunder 1993).
    case zic
    /// Zero intelligence plus (Cliff 1997): a profit margin adapted by Widrow–Hoff learning
    /// towards each observed shout.
    case zip
  }

  /// What the continuous book keeps between trades.
  public enum BookRule: String, Sendable, CaseIterable {
    /// Gode & Sunder's rule: only the best bid and best ask stand; a new bid (ask) must improve
    /// on the standing one or is ignored; a trade cancels every standing order.
    case bestQuotes
    /// A full limit-order book; each trader has at most one order, replaced by its next.
    case full
  }

  /// ZIP learning parameters (Cliff 1997): each trader draws its own from these ranges.
  public struct ZIPParameters: Sendable, Equatable {
    public var learningRate: ClosedRange<Double> = 0.1...0.5
    public var momentum: ClosedRange<Double> = 0.0...0.1
    public var initialMargin: ClosedRange<Double> = 0.05...0.35
    public init() {}
  }

  /// Unit values per buyer, in the order the units trade (each buyer's highest first).
  public var buyerValues: [[Int64]]
  /// Unit costs per seller, in the order the units trade (each seller's lowest first).
  public var sellerCosts: [[Int64]]
  public var periods: Int
  public var mechanism: Mechanism
  public var buyerStrategy: Strategy
  public var sellerStrategy: Strategy
  public var book: BookRule
  /// Expected order submissions per period (continuous; Poisson arrivals over a period of length 1).
  public var ordersPerPeriod: Int
  /// Call rounds per period (call).
  public var callRoundsPerPeriod: Int
  public var priceMin: Int64
  public var priceMax: Int64
  public var zip: ZIPParameters

  public init(buyerValues: [[Int64]], sellerCosts: [[Int64]], periods: Int = 6, mechanism: Mechanism = .continuous,
              buyerStrategy: Strategy = .zic, sellerStrategy: Strategy = .zic, book: BookRule = .bestQuotes,
              ordersPerPeriod: Int = 1_000, callRoundsPerPeriod: Int = 10, priceMin: Int64 = 1, priceMax: Int64 = 200,
              zip: ZIPParameters = ZIPParameters()) {
    self.buyerValues = buyerValues; self.sellerCosts = sellerCosts; self.periods = periods; self.mechanism = mechanism
    self.buyerStrategy = buyerStrategy; self.sellerStrategy = sellerStrategy; self.book = book
    self.ordersPerPeriod = ordersPerPeriod; self.callRoundsPerPeriod = callRoundsPerPeriod
    self.priceMin = priceMin; self.priceMax = priceMax; self.zip = zip
  }

  /// The equilibrium of one period's schedules.
  public var equilibrium: CompetitiveEquilibrium {
    CompetitiveEquilibrium.compute(values: buyerValues.flatMap { $0 }, costs: sellerCosts.flatMap { $0 })
  }
}
