import Output
import Simulation

/// Runs a validated scenario's model and collects its tables. Pure: the same scenario and seed
/// give the same result, whatever thread runs it.
public enum ScenarioRunner {
  /// Runs `scenario`; `recordTrades` asks for the per-trade table where the model has one.
  public static func run(_ scenario: Scenario, recordTrades: Bool = false) throws -> RunResult {
    switch scenario.model {
    case .mm1(let p): return try runMM1(p, seed: scenario.seed)
    }
  }

  static func runMM1(_ p: MM1Queue.Parameters, seed: UInt64) throws -> RunResult {
    let (model, events, endTime) = try MM1Queue.simulate(p, seed: seed)
    var periods = CSVTable(columns: ["period", "end_time", "arrivals", "served", "mean_wait", "mean_queue_length"])
    for r in model.periods {
      periods.append([.int(r.index), .double(r.endTime), .int(r.arrivals), .int(r.served), .double(r.meanWait), .double(r.meanQueueLength)])
    }
    let ci = model.waits.confidenceInterval95
    let metrics: [(name: String, value: CSVCell)] = [
      ("customers", .int(model.started)),
      ("end_time", .double(endTime)),
      ("utilization", .double(p.utilization)),
      ("mean_wait", .double(model.waits.mean)),
      ("theoretical_mean_wait", .double(p.theoreticalMeanWait)),
      ("wait_sd", .double(model.waits.standardDeviation)),
      ("wait_ci95_low_iid", .double(ci.low)),
      ("wait_ci95_high_iid", .double(ci.high)),
      ("max_wait", .double(model.waits.max)),
      ("mean_queue_length", .double(model.queueLength.average(at: endTime))),
    ]
    return RunResult(metrics: metrics, periods: periods, trades: nil, eventsProcessed: events)
  }
}
