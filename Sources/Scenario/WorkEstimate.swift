import Market
import Simulation

/// An estimate, made before a run, of how much work a scenario implies: events handled, agents
/// and entities kept, and peak memory in bytes, each with the scenario keys that drive it. Pure
/// arithmetic on the configuration (nothing is simulated); upper-biased where the model is
/// random, so that a run inside the ``WorkLimits`` is a run that finishes.
///
/// - `mm1`: the run ends when `customers` services have started, at time ≈ C / min(λ, μ); events ≈
///   C departures + C·max(1, ρ) arrivals + one per period. With ρ = λ/μ ≥ 1 the queue grows: up to
///   ≈ C·(1 − 1/ρ) waiting customers (8 bytes each).
/// - `doubleAuction`: order submissions `ordersPerPeriod × periods` (continuous) or
///   `callRoundsPerPeriod × periods × traders` (call); memory ≈ the unit schedules (buyers and
///   sellers × units) and, with `--trades`, one record per unit traded.
/// - `dataMarket`: horizon T = periods × periodDays; provider arrivals Σ_r λ_P,r·T (plus the
///   public operator's products); buyer arrivals Σ_r λ_B,r·T·M, where M bounds M4's network-effect
///   multiplier (1 + ν_B ln(1 + L)) / (1 + ν_B ln(1 + L_ref)) with L ≤ every product ever created
///   (at least 1). Each buyer arrival causes at most two follow-ups (patience end, benefit
///   realisation); each provider at most ``providerFollowUps`` (registration and review attempts).
///   A buyer's arrival weighs its whole consideration set, so above the default 30 listings its
///   events count as `considerationSetSize / 30` events each (the limit is one of work, not of
///   calendar entries).
///   Memory ≈ per buyer (a waiting record, a resting order, a contract and its output row) and per
///   product (record, book window, domain vector; a public product's window spans its cap, see
///   ``publicBookLevels(_:)``) plus the period records and firm memberships.
public struct WorkEstimate: Sendable, Equatable {
  /// One estimated quantity and the keys that drive it (JSON paths as written in scenario files).
  public struct Figure: Sendable, Equatable {
    public var value: Double
    public var keys: [String]
    public init(_ value: Double, keys: [String]) { self.value = value; self.keys = keys }
  }

  /// Events the kernel handles (for the call auction: orders submitted, its unit of work).
  public var events: Figure
  /// Agents and entities kept in memory (customers, traders' units, products and buyers).
  public var entities: Figure
  /// Peak memory in bytes.
  public var memoryBytes: Figure

  public init(events: Figure, entities: Figure, memoryBytes: Figure) {
    self.events = events; self.entities = entities; self.memoryBytes = memoryBytes
  }

  /// Upper bound on a data-market provider's follow-up events: registration and review attempts.
  static let providerFollowUps = 6.0
  /// Bytes per data-market buyer arrival that bids or signs: waiting record, bid-slot map entry,
  /// resting order, calendar entries, contract and its contracts.csv row.
  static var bytesPerBuyer: Double { 96 + 48 + 32 + 64 + Double(MemoryLayout<DataMarketModel.Contract>.stride) + 512 }
  /// Bytes per product: record, its book's first window (levels and bitmap), GMV columns.
  static var bytesPerProduct: Double {
    Double(MemoryLayout<DataMarketModel.Product>.stride) + Double(DataMarketModel.initialBookLevels) * 8.125 + 128 + 64 + 512
  }

  /// The estimate for `scenario`'s model.
  public static func of(_ scenario: Scenario) -> WorkEstimate {
    switch scenario.model {
    case .mm1(let p): return mm1(p)
    case .doubleAuction(let c): return doubleAuction(c)
    case .dataMarket(let c): return dataMarket(c)
    case .testFunction(let m):
      return WorkEstimate(events: Figure(1, keys: ["function"]), entities: Figure(Double(m.inputCount), keys: ["function"]),
                          memoryBytes: Figure(4_096, keys: ["function"]))
    }
  }

  static func mm1(_ p: MM1Queue.Parameters) -> WorkEstimate {
    let c = Double(p.customers), rho = p.utilization
    let horizon = c / min(p.arrivalRate, p.serviceRate)
    let periods = horizon / p.periodLength
    let events = c + c * max(1, rho) + periods
    let waiting = rho >= 1 ? c * (1 - 1 / rho) : 0
    let memory = waiting * 8 + periods * 48 + 65_536
    var eventKeys = ["queue.customers"]
    if rho >= 1 { eventKeys.append("queue.arrivalRate / queue.serviceRate") }
    // the periods span the horizon, which the slower of the two rates sets
    let horizonKeys = ["queue.periodLength", "queue.customers", p.arrivalRate <= p.serviceRate ? "queue.arrivalRate" : "queue.serviceRate"]
    if periods > c { eventKeys = horizonKeys }
    var memoryKeys = ["queue.customers", "queue.arrivalRate / queue.serviceRate"]
    if periods * 48 > waiting * 8 { memoryKeys = horizonKeys }
    return WorkEstimate(events: Figure(events, keys: eventKeys), entities: Figure(c, keys: ["queue.customers"]),
                        memoryBytes: Figure(memory, keys: memoryKeys))
  }

  static func doubleAuction(_ c: DoubleAuctionConfig) -> WorkEstimate {
    let traders = Double(c.buyerValues.count + c.sellerCosts.count)
    let units = Double(c.buyerValues.reduce(0) { $0 + $1.count } + c.sellerCosts.reduce(0) { $0 + $1.count })
    let periods = Double(c.periods)
    let events: Figure
    switch c.mechanism {
    case .continuous:
      events = Figure(Double(c.ordersPerPeriod) * periods + periods, keys: ["market.ordersPerPeriod", "market.periods"])
    case .call:
      events = Figure(Double(c.callRoundsPerPeriod) * periods * traders + periods,
                      keys: ["market.callRoundsPerPeriod", "market.periods", "market.buyers/sellers (or market.random)"])
    }
    // schedules (config, flattened copy, equilibrium sort), per-trader state, one trade record per
    // unit and period at most (with --trades), per-period records
    let memory = units * 8 * 4 + traders * 96 + min(units / 2, Double(c.ordersPerPeriod)) * periods * 48 + periods * 128 + 65_536
    let unitKeys = ["market.random.buyers", "market.random.sellers", "market.random.units"]
    return WorkEstimate(events: events, entities: Figure(units, keys: unitKeys),
                        memoryBytes: Figure(memory, keys: unitKeys + ["market.periods"]))
  }
}

extension WorkEstimate {
  /// `≈ 1.2e6 events, 3400 entities, 12.5 MB peak memory`: what `validate` prints.
  public var summary: String {
    "≈ \(WorkLimits.count(events.value)) events, \(WorkLimits.count(entities.value)) entities, "
      + "\(WorkLimits.bytes(memoryBytes.value)) peak memory"
  }
}
