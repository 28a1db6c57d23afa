import Market
import Output

/// The data market's CSV tables (DOMAIN.md §4.6): summary metrics over the periods after
/// warm-up, periods.csv (national, per buyer region and per exchange), contracts.csv,
/// providers.csv, trades.csv. Money in RMB 10,000; time in days.
enum DataMarketOutput {
  static func result(_ model: DataMarketModel, events: Int, recordTrades: Bool) -> RunResult {
    let c = model.config
    let periods = DataMarketColumns.periodsTable(model)
    // summary over the periods after warm-up
    let totals = DataMarketTotals(model)
    let metrics = DataMarketColumns.summary.map { (name: $0.name, value: $0.value(totals)) }
    let a = totals.activity, l = totals.ledger, years = totals.years
    // contracts.csv and providers.csv
    var contracts = CSVTable(columns: ["contract", "signed_day", "product", "buyer_region", "segment", "exchange", "type", "price_wan_rmb",
                                       "upfront_wan_rmb", "share", "bonus_wan_rmb", "threshold_wan_rmb", "believed_benefit_wan_rmb",
                                       "true_mean_benefit_wan_rmb", "benefit_wan_rmb", "paid_wan_rmb", "defaulted", "bad_product"])
    for k in model.contracts {
      contracts.append([.int(k.id), .double(k.signedAt), .int(Int(k.product)), .text(c.regions[k.buyerRegion].name),
                        .text(c.buyers.segments[k.segment].name), .text(k.exchange >= 0 ? c.exchanges[k.exchange].name : "off-exchange"),
                        .text(k.free ? "FREE" : k.terms.type.rawValue), .double(k.price), .double(k.terms.upfront), .double(k.terms.share), .double(k.terms.bonus),
                        .double(k.terms.threshold), .double(k.believedMeanBenefit), .double(k.trueMeanBenefit), .double(k.benefit),
                        .double(k.paid), .bool(k.defaulted), .bool(model.products[Int(k.product)].bad)])
    }
    var providers = CSVTable(columns: ["product", "region", "public", "bad", "quality", "claimed_quality", "readiness", "certified", "exchange",
                                       "listed", "price_wan_rmb", "sales", "revenue_wan_rmb", "fees_wan_rmb", "costs_wan_rmb", "profit_wan_rmb"])
    for (i, p) in model.products.enumerated() {
      providers.append([.int(i), .text(c.regions[p.region].name), .bool(p.isPublic), .bool(p.bad), .double(p.quality), .double(p.claimedQuality),
                        .double(p.readiness), .bool(p.certified), .text(p.exchange >= 0 ? c.exchanges[p.exchange].name : ""), .bool(p.listed),
                        .double(p.price), .int(p.sales), .double(p.revenue), .double(p.fees), .double(p.costs),
                        .double(p.revenue - p.fees - p.costs)])
    }
    var trades: CSVTable?
    if recordTrades {
      var tt = CSVTable(columns: ["day", "product", "exchange", "buyer_region", "price_wan_rmb", "contract"])
      for k in model.contracts {
        tt.append([.double(k.signedAt), .int(Int(k.product)), .text(k.exchange >= 0 ? c.exchanges[k.exchange].name : "off-exchange"),
                   .text(c.regions[k.buyerRegion].name), .double(k.price), .text(k.free ? "FREE" : k.terms.type.rawValue)])
      }
      trades = tt
    }
    var result = RunResult(metrics: metrics, periods: periods, trades: trades,
                           entityTables: [("contracts.csv", contracts), ("providers.csv", providers)], eventsProcessed: events)
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
