import Market
import Output

/// The data market's CSV tables (DOMAIN.md §4.6): summary metrics over the periods after
/// warm-up, periods.csv (national, per buyer region and per exchange), contracts.csv,
/// providers.csv, trades.csv. Money in RMB 10,000; time in days.
enum DataMarketOutput {
  static let periodColumns = [
    "period", "scope", "name", "buyer_arrivals", "trades", "match_rate", "mean_time_to_match_days", "gmv_wan_rmb",
    "on_exchange_gmv_wan_rmb", "on_exchange_share", "cross_region_gmv_wan_rmb", "cross_region_share", "bad_trade_share",
    "ai_trades", "ai_gmv_wan_rmb", "public_commercial_trades", "public_free_uses", "sales_weighted_readiness",
    "price_per_quality_cv", "listings", "defaults", "buyer_payments_wan_rmb", "provider_receipts_wan_rmb",
    "exchange_trade_fees_wan_rmb", "public_operator_revenue_wan_rmb", "buyer_surplus_wan_rmb", "provider_profit_wan_rmb",
    "exchange_profit_wan_rmb", "operator_profit_wan_rmb", "government_cost_wan_rmb", "total_welfare_wan_rmb",
    "provider_hhi", "exchange_hhi", "public_price_cap_wan_rmb", "clawback_wan_rmb",
  ] + ContractType.allCases.map { "contracts_\($0.rawValue.lowercased())" }

  static func activityCells(_ a: DataMarketActivity) -> [CSVCell] {
    [
      .int(a.buyerArrivals), .int(a.trades), .double(a.matchRate), .double(a.meanTimeToMatchDays), .double(a.gmv),
      .double(a.onExchangeGMV), .double(a.onExchangeShare), .double(a.crossRegionGMV), .double(a.crossRegionShare),
      .double(a.badTradeShare), .int(a.aiTrades), .double(a.aiGMV), .int(a.publicCommercialTrades),
      .int(a.publicFreeUses), .double(a.salesWeightedReadiness), .double(a.pricePerQuality.coefficientOfVariation),
    ]
  }

  /// An exchange's own columns of the ledger block: trade fees and profit (Rev_e − Cost_e).
  static func exchangeLedgerCells(_ l: DataMarketLedger) -> [CSVCell] {
    [.empty, .empty, .double(l.exchangeTradeFees), .empty, .empty, .empty, .double(l.exchangeProfit), .empty, .empty, .empty]
  }

  static func ledgerCells(_ l: DataMarketLedger?) -> [CSVCell] {
    guard let l else { return Array(repeating: .empty, count: 10) }
    return [.double(l.buyerPayments), .double(l.providerReceipts), .double(l.exchangeTradeFees), .double(l.publicOperatorRevenue),
            .double(l.buyerSurplus), .double(l.providerProfit), .double(l.exchangeProfit), .double(l.operatorProfit),
            .double(l.governmentCost), .double(l.totalWelfare)]
  }

  static func result(_ model: DataMarketModel, events: Int, recordTrades: Bool) -> RunResult {
    let c = model.config
    var periods = CSVTable(columns: periodColumns)
    for p in model.periods {
      func row(_ scope: String, _ name: String, _ a: DataMarketActivity, listings: CSVCell, ledger: [CSVCell], national: Bool) {
        periods.append([.int(p.index + 1), .text(scope), .text(name)] + activityCells(a) + [listings, .int(a.defaults)]
                       + ledger
                       + (national ? [.double(p.providerHHI), .double(p.exchangeHHI), .double(p.publicPriceCap), .double(p.clawback)]
                                   : [.empty, .empty, .empty, .empty])
                       + a.contractCounts.map { .int($0) })
      }
      row("national", "all", p.national, listings: .int(p.listings.reduce(0, +)), ledger: ledgerCells(p.ledger), national: true)
      for (r, a) in p.byRegion.enumerated() {
        row("region", c.regions[r].name, a, listings: .empty, ledger: ledgerCells(nil), national: false)
      }
      for (e, a) in p.byExchange.enumerated() {
        row("exchange", c.exchanges[e].name, a, listings: .int(p.listings[e]), ledger: exchangeLedgerCells(p.exchangeLedgers[e]),
            national: false)
      }
    }
    // summary over the periods after warm-up
    let measured = model.periods.filter { $0.index >= c.warmupPeriods }
    var a = DataMarketActivity(), l = DataMarketLedger()
    for p in measured { a.add(p.national); l.add(p.ledger) }
    let paid = Double(a.contractCounts.reduce(0, +))   // paid contracts: free public-interest uses have no type
    let years = ReportingCalendar(periodDays: c.periodDays).years(periods: measured.count)
    let exchangeGMV = c.exchanges.indices.map { e in measured.reduce(0.0) { $0 + $1.byExchange[e].onExchangeGMV } }
    var metrics: [(name: String, value: CSVCell)] = [
      ("periods_measured", .int(measured.count)),
      ("buyer_arrivals", .int(a.buyerArrivals)),
      ("trades", .int(a.trades)),
      ("match_rate", .double(a.matchRate)),
      ("mean_time_to_match_days", .double(a.meanTimeToMatchDays)),
      ("gmv_wan_rmb", .double(a.gmv)),
      ("gmv_per_year_wan_rmb", .double(years > 0 ? a.gmv / years : .nan)),
      ("on_exchange_share", .double(a.onExchangeShare)),
      ("cross_region_share", .double(a.crossRegionShare)),
      ("bad_trade_share", .double(a.badTradeShare)),
      ("ai_trades", .int(a.aiTrades)),
      ("ai_gmv_wan_rmb", .double(a.aiGMV)),
      ("public_commercial_trades", .int(a.publicCommercialTrades)),
      ("public_free_uses", .int(a.publicFreeUses)),
      ("sales_weighted_readiness", .double(a.salesWeightedReadiness)),
      ("price_per_quality_cv", .double(a.pricePerQuality.coefficientOfVariation)),
      ("listings_final", .int(model.periods.last?.listings.reduce(0, +) ?? 0)),
      ("listings_approved", .int(a.listingsApproved)),
      ("review_rejection_rate", .double(a.reviewsDone > 0 ? Double(a.reviewRejections) / Double(a.reviewsDone) : .nan)),
      ("registrations_applied", .int(a.registrationsApplied)),
      ("registrations_granted", .int(a.registrationsGranted)),
      ("expired_bids", .int(a.expiredBids)),
      ("refused_trades", .int(a.refusals)),
      ("defaults", .int(a.defaults)),
      ("default_rate", .double(a.settlements > 0 ? Double(a.defaults) / Double(a.settlements) : .nan)),
      ("buyer_payments_wan_rmb", .double(l.buyerPayments)),
      ("provider_receipts_wan_rmb", .double(l.providerReceipts)),
      ("exchange_trade_fees_wan_rmb", .double(l.exchangeTradeFees)),
      ("public_operator_revenue_wan_rmb", .double(l.publicOperatorRevenue)),
      ("buyer_surplus_wan_rmb", .double(l.buyerSurplus)),
      ("provider_profit_wan_rmb", .double(l.providerProfit)),
      ("exchange_profit_wan_rmb", .double(l.exchangeProfit)),
      ("operator_profit_wan_rmb", .double(l.operatorProfit)),
      ("government_cost_wan_rmb", .double(l.governmentCost)),
      ("total_welfare_wan_rmb", .double(l.totalWelfare)),
      ("expected_benefits_wan_rmb", .double(l.expectedBenefits)),
      ("realised_benefits_wan_rmb", .double(l.benefits)),
      ("buyer_surplus_expected_wan_rmb", .double(l.expectedBuyerSurplus)),
      ("total_welfare_expected_wan_rmb", .double(l.expectedTotalWelfare)),
      ("clawbacks_wan_rmb", .double(l.clawbacks)),
      ("exchange_hhi", .double(Concentration.hhi(exchangeGMV))),
      ("provider_hhi", .double(Concentration.hhi(model.measuredProviderGMV()))),
    ]
    for (i, type) in ContractType.allCases.enumerated() {
      metrics.append(("contract_share_\(type.rawValue.lowercased())", .double(paid > 0 ? Double(a.contractCounts[i]) / paid : .nan)))
    }
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
    func money(_ x: Double) -> String { x.isFinite ? String(Int(x.rounded())) : "nan" }
    func pct(_ x: Double) -> String { x.isFinite ? "\(Double(Int((x * 1000).rounded())) / 10)%" : "nan" }
    result.headline = [
      ("periods measured (after warm-up)", "\(measured.count) of \(model.periods.count)"),
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
