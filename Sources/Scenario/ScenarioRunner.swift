import Market
import Output
import Simulation

/// Runs a validated scenario's model and collects its tables. Pure: the same scenario and seed
/// give the same result, whatever thread runs it.
public enum ScenarioRunner {
  /// Runs `scenario`; `recordTrades` asks for the per-trade table where the model has one.
  /// `checkInvariants` runs in invariants mode: the model's invariants are checked after every
  /// event and the first violation throws ``InvariantViolation`` (the results are otherwise the same).
  public static func run(_ scenario: Scenario, recordTrades: Bool = false, checkInvariants: Bool = false) throws -> RunResult {
    switch scenario.model {
    case .mm1(let p): return try runMM1(p, seed: scenario.seed, checked: checkInvariants)
    case .doubleAuction(let c):
      return try runDoubleAuction(c, seed: scenario.seed, recordTrades: recordTrades, checked: checkInvariants)
    case .dataMarket(let c):
      let (model, events) = checkInvariants ? try DataMarketModel.simulateChecked(c, seed: scenario.seed)
                                            : try DataMarketModel.simulate(c, seed: scenario.seed)
      return DataMarketOutput.result(model, events: events, recordTrades: recordTrades)
    case .testFunction(let m): return runTestFunction(m)
    }
  }

  static func runDoubleAuction(_ c: DoubleAuctionConfig, seed: UInt64, recordTrades: Bool, checked: Bool = false) throws -> RunResult {
    let (market, events) = checked ? try DoubleAuctionMarket.simulateChecked(c, seed: seed, recordTrades: recordTrades)
                                   : try DoubleAuctionMarket.simulate(c, seed: seed, recordTrades: recordTrades)
    let eq = market.equilibrium
    var periods = CSVTable(columns: ["period", "orders", "trades", "mean_price", "efficiency", "alpha_pct",
                                     "buyer_surplus", "seller_surplus", "realised_surplus", "max_surplus"])
    var all = DoubleAuctionPeriod(period: -1)
    for p in market.periods {
      periods.append([.int(p.period + 1), .int(p.orders), .int(p.trades), .double(p.meanPrice), .double(p.efficiency(maxSurplus: eq.maxSurplus)),
                      .double(p.alpha(equilibriumPrice: eq.price)), .int(Int(p.buyerSurplus)), .int(Int(p.sellerSurplus)),
                      .int(Int(p.realisedSurplus)), .int(Int(eq.maxSurplus))])
      all.accumulate(p)
    }
    let first = market.periods.first, last = market.periods.last
    let n = market.periods.count
    let metrics: [(name: String, value: CSVCell)] = [
      ("traders", .int(c.buyerValues.count + c.sellerCosts.count)),
      ("ce_quantity", .int(eq.quantity)),
      ("ce_price_low", .double(eq.priceLow)),
      ("ce_price_high", .double(eq.priceHigh)),
      ("max_surplus_per_period", .int(Int(eq.maxSurplus))),
      ("periods", .int(n)),
      ("orders", .int(all.orders)),
      ("trades", .int(all.trades)),
      ("trades_per_period", .double(Double(all.trades) / Double(max(n, 1)))),
      ("mean_price", .double(all.meanPrice)),
      ("efficiency", .double(eq.maxSurplus > 0 ? Double(all.realisedSurplus) / Double(eq.maxSurplus * Int64(n)) : .nan)),
      ("efficiency_first_period", .double(first?.efficiency(maxSurplus: eq.maxSurplus) ?? .nan)),
      ("efficiency_last_period", .double(last?.efficiency(maxSurplus: eq.maxSurplus) ?? .nan)),
      ("alpha_pct", .double(all.alpha(equilibriumPrice: eq.price))),
      ("alpha_first_period_pct", .double(first?.alpha(equilibriumPrice: eq.price) ?? .nan)),
      ("alpha_last_period_pct", .double(last?.alpha(equilibriumPrice: eq.price) ?? .nan)),
      ("buyer_surplus", .int(Int(all.buyerSurplus))),
      ("seller_surplus", .int(Int(all.sellerSurplus))),
    ]
    var trades: CSVTable?
    if recordTrades {
      var t = CSVTable(columns: ["period", "time", "price", "buyer", "seller", "buyer_value", "seller_cost"])
      for x in market.trades {
        t.append([.int(x.period + 1), .double(x.time), .int(Int(x.price)), .int(x.buyer), .int(x.seller),
                  .int(Int(x.buyerValue)), .int(Int(x.sellerCost))])
      }
      trades = t
    }
    var schedules = CSVTable(columns: ["side", "trader", "unit", "value_ticks"])
    for (i, units) in c.buyerValues.enumerated() { for (j, v) in units.enumerated() { schedules.append([.text("buyer"), .int(i), .int(j + 1), .int(Int(v))]) } }
    for (i, units) in c.sellerCosts.enumerated() { for (j, v) in units.enumerated() { schedules.append([.text("seller"), .int(i), .int(j + 1), .int(Int(v))]) } }
    return RunResult(metrics: metrics, periods: periods, trades: trades, entityTables: [("schedules.csv", schedules)], eventsProcessed: events)
  }

  static func runMM1(_ p: MM1Queue.Parameters, seed: UInt64, checked: Bool = false) throws -> RunResult {
    let (model, events, endTime) = checked ? try MM1Queue.simulateChecked(p, seed: seed) : try MM1Queue.simulate(p, seed: seed)
    var periods = CSVTable(columns: ["period", "end_time", "arrivals", "served", "mean_wait", "mean_queue_length"])
    for r in model.periods {
      periods.append([.int(r.index), .double(r.endTime), .int(r.arrivals), .int(r.served), .double(r.meanWait), .double(r.meanQueueLength)])
    }
    let ci = model.waits.confidenceInterval95
    // no customer after the warm-up (warmupCustomers ≥ customers): no wait was measured, and its
    // statistics are nan, as a period's mean wait is, not 0 and −∞
    let measured = model.waits.count > 0
    let metrics: [(name: String, value: CSVCell)] = [
      ("customers", .int(model.started)),
      ("end_time", .double(endTime)),
      ("utilization", .double(p.utilization)),
      ("mean_wait", .double(measured ? model.waits.mean : .nan)),
      ("theoretical_mean_wait", .double(p.theoreticalMeanWait)),
      ("wait_sd", .double(model.waits.standardDeviation)),
      ("wait_ci95_low_iid", .double(ci.low)),
      ("wait_ci95_high_iid", .double(ci.high)),
      ("max_wait", .double(measured ? model.waits.max : .nan)),
      ("mean_queue_length", .double(model.queueLength.average(at: endTime))),
    ]
    return RunResult(metrics: metrics, periods: periods, trades: nil, eventsProcessed: events)
  }
}

extension ScenarioRunner {
  /// The `testFunction` verification kind: one evaluation, summary metric `y`, a one-row periods table.
  static func runTestFunction(_ m: TestFunctionModel) -> RunResult {
    let y = m.value
    var periods = CSVTable(columns: ["period", "y"])
    periods.append([.int(1), .double(y)])
    return RunResult(metrics: [("y", .double(y))], periods: periods, trades: nil, eventsProcessed: 1)
  }
}
