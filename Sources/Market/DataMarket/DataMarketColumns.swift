import Output
import Simulation

/// One column of a data-market CSV table, declared once: its name (with the unit in it where one
/// applies), unit, definition, and how its value is computed. `summary.csv`, `periods.csv`,
/// `datamarket columns` and the README's column reference all come from these tables.
public struct DataMarketColumn<Source> {
  public let name: String
  public let unit: String
  public let definition: String
  public let value: (Source) -> CSVCell

  public init(_ name: String, _ unit: String, _ definition: String, _ value: @escaping (Source) -> CSVCell) {
    self.name = name; self.unit = unit; self.definition = definition; self.value = value
  }
}

/// What `summary.csv`'s metrics are computed from: the national activity and ledger summed over
/// the measured periods (after warm-up), and run-level figures.
public struct DataMarketTotals {
  public var activity = DataMarketActivity()
  public var ledger: DataMarketLedger
  public var measuredPeriods = 0
  /// Years the measured periods span (365-day years).
  public var years = 0.0
  /// Listings (product × exchange) at the end, and the products listed at one exchange or more.
  public var listingsFinal = 0
  public var listedProductsFinal = 0
  /// Exchanges in the scenario.
  public var exchanges = 0
  /// Private listings at the end, those certified AI-ready, and the share of readiness
  /// investment made in annotation-base regions (measured periods).
  public var privateListings = 0
  public var aiReadyListings = 0
  public var baseRegionInvestmentShare = Double.nan
  /// HHI (0–10,000) of on-exchange GMV by exchange, and of GMV by provider (the public operator
  /// one provider), over the measured periods.
  public var exchangeHHI = Double.nan
  public var providerHHI = Double.nan
  /// Median price of paid trades after the warm-up.
  public var medianDeal = Double.nan
  /// M12 at the end of the run: private providers in the market, and the mean and standard
  /// deviation of their lifetime profit (receipts − all costs and fees, sunk fixed cost included),
  /// over all of them and over those in the market for at least two years.
  public var providersActive = 0
  public var survivorProfit = RunningStatistics()
  public var matureSurvivorProfit = RunningStatistics()

  /// The totals of `model` over its periods after `warmupPeriods`.
  public init(_ model: DataMarketModel) {
    let c = model.config
    ledger = DataMarketLedger(exchanges: c.exchanges.count)
    let measured = model.periods.filter { $0.index >= c.warmupPeriods }
    for p in measured { activity.add(p.national); ledger.add(p.ledger) }
    measuredPeriods = measured.count
    years = ReportingCalendar(periodDays: c.periodDays).years(periods: measured.count)
    listingsFinal = model.periods.last?.listings.reduce(0, +) ?? 0
    exchanges = c.exchanges.count
    for p in model.products where p.listed {
      listedProductsFinal += 1
      if !p.isPublic { privateListings += 1; if p.aiReady { aiReadyListings += 1 } }
    }
    var base = 0.0
    for p in measured { for (r, a) in p.byRegion.enumerated() where c.regions[r].annotationBase { base += a.readinessInvestment } }
    baseRegionInvestmentShare = activity.readinessInvestment > 0 ? base / activity.readinessInvestment : .nan
    exchangeHHI = Concentration.hhi(c.exchanges.indices.map { e in measured.reduce(0.0) { $0 + $1.byExchange[e].onExchangeGMV } })
    providerHHI = Concentration.hhi(model.measuredProviderGMV())
    let last = model.periods.count
    for p in model.products where !p.isPublic && p.active {
      providersActive += 1
      let profit = p.revenue + p.damages + c.readiness.subsidy * p.readinessInvestment - p.costs - p.fees
      survivorProfit.add(profit)
      if last - p.enteredPeriod >= 24 { matureSurvivorProfit.add(profit) }
    }
    let m = model.dealSizes.total > 0 ? model.dealSizes.quantile(0.5) : .nan
    medianDeal = m.isNaN ? .nan : _pow(10, m)
  }

  /// Paid contracts (free public-interest uses have no contract type).
  public var paidContracts: Int { activity.contractCounts.reduce(0, +) }
}

/// One row of `periods.csv`: a period and a scope (national, a buyer region, an exchange).
public struct DataMarketPeriodRow {
  public enum Scope: String { case national, region, exchange }
  public var period: Int
  public var scope: Scope
  public var name: String
  public var activity: DataMarketActivity
  /// Listings (national and exchange rows).
  public var listings: Int?
  /// The period's ledger: national rows the whole ledger, exchange rows that exchange's own.
  public var ledger: DataMarketLedger?
  /// National rows only: the period record.
  public var record: DataMarketModel.PeriodRecord?

  /// The ledger as national rows carry it (nil on other rows).
  var national: DataMarketLedger? { scope == .national ? ledger : nil }
}

/// The data market's column tables.
public enum DataMarketColumns {
  static let money = "RMB 10,000"

  static func ratio(_ x: Int, _ n: Int) -> CSVCell { .double(n > 0 ? Double(x) / Double(n) : .nan) }

  /// `summary.csv`, after its first three columns (`scenario`, `seed`, `overrides`).
  public static var summary: [DataMarketColumn<DataMarketTotals>] {
    typealias C = DataMarketColumn<DataMarketTotals>
    return [
      C("periods_measured", "periods", "periods after warm-up that the summary covers") { .int($0.measuredPeriods) },
      C("buyer_arrivals", "buyers", "buyer arrivals (each a need for one data product)") { .int($0.activity.buyerArrivals) },
      C("trades", "trades", "contracts signed, free public-interest uses included") { .int($0.activity.trades) },
      C("match_rate", "share", "buyers matched / buyer arrivals (a bundle buyer's contracts count once)") { .double($0.activity.matchRate) },
      C("mean_time_to_match_days", "days", "mean days from a buyer's arrival to its contract") { .double($0.activity.meanTimeToMatchDays) },
      C("gmv_wan_rmb", money, "gross merchandise value: Σ trade prices p (not payments; fees excluded)") { .double($0.activity.gmv) },
      C("gmv_per_year_wan_rmb", money + " per year", "GMV / years measured") { .double($0.years > 0 ? $0.activity.gmv / $0.years : .nan) },
      C("on_exchange_share", "share", "on-exchange GMV / GMV") { .double($0.activity.onExchangeShare) },
      C("on_exchange_trades_per_exchange_year", "trades per exchange-year", "on-exchange trades / exchanges / years measured") {
        .double($0.years > 0 && $0.exchanges > 0 ? Double($0.activity.onExchangeTrades) / Double($0.exchanges) / $0.years : .nan)
      },
      C("mean_deal_wan_rmb", money, "GMV / paid trades") { .double($0.paidContracts > 0 ? $0.activity.gmv / Double($0.paidContracts) : .nan) },
      C("median_deal_wan_rmb", money, "median price of paid trades (from a histogram of log10 price, bins of 0.005)") { .double($0.medianDeal) },
      C("price_to_benefit", "ratio", "GMV / Σ E[Y] at true quality of paid trades: the share of expected benefit paid as price") {
        .double($0.activity.priceToBenefit)
      },
      C("on_exchange_price_to_benefit", "ratio", "the same over on-exchange trades") { .double($0.activity.onExchangePriceToBenefit) },
      C("on_exchange_price_to_benefit_mean", "ratio", "mean over paid on-exchange trades of p / E[Y] (each trade weighs the same)") {
        .double($0.activity.onExchangePriceToBenefitPerTrade.mean)
      },
      C("deadweight_loss_wan_rmb", money,
        "Σ over buyers of max(0, best v(true q) − c among the offers it considered) − Σ (E[Y] − c) of the trades signed: surplus lost to prices, friction and lemons") {
        .double($0.activity.deadweightLoss)
      },
      C("cross_region_share", "share", "GMV where the provider's region is not the buyer's (data crossing regions, at any venue) / GMV") {
        .double($0.activity.crossRegionShare)
      },
      C("bad_trade_share", "share", "trades in bad products / trades") { .double($0.activity.badTradeShare) },
      C("lemon_share_fixed", "share", "bad products among FIXED contracts") { .double($0.activity.lemonShare([.fixed])) },
      C("lemon_share_risk_sharing", "share", "bad products among REVSHARE and OUTCOME contracts (below lemon_share_fixed: risk sharing screens)") {
        .double($0.activity.lemonShare([.revenueShare, .outcome]))
      },
      C("lemon_share_option", "share", "bad products among OPTION contracts (below lemon_share_fixed: the option's trial screens)") {
        .double($0.activity.lemonShare([.option]))
      },
      C("sample_reveals", "inspections", "bad products revealed to a buyer by inspecting their sample") { .int($0.activity.sampleReveals) },
      C("ai_trades", "trades", "trades of buyers in the AI segment(s)") { .int($0.activity.aiTrades) },
      C("ai_gmv_wan_rmb", money, "GMV of those trades") { .double($0.activity.aiGMV) },
      C("public_commercial_trades", "trades", "paid sales of public-data products") { .int($0.activity.publicCommercialTrades) },
      C("public_free_uses", "uses", "free public-interest uses of public data (contract type FREE)") { .int($0.activity.publicFreeUses) },
      C("sales_weighted_readiness", "[0, 1]", "mean AI-readiness a of the products traded") { .double($0.activity.salesWeightedReadiness) },
      C("ai_ready_trade_share", "share", "trades in products certified AI-ready (a ≥ the threshold) / trades") {
        ratio($0.activity.aiReadyTrades, $0.activity.trades)
      },
      C("ai_ready_listing_share", "share", "private listings certified AI-ready at the end of the run / private listings") {
        ratio($0.aiReadyListings, $0.privateListings)
      },
      C("basic_version_trades", "trades", "trades of basic versions (M3's versions by readiness tier; 0 without providers.versioning)") {
        .int($0.activity.basicVersionTrades)
      },
      C("basic_version_trade_share", "share", "basic-version trades / on-exchange trades") {
        ratio($0.activity.basicVersionTrades, $0.activity.onExchangeTrades)
      },
      C("basic_version_gmv_wan_rmb", money, "GMV of basic-version trades") { .double($0.activity.basicVersionGMV) },
      C("leaks", "events", "products whose copies leaked (M9)") { .int($0.activity.leaks) },
      C("leaks_enforced", "events", "leaks stopped by a registered provider's enforcement") { .int($0.activity.enforcements) },
      C("damages_wan_rmb", money, "damages infringers paid on enforcement") { .double($0.activity.damages) },
      C("leaked_uses", "uses", "buyers served by a free substitute of a leaked product (in trades, price 0)") { .int($0.activity.leakedUses) },
      C("leakage_lost_revenue_wan_rmb", money, "sales those uses replaced, at the product's posted price") { .double($0.activity.leakageLostRevenue) },
      C("bundles_sold", "bundles", "bundles bought by buyers who need several products (M11); each member is also a trade") {
        .int($0.activity.bundleSales)
      },
      C("bundle_gmv_wan_rmb", money, "Σ bundle prices (Σ its members' posted prices; in GMV)") { .double($0.activity.bundleGMV) },
      C("bundle_payout_gini", "[0, 1]", "mean over bundles of the Gini coefficient of the providers' payouts") {
        .double($0.activity.bundlePayoutGini.count > 0 ? $0.activity.bundlePayoutGini.mean : .nan)
      },
      C("bundle_replication_gain", "share", "mean over bundles of the share its largest-share provider would gain by adding an identical copy of its product") {
        .double($0.activity.bundleReplicationGain.count > 0 ? $0.activity.bundleReplicationGain.mean : .nan)
      },
      C("readiness_investments", "providers", "providers who invested in readiness (M10)") { .int($0.activity.readinessInvestments) },
      C("readiness_investment_wan_rmb", money, "their investment Σ I (a real cost; the subsidy is a transfer)") { .double($0.activity.readinessInvestment) },
      C("readiness_investment_base_share", "share", "share of Σ I made in annotation-base regions") { .double($0.baseRegionInvestmentShare) },
      C("subsidies_wan_rmb", money, "readiness subsidies σ_sub·I paid by the government") { .double($0.ledger.balance(.providers, .subsidy)) },
      C("price_per_quality_cv", "ratio", "coefficient of variation of price / claimed quality over paid trades") {
        .double($0.activity.pricePerQuality.coefficientOfVariation)
      },
      C("listings_final", "listings", "listings at the end of the run (a product listed at n exchanges counts n)") { .int($0.listingsFinal) },
      C("listed_products_final", "products", "products listed at one exchange or more at the end of the run") { .int($0.listedProductsFinal) },
      C("listings_per_product", "exchanges", "listings_final / listed_products_final: exchanges per listed product (M5's multi-listing)") {
        ratio($0.listingsFinal, $0.listedProductsFinal)
      },
      C("provider_entries", "providers", "private providers who entered") { .int($0.activity.providerEntries) },
      C("entrants_deterred", "providers", "arriving providers who stayed out: expected profit over their horizon below fixed cost and fees") {
        .int($0.activity.deterredEntrants)
      },
      C("provider_exits", "providers", "private providers who exited (losses or no sale over the exit window)") { .int($0.activity.providerExits) },
      C("providers_active_final", "providers", "private providers in the market at the end of the run") { .int($0.providersActive) },
      C("survivor_mean_profit_wan_rmb", money, "mean lifetime profit (receipts − fixed, marginal and upkeep costs − fees) of the providers in the market at the end") {
        .double($0.survivorProfit.count > 0 ? $0.survivorProfit.mean : .nan)
      },
      C("survivor_profit_sd_wan_rmb", money, "standard deviation of that profit across them (provider income dispersion)") {
        .double($0.survivorProfit.standardDeviation)
      },
      C("mature_survivor_mean_profit_wan_rmb", money, "mean lifetime profit of those in the market for at least 24 periods") {
        .double($0.matureSurvivorProfit.count > 0 ? $0.matureSurvivorProfit.mean : .nan)
      },
      C("listings_approved", "listings", "listings approved (by an exchange's review, or for a further exchange at u ≥ u* by recognition of the first review)") {
        .int($0.activity.listingsApproved)
      },
      C("secondary_listings", "listings", "of those, listings at a product's further exchanges (M5's multi-listing)") { .int($0.activity.secondaryListings) },
      C("reviews_done", "reviews", "exchange reviews completed (resubmissions and further exchanges' reviews included)") { .int($0.activity.reviewsDone) },
      C("review_rejection_rate", "share", "reviews ending in rejection / reviews done") {
        ratio($0.activity.reviewRejections, $0.activity.reviewsDone)
      },
      C("registrations_applied", "submissions", "registration submissions (resubmissions included)") { .int($0.activity.registrationsApplied) },
      C("registrations_granted", "certificates", "certificates issued") { .int($0.activity.registrationsGranted) },
      C("expired_bids", "bids", "bids withdrawn when the buyer's patience ran out") { .int($0.activity.expiredBids) },
      C("refused_trades", "trades", "matches not signed: the provider accepts none of the allowed contract types") {
        .int($0.activity.refusals)
      },
      C("defaults", "contracts", "contracts whose buyer could not pay what fell due") { .int($0.activity.defaults) },
      C("default_rate", "share", "defaults / contracts settled") { ratio($0.activity.defaults, $0.activity.settlements) },
    ] + ledgerSummary + [
      C("exchange_hhi", "0–10,000", "HHI of on-exchange GMV by exchange") { .double($0.exchangeHHI) },
      C("provider_hhi", "0–10,000", "HHI of GMV by provider (the public operator one provider)") { .double($0.providerHHI) },
    ] + ContractType.allCases.enumerated().map { i, type in
      C("contract_share_\(type.rawValue.lowercased())", "share", "\(type.rawValue) contracts / paid contracts") {
        ratio($0.activity.contractCounts[i], $0.paidContracts)
      }
    }
  }

  static var ledgerSummary: [DataMarketColumn<DataMarketTotals>] {
    typealias C = DataMarketColumn<DataMarketTotals>
    return [
      C("buyer_payments_wan_rmb", money, "what buyers paid: prices, buyer fees, membership fees") { .double($0.ledger.buyerPayments) },
      C("provider_receipts_wan_rmb", money, "what private providers received, net of seller fees") { .double($0.ledger.providerReceipts) },
      C("exchange_trade_fees_wan_rmb", money, "φ_s·P + φ_b·P + membership fees collected by exchanges") { .double($0.ledger.exchangeTradeFees) },
      C("public_operator_revenue_wan_rmb", money, "what the public operator received, net of seller fees") {
        .double($0.ledger.publicOperatorRevenue)
      },
      C("buyer_surplus_wan_rmb", money, "realised benefits − payments − buyers' real costs (search, diligence, cross-region)") {
        .double($0.ledger.buyerSurplus)
      },
      C("provider_profit_wan_rmb", money, "receipts + subsidies + damages − fixed, marginal, upkeep and readiness-investment costs − listing, review and registration fees (negative: a loss)") {
        .double($0.ledger.providerProfit)
      },
      C("exchange_profit_wan_rmb", money, "trade, listing and review fees − operating, per-trade and review costs") {
        .double($0.ledger.exchangeProfit)
      },
      C("operator_profit_wan_rmb", money, "public operator: revenue − allowed cost C_o − clawbacks") { .double($0.ledger.operatorProfit) },
      C("government_cost_wan_rmb", money, "registry costs + readiness subsidies − registration fees − clawbacks received (negative: net revenue)") {
        .double($0.ledger.governmentCost)
      },
      C("total_welfare_wan_rmb", money, "buyer surplus + provider, exchange and operator profit − government cost = realised benefits − real costs") {
        .double($0.ledger.totalWelfare)
      },
      C("expected_benefits_wan_rmb", money, "Σ E[Y] (at true quality) of the contracts signed (an OPTION the buyer did not exercise: 0)") { .double($0.ledger.expectedBenefits) },
      C("realised_benefits_wan_rmb", money, "Σ realised benefits Y = E[Y]·Z") { .double($0.ledger.benefits) },
      C("buyer_surplus_expected_wan_rmb", money, "buyer surplus with benefits in expectation") { .double($0.ledger.expectedBuyerSurplus) },
      C("total_welfare_expected_wan_rmb", money, "total welfare with benefits in expectation (free of the shocks Z)") {
        .double($0.ledger.expectedTotalWelfare)
      },
      C("clawbacks_wan_rmb", money, "public-operator revenue above MAR returned at yearly reviews") { .double($0.ledger.clawbacks) },
    ]
  }

  /// `periods.csv`: one row per period and scope.
  public static var periods: [DataMarketColumn<DataMarketPeriodRow>] {
    typealias C = DataMarketColumn<DataMarketPeriodRow>
    func a(_ name: String, _ unit: String, _ definition: String, _ v: @escaping (DataMarketActivity) -> CSVCell) -> C {
      C(name, unit, definition + " (every scope)") { v($0.activity) }
    }
    func national(_ name: String, _ unit: String, _ definition: String, _ v: @escaping (DataMarketLedger) -> Double) -> C {
      C(name, unit, definition + " (national rows)") { row in row.national.map { .double(v($0)) } ?? .empty }
    }
    func record(_ name: String, _ unit: String, _ definition: String, _ v: @escaping (DataMarketModel.PeriodRecord) -> Double) -> C {
      C(name, unit, definition + " (national rows)") { row in row.record.map { .double(v($0)) } ?? .empty }
    }
    return [
      C("period", "period", "period number from 1") { .int($0.period) },
      C("scope", "", "national, region (the buyers' region) or exchange") { .text($0.scope.rawValue) },
      C("name", "", "all, the region's or the exchange's name") { .text($0.name) },
      a("buyer_arrivals", "buyers", "buyer arrivals (0 on exchange rows: buyers arrive by region)") { .int($0.buyerArrivals) },
      a("trades", "trades", "contracts signed") { .int($0.trades) },
      a("match_rate", "share", "buyers matched / buyer arrivals (a bundle counts once)") { .double($0.matchRate) },
      a("mean_time_to_match_days", "days", "mean days from arrival to contract") { .double($0.meanTimeToMatchDays) },
      a("gmv_wan_rmb", money, "Σ trade prices") { .double($0.gmv) },
      a("on_exchange_gmv_wan_rmb", money, "GMV on exchanges") { .double($0.onExchangeGMV) },
      a("on_exchange_share", "share", "on-exchange GMV / GMV") { .double($0.onExchangeShare) },
      a("cross_region_gmv_wan_rmb", money, "GMV where the provider's region is not the buyer's") { .double($0.crossRegionGMV) },
      a("cross_region_share", "share", "cross-region GMV / GMV") { .double($0.crossRegionShare) },
      a("bad_trade_share", "share", "trades in bad products / trades") { .double($0.badTradeShare) },
      a("ai_trades", "trades", "trades of AI-segment buyers") { .int($0.aiTrades) },
      a("ai_gmv_wan_rmb", money, "their GMV") { .double($0.aiGMV) },
      a("public_commercial_trades", "trades", "paid sales of public data") { .int($0.publicCommercialTrades) },
      a("public_free_uses", "uses", "free public-interest uses") { .int($0.publicFreeUses) },
      a("sales_weighted_readiness", "[0, 1]", "mean readiness of the products traded") { .double($0.salesWeightedReadiness) },
      a("basic_version_trades", "trades", "trades of basic versions (M3's versions)") { .int($0.basicVersionTrades) },
      a("readiness_investment_wan_rmb", money, "readiness investment Σ I (by the provider's region; 0 on exchange rows)") { .double($0.readinessInvestment) },
      a("price_per_quality_cv", "ratio", "CV of price / claimed quality") { .double($0.pricePerQuality.coefficientOfVariation) },
      C("listings", "listings", "listings at the period's end, a product listed at n exchanges counting n (national and exchange rows)") { row in row.listings.map { .int($0) } ?? .empty },
      a("secondary_listings", "listings", "listings approved at a product's further exchanges (M5; by exchange; 0 on region rows)") { .int($0.secondaryListings) },
      a("provider_entries", "providers", "providers who entered (by their region; 0 on exchange rows)") { .int($0.providerEntries) },
      a("provider_exits", "providers", "providers who exited (by their region; 0 on exchange rows)") { .int($0.providerExits) },
      record("providers_active", "providers", "private providers in the market at the period's end") { Double($0.activeProviders) },
      a("defaults", "contracts", "defaults (buyer-region rows by the buyer's region; 0 on exchange rows)") { .int($0.defaults) },
      national("buyer_payments_wan_rmb", money, "what buyers paid") { $0.buyerPayments },
      national("provider_receipts_wan_rmb", money, "what private providers received") { $0.providerReceipts },
      C("exchange_trade_fees_wan_rmb", money, "trade fees collected (national and exchange rows)") { row in
        row.scope == .region ? .empty : .double(row.ledger?.exchangeTradeFees ?? .nan)
      },
      national("public_operator_revenue_wan_rmb", money, "public operator's receipts") { $0.publicOperatorRevenue },
      national("buyer_surplus_wan_rmb", money, "buyer surplus") { $0.buyerSurplus },
      national("provider_profit_wan_rmb", money, "provider profit") { $0.providerProfit },
      C("exchange_profit_wan_rmb", money, "exchange profit Rev_e − Cost_e (national and exchange rows)") { row in
        row.scope == .region ? .empty : .double(row.ledger?.exchangeProfit ?? .nan)
      },
      national("operator_profit_wan_rmb", money, "public operator's profit") { $0.operatorProfit },
      national("government_cost_wan_rmb", money, "government cost") { $0.governmentCost },
      national("total_welfare_wan_rmb", money, "total welfare") { $0.totalWelfare },
      record("provider_hhi", "0–10,000", "HHI of the period's GMV by provider") { $0.providerHHI },
      record("exchange_hhi", "0–10,000", "HHI of the period's on-exchange GMV by exchange") { $0.exchangeHHI },
      record("public_price_cap_wan_rmb", money, "public operator's cap after the period's close") { $0.publicPriceCap },
      record("clawback_wan_rmb", money, "clawback at this period's yearly review") { $0.clawback },
    ] + ContractType.allCases.enumerated().map { i, type in
      a("contracts_\(type.rawValue.lowercased())", "contracts", "\(type.rawValue) contracts signed") { .int($0.contractCounts[i]) }
    }
  }

  /// `periods.csv` of `model`: per period a national row, a row per buyer region, a row per exchange.
  public static func periodsTable(_ model: DataMarketModel) -> CSVTable {
    let c = model.config, columns = periods
    var table = CSVTable(columns: columns.map(\.name))
    func append(_ row: DataMarketPeriodRow) { table.append(columns.map { $0.value(row) }) }
    for p in model.periods {
      append(DataMarketPeriodRow(period: p.index + 1, scope: .national, name: "all", activity: p.national,
                                 listings: p.listings.reduce(0, +), ledger: p.ledger, record: p))
      for (r, a) in p.byRegion.enumerated() {
        append(DataMarketPeriodRow(period: p.index + 1, scope: .region, name: c.regions[r].name, activity: a))
      }
      for (e, a) in p.byExchange.enumerated() {
        append(DataMarketPeriodRow(period: p.index + 1, scope: .exchange, name: c.exchanges[e].name, activity: a,
                                   listings: p.listings[e], ledger: p.exchangeLedgers[e]))
      }
    }
    return table
  }

  /// A column table as Markdown (the README's reference).
  public static func markdown<S>(_ columns: [DataMarketColumn<S>]) -> String {
    var s = "| column | unit | definition |\n|---|---|---|\n"
    for c in columns { s += "| `\(c.name)` | \(c.unit) | \(c.definition.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")) |\n" }
    return s
  }
}
