import Matching
import Simulation

/// The induced-value double auction as a discrete-event model. Orders arrive as a Poisson stream
/// (continuous mechanism) or in call rounds; each comes from a trader chosen uniformly among
/// those with units left, priced by its strategy, for one unit, and trades through the Matching
/// layer (``MatchingEngine`` or ``CallAuction``). Each period lasts one time unit and begins
/// with fresh endowments. Random streams: "selection", "prices", "arrivals", "zip".
public struct DoubleAuctionMarket: SimulationModel {
  public enum Event: Sendable, CustomStringConvertible {
    case order
    case callRound
    case periodEnd(Int)
    public var description: String {
      switch self {
      case .order: return "order"
      case .callRound: return "callRound"
      case .periodEnd(let p): return "periodEnd(\(p))"
      }
    }
  }

  public let config: DoubleAuctionConfig
  public let equilibrium: CompetitiveEquilibrium
  let buyers: Int
  let traders: Int
  /// Unit limits (values, then costs) of every trader, flattened; trader t owns unitStart[t]..<unitEnd[t].
  let unitLimit: [Int64]
  let unitStart: [Int]
  let unitEnd: [Int]
  var nextUnit: [Int]
  var slot: [Int32]
  var active: [Int32] = []
  var activePosition: [Int32]
  var standingBid: Int32 = -1
  var standingAsk: Int32 = -1
  let engine = MatchingEngine(books: 1, initialSpan: 512)
  var selection: Xoshiro256StarStar
  var prices: Xoshiro256StarStar
  var arrivals: Xoshiro256StarStar
  var zipRNG: Xoshiro256StarStar
  var margin: [Double]
  var learningRate: [Double]
  var momentumRate: [Double]
  var momentum: [Double]
  var lastCallPrice: Int64
  let recordTrades: Bool

  /// Per-period results, in order.
  public private(set) var periods: [DoubleAuctionPeriod] = []
  /// Every trade (when recording).
  public private(set) var trades: [DoubleAuctionTrade] = []
  var current: DoubleAuctionPeriod
  var period = 0

  public init(config: DoubleAuctionConfig, seed: UInt64, recordTrades: Bool = false) {
    self.config = config
    equilibrium = config.equilibrium
    buyers = config.buyerValues.count
    let schedules = config.buyerValues + config.sellerCosts
    traders = schedules.count
    var limits: [Int64] = [], starts: [Int] = [], ends: [Int] = []
    for s in schedules { starts.append(limits.count); limits.append(contentsOf: s); ends.append(limits.count) }
    unitLimit = limits; unitStart = starts; unitEnd = ends
    nextUnit = starts
    slot = Array(repeating: -1, count: traders)
    activePosition = Array(repeating: -1, count: traders)
    let streams = RandomStreams(masterSeed: seed)
    selection = streams.stream("selection"); prices = streams.stream("prices")
    arrivals = streams.stream("arrivals"); zipRNG = streams.stream("zip")
    margin = []; learningRate = []; momentumRate = []
    for _ in 0..<traders {
      margin.append(UniformDistribution(low: config.zip.initialMargin.lowerBound, high: config.zip.initialMargin.upperBound).sample(using: &zipRNG))
      learningRate.append(UniformDistribution(low: config.zip.learningRate.lowerBound, high: config.zip.learningRate.upperBound).sample(using: &zipRNG))
      momentumRate.append(UniformDistribution(low: config.zip.momentum.lowerBound, high: config.zip.momentum.upperBound).sample(using: &zipRNG))
    }
    momentum = Array(repeating: 0, count: traders)
    lastCallPrice = equilibrium.quantity > 0 ? Int64(equilibrium.price.rounded()) : (config.priceMin + config.priceMax) / 2
    self.recordTrades = recordTrades
    current = DoubleAuctionPeriod(period: 0)
  }

  /// Opens period 0 and schedules the first events.
  public mutating func start(_ kernel: inout Kernel<Event>) throws {
    openPeriod(0)
    try kernel.schedule(.periodEnd(0), at: 1, priority: -1)
    if config.mechanism == .continuous {
      try kernel.schedule(.order, after: nextArrival())  // one Poisson stream across all periods
    } else {
      try scheduleCallRounds(&kernel, periodStart: 0)
    }
  }

  /// Call rounds at evenly spaced times inside the period.
  mutating func scheduleCallRounds(_ kernel: inout Kernel<Event>, periodStart: Double) throws {
    let rounds = config.callRoundsPerPeriod
    for k in 1...rounds { try kernel.schedule(.callRound, at: periodStart + Double(k) / Double(rounds + 1)) }
  }

  mutating func nextArrival() -> Double { -_log(arrivals.nextOpenUnitDouble()) / Double(config.ordersPerPeriod) }

  public mutating func handle(_ event: Event, kernel: inout Kernel<Event>) throws {
    switch event {
    case .order:
      if !active.isEmpty { submitContinuous(at: kernel.now) }
      try kernel.schedule(.order, after: nextArrival())
    case .callRound:
      runCallRound(at: kernel.now)
    case .periodEnd(let p):
      periods.append(current)
      if p + 1 >= config.periods { kernel.stop(); return }
      openPeriod(p + 1)
      try kernel.schedule(.periodEnd(p + 1), at: Double(p + 2), priority: -1)
      if config.mechanism == .call { try scheduleCallRounds(&kernel, periodStart: Double(p + 1)) }
    }
  }

  mutating func openPeriod(_ p: Int) {
    period = p
    current = DoubleAuctionPeriod(period: p)
    for t in 0..<traders where slot[t] >= 0 { engine.cancel(slot[t]); slot[t] = -1 }
    clearStanding()
    nextUnit = unitStart
    active.removeAll(keepingCapacity: true)
    for t in 0..<traders where unitStart[t] < unitEnd[t] {
      activePosition[t] = Int32(active.count)
      active.append(Int32(t))
    }
  }

  mutating func clearStanding() {
    if standingBid >= 0 { engine.cancel(standingBid); standingBid = -1 }
    if standingAsk >= 0 { engine.cancel(standingAsk); standingAsk = -1 }
  }

  func isBuyer(_ t: Int) -> Bool { t < buyers }

  /// The price trader `t` asks or bids for its next unit, in [priceMin, priceMax].
  mutating func quote(_ t: Int) -> Int64 {
    let limit = unitLimit[nextUnit[t]]
    let lo = config.priceMin, hi = config.priceMax
    let buyer = isBuyer(t)
    let strategy = buyer ? config.buyerStrategy : config.sellerStrategy
    let p: Int64
    switch strategy {
    case .truthful: p = limit
    case .ziu: p = UniformIntegerDistribution(low: lo, high: hi).sample(using: &prices)
    case .zic:
      p = buyer ? UniformIntegerDistribution(low: lo, high: max(lo, min(limit, hi))).sample(using: &prices)
                : UniformIntegerDistribution(low: min(max(limit, lo), hi), high: hi).sample(using: &prices)
    case .zip:
      let raw = buyer ? Double(limit) * (1 - margin[t]) : Double(limit) * (1 + margin[t])
      let r = Int64(raw.rounded())
      p = buyer ? min(r, limit) : max(r, limit)
    }
    return min(max(p, lo), hi)
  }

  mutating func submitContinuous(at time: Double) {
    let t = Int(active[Int(UniformIntegerDistribution.below(UInt64(active.count), using: &selection))])
    let side: Side = isBuyer(t) ? .buy : .sell
    let price = quote(t)
    current.orders += 1
    var accepted = false
    var improving = true
    if config.book == .bestQuotes {
      if side == .buy, let bb = engine.bestBid(0), price <= bb { improving = false }
      if side == .sell, let ba = engine.bestAsk(0), price >= ba { improving = false }
    } else if slot[t] >= 0 {
      engine.cancel(slot[t]); slot[t] = -1
    }
    if improving {
      let left = engine.match(book: 0, side: side, limit: price, quantity: 1)
      if left == 0, let fill = engine.fills.first {
        let maker = Int(fill.makerID)
        if config.book == .full { slot[maker] = -1 }
        if fill.makerSlot == standingBid { standingBid = -1 }
        if fill.makerSlot == standingAsk { standingAsk = -1 }
        recordTrade(buyer: side == .buy ? t : maker, seller: side == .buy ? maker : t, price: fill.price, time: time)
        if config.book == .bestQuotes { clearStanding() }
        accepted = true
        if config.buyerStrategy == .zip || config.sellerStrategy == .zip { learn(price: fill.price, side: side, accepted: true) }
        return
      }
      let s = engine.rest(book: 0, id: UInt64(t), side: side, price: price, quantity: 1)
      if config.book == .bestQuotes {
        if side == .buy { if standingBid >= 0 { engine.cancel(standingBid) }; standingBid = s }
        else { if standingAsk >= 0 { engine.cancel(standingAsk) }; standingAsk = s }
      } else {
        slot[t] = s
      }
    }
    if !accepted && (config.buyerStrategy == .zip || config.sellerStrategy == .zip) { learn(price: price, side: side, accepted: false) }
  }

  mutating func runCallRound(at time: Double) {
    guard !active.isEmpty else { return }
    var auction = CallAuction()
    // Submission order (time priority) is a random permutation of the active traders.
    var order = active
    for i in stride(from: order.count - 1, to: 0, by: -1) {
      order.swapAt(i, Int(UniformIntegerDistribution.below(UInt64(i + 1), using: &selection)))
    }
    for t32 in order {
      let t = Int(t32)
      auction.add(.init(id: UInt64(t), side: isBuyer(t) ? .buy : .sell, price: quote(t), quantity: 1))
      current.orders += 1
    }
    let result = auction.clear(referencePrice: lastCallPrice)
    guard let price = result.price else { return }
    lastCallPrice = price
    for e in result.executions {
      for _ in 0..<e.quantity { recordTrade(buyer: Int(e.buyID), seller: Int(e.sellID), price: price, time: time) }
    }
  }

  mutating func recordTrade(buyer b: Int, seller s: Int, price: Int64, time: Double) {
    let value = unitLimit[nextUnit[b]], cost = unitLimit[nextUnit[s]]
    current.trades += 1
    current.turnover += price
    current.buyerSurplus += value - price
    current.sellerSurplus += price - cost
    let deviation = Double(price) - equilibrium.price
    current.squaredDeviation += deviation * deviation
    if recordTrades {
      trades.append(DoubleAuctionTrade(period: period, time: time, price: price, buyer: b, seller: s - buyers,
                                       buyerValue: value, sellerCost: cost))
    }
    advanceUnit(b)
    advanceUnit(s)
  }

  /// Moves a trader to its next unit, leaving the active set when it has none left.
  mutating func advanceUnit(_ t: Int) {
    nextUnit[t] += 1
    if nextUnit[t] == unitEnd[t] { deactivate(t) }
  }

  mutating func deactivate(_ t: Int) {
    if slot[t] >= 0 { engine.cancel(slot[t]); slot[t] = -1 }
    let p = Int(activePosition[t])
    let last = active.removeLast()
    if Int(last) != t { active[p] = last; activePosition[Int(last)] = Int32(p) }
    activePosition[t] = -1
  }

  /// ZIP (Cliff 1997): after a shout at `price` by `side`, every active trader moves its price a
  /// fraction β of the way to a target just beyond the shout, with momentum γ.
  mutating func learn(price: Int64, side: Side, accepted: Bool) {
    let q = Double(price)
    for t32 in active {
      let t = Int(t32)
      let buyer = isBuyer(t)
      guard (buyer ? config.buyerStrategy : config.sellerStrategy) == .zip else { continue }
      let limit = Double(unitLimit[nextUnit[t]])
      let p = buyer ? limit * (1 - margin[t]) : limit * (1 + margin[t])
      var target: Double?
      let up = q * UniformDistribution(low: 1, high: 1.05).sample(using: &zipRNG) + UniformDistribution(low: 0, high: 0.05).sample(using: &zipRNG)
      let down = q * UniformDistribution(low: 0.95, high: 1).sample(using: &zipRNG) - UniformDistribution(low: 0, high: 0.05).sample(using: &zipRNG)
      if buyer {
        if accepted && p >= q { target = down }
        else if accepted && side == .sell && p <= q { target = up }
        else if !accepted && side == .buy && p <= q { target = up }
      } else {
        if accepted && p <= q { target = up }
        else if accepted && side == .buy && p >= q { target = down }
        else if !accepted && side == .sell && p >= q { target = down }
      }
      guard let tau = target, limit > 0 else { continue }
      let delta = learningRate[t] * (tau - p)
      momentum[t] = momentumRate[t] * momentum[t] + (1 - momentumRate[t]) * delta
      let newPrice = p + momentum[t]
      margin[t] = buyer ? min(1, max(0, 1 - newPrice / limit)) : max(0, newPrice / limit - 1)
    }
  }

  /// Runs the whole market; returns the model and events handled.
  public static func simulate(_ config: DoubleAuctionConfig, seed: UInt64, recordTrades: Bool = false) throws -> (DoubleAuctionMarket, Int) {
    var sim = Simulator(model: DoubleAuctionMarket(config: config, seed: seed, recordTrades: recordTrades), capacity: 64)
    try sim.model.start(&sim.kernel)
    try sim.run()
    return (sim.model, sim.kernel.eventsProcessed)
  }
}
