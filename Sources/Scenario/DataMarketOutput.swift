import Market
import Output

/// A data-market run's result: the tables the Market layer builds (summary, periods,
/// contracts, providers, trades) and the short headline `run` prints.
enum DataMarketOutput {
  static func result(_ model: DataMarketModel, events: Int, recordTrades: Bool) -> RunResult {
    let periods = DataMarketColumns.periodsTable(model)
    // summary over the periods after warm-up
    let totals = DataMarketTotals(model)
    let metrics = DataMarketColumns.summary.map { (name: $0.name, value: $0.value(totals)) }
    let a = totals.activity, l = totals.ledger, years = totals.years
    let trades = recordTrades ? DataMarketTables.trades(model) : nil
    var result = RunResult(metrics: metrics, periods: periods, trades: trades,
                           entityTables: [("contracts.csv", DataMarketTables.contracts(model)),
                                          ("providers.csv", DataMarketTables.providers(model))], eventsProcessed: events)
    func money(_ x: Double) -> String { x.isFinite ? (Swift.abs(x) < 1e15 ? String(Int(x.rounded())) : x.description) : "nan" }
    func pct(_ x: Double) -> String { x.isFinite && Swift.abs(x) < 1e12 ? "\((x * 1000).rounded() / 10)%" : "nan" }
    result.headline = [
      ("periods measured (after warm-up)", "\(totals.measuredPeriods) of \(model.periods.count)"),
      ("GMV per year (RMB 10,000)", money(years > 0 ? a.gmv / years : .nan)),
      ("trades", "\(a.trades)"),
      ("match rate", pct(a.matchRate)),
      ("on-exchange share of GMV", pct(a.onExchangeShare)),
      ("cross-region share of GMV", pct(a.crossRegionShare)),
      ("trades in bad products", pct(a.badTradeShare)),
      ("buyer surplus (RMB 10,000)", money(l.buyerSurplus)),
      ("provider profit", money(l.providerProfit)),
      ("exchange profit", money(l.exchangeProfit)),
      ("public operator profit", money(l.operatorProfit)),
      ("government cost", money(l.governmentCost)),
      ("total welfare", money(l.totalWelfare)),
      ("total welfare, benefits in expectation", money(l.expectedTotalWelfare)),
    ]
    return result
  }
}
