import Foundation
import Market
import Output

/// The page of one run folder: what ran (scenario, seed, overrides), the summary as a readable
/// table, and the per-period figures as charts — for the data market by region and exchange, for
/// a double auction the transaction prices against the equilibrium band (Smith's figure) and
/// efficiency per period, for M/M/1 the waits and queue.
enum RunReportPage {
  static func make(folder: String, summary: CSVDocument, periods: CSVDocument, trades: CSVDocument?,
                   schedules: CSVDocument? = nil) -> HTMLReport {
    let name = summary.texts("scenario").first ?? "run"
    var page = HTMLReport(title: "\(name) — run report")
    let seed = summary.texts("seed").first ?? "", overrides = summary.texts("overrides").first ?? ""
    page.paragraph("Folder \(folder); seed \(seed)" + (overrides.isEmpty ? "; no overrides." : "; overrides: \(overrides.split(separator: ";").joined(separator: ", ")).")
                   + meta(folder))
    if periods.column("scope") != nil {
      dataMarket(&page, summary: summary, periods: periods)
    } else if periods.column("efficiency") != nil {
      doubleAuction(&page, summary: summary, periods: periods, trades: trades, schedules: schedules)
    } else {
      page.section("Per period")
      let t = periods.numbers("period")
      page.charts(["mean_wait", "mean_queue_length", "arrivals"].filter { periods.column($0) != nil }.map { c in
        SVGLineChart(title: c, xTitle: "period", yTitle: c, series: [.init(name: c, points: Array(zip(t, periods.numbers(c))))]).svg
      })
    }
    page.section("Summary", "Every column of summary.csv; money in RMB 10,000 (wan) where the name says wan_rmb.")
    summaryTable(&page, summary, definitions: periods.column("scope") != nil)
    return page
  }

  static func meta(_ folder: String) -> String {
    guard let data = FileManager.default.contents(atPath: folder + "/run.json"),
          let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return "" }
    var parts: [String] = []
    if let v = obj["version"] as? String { parts.append("datamarket \(v)") }
    if let e = obj["eventsProcessed"] as? Int ?? obj["events_processed"] as? Int { parts.append("\(SVGText.grouped(e)) events") }
    return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
  }

  /// The summary transposed: one row per metric, with the definition where the data market has one.
  static func summaryTable(_ page: inout HTMLReport, _ summary: CSVDocument, definitions dataMarket: Bool) {
    guard let row = summary.rows.first else { page.paragraph("summary.csv is empty."); return }
    let definitions = dataMarket ? Dictionary(DataMarketColumns.summary.map { ($0.name, $0.definition) }, uniquingKeysWith: { a, _ in a }) : [:]
    var rows: [[String]] = []
    for (i, name) in summary.header.enumerated() where !["scenario", "seed", "overrides"].contains(name) {
      let cell = i < row.count ? row[i] : ""
      let value = CSVDocument.number(cell)
      rows.append([name, value.isNaN && !cell.isEmpty && cell != "nan" ? cell : SVGText.label(value), definitions[name] ?? ""])
    }
    page.table(["metric", "value", "definition"], rows, numeric: [1])
  }

  static func series(_ periods: CSVDocument, scope: String, column: String) -> [SVGLineChart.Series] {
    let scopes = periods.texts("scope"), names = periods.texts("name"), t = periods.numbers("period"), v = periods.numbers(column)
    var order: [String] = [], points: [String: [(x: Double, y: Double)]] = [:]
    for i in scopes.indices where scopes[i] == scope {
      if points[names[i]] == nil { order.append(names[i]) }
      points[names[i], default: []].append((t[i], v[i]))
    }
    return order.map { SVGLineChart.Series(name: $0, points: points[$0]!) }
  }

  static func dataMarket(_ page: inout HTMLReport, summary: CSVDocument, periods: CSVDocument) {
    func chart(_ title: String, _ unit: String, _ s: [SVGLineChart.Series]) -> String {
      SVGLineChart(title: title, xTitle: "period (month)", yTitle: unit, series: s).svg
    }
    page.section("Market activity", "National totals per period, and by the buyers' region.")
    page.charts([
      chart("GMV", "RMB 10,000", series(periods, scope: "national", column: "gmv_wan_rmb") + series(periods, scope: "region", column: "gmv_wan_rmb")),
      chart("Trades", "trades", series(periods, scope: "national", column: "trades") + series(periods, scope: "region", column: "trades")),
      chart("Match rate", "buyers matched / arrivals", series(periods, scope: "national", column: "match_rate") + series(periods, scope: "region", column: "match_rate")),
      chart("Mean price", "RMB 10,000", meanPrice(periods)),
    ])
    page.section("Exchanges", "On-exchange GMV and profit (Rev_e − Cost_e) per exchange.")
    page.charts([
      chart("On-exchange GMV", "RMB 10,000", series(periods, scope: "exchange", column: "on_exchange_gmv_wan_rmb")),
      chart("Exchange profit", "RMB 10,000", series(periods, scope: "exchange", column: "exchange_profit_wan_rmb")),
      chart("Shares of GMV", "share", series(periods, scope: "national", column: "on_exchange_share").map { .init(name: "on-exchange", points: $0.points) }
              + series(periods, scope: "national", column: "cross_region_share").map { .init(name: "cross-region", points: $0.points) }),
    ])
    page.section("Welfare split", "National, per period: buyer surplus, provider, exchange and operator profit, government cost (a cost: positive is spending). Benefits are realised ones: the last period also carries those of contracts still pending at the horizon.")
    let welfare = ["buyer_surplus_wan_rmb": "buyer surplus", "provider_profit_wan_rmb": "provider profit", "exchange_profit_wan_rmb": "exchange profit",
                   "operator_profit_wan_rmb": "operator profit", "government_cost_wan_rmb": "government cost"]
    let order = ["buyer_surplus_wan_rmb", "provider_profit_wan_rmb", "exchange_profit_wan_rmb", "operator_profit_wan_rmb", "government_cost_wan_rmb"]
    page.charts([chart("Welfare components", "RMB 10,000", order.flatMap { c in
      series(periods, scope: "national", column: c).map { .init(name: welfare[c]!, points: $0.points) } })])
    page.section("Contract mix", "Shares of paid contracts over the measured periods (free public-interest uses excluded).")
    let mix = summary.header.filter { $0.hasPrefix("contract_share_") }
    let row = summary.rows.first ?? []
    page.table(["contract type", "share"], mix.map { c in
      let v = summary.column(c).map { $0 < row.count ? CSVDocument.number(row[$0]) : .nan } ?? .nan
      return [String(c.dropFirst("contract_share_".count)).uppercased(), v.isFinite ? SVGText.trim(v * 100, 3) + "%" : "–"]
    }, numeric: [1])
  }

  /// The demand and supply staircases: the k-th highest value and the k-th lowest cost against k.
  static func scheduleChart(_ s: CSVDocument, low: Double, high: Double) -> String {
    let side = s.texts("side"), value = s.numbers("value_ticks")
    func steps(_ values: [Double]) -> [(x: Double, y: Double)] {
      values.enumerated().flatMap { k, v in [(x: Double(k), y: v), (x: Double(k + 1), y: v)] }
    }
    let demand = side.indices.filter { side[$0] == "buyer" }.map { value[$0] }.sorted(by: >)
    let supply = side.indices.filter { side[$0] == "seller" }.map { value[$0] }.sorted()
    let n = Double(max(demand.count, supply.count))
    var chart = SVGLineChart(title: "Supply and demand", xTitle: "quantity (units)", yTitle: "value or cost (ticks)",
                             series: [.init(name: "demand", points: steps(demand)), .init(name: "supply", points: steps(supply))])
    if low.isFinite && high.isFinite {
      chart.series.append(.init(name: "CE price band", points: [(0, (low + high) / 2), (n, (low + high) / 2)]))
      chart.bands = [2: [(0, low, high), (n, low, high)]]
    }
    return chart.svg
  }

  static func meanPrice(_ periods: CSVDocument) -> [SVGLineChart.Series] {
    let g = series(periods, scope: "national", column: "gmv_wan_rmb").first?.points ?? []
    let n = series(periods, scope: "national", column: "trades").first?.points ?? []
    return [.init(name: "mean price", points: zip(g, n).map { ($0.x, $1.y > 0 ? $0.y / $1.y : .nan) })]
  }

  static func doubleAuction(_ page: inout HTMLReport, summary: CSVDocument, periods: CSVDocument, trades: CSVDocument?,
                            schedules: CSVDocument?) {
    let low = summary.numbers("ce_price_low").first ?? .nan, high = summary.numbers("ce_price_high").first ?? .nan
    if let schedules, schedules.column("value_ticks") != nil {
      page.section("Supply and demand", "One period's induced schedules: every buyer unit's value (demand, highest first) and "
                   + "every seller unit's cost (supply, lowest first), with the competitive-equilibrium price band.")
      page.chart(scheduleChart(schedules, low: low, high: high))
    }
    page.section("Transaction prices", "Every trade's price in order (rerun with --trades for this chart), against the competitive-equilibrium price band (Smith 1962; Gode & Sunder 1993).")
    if let trades, trades.column("price") != nil {
      let prices = trades.numbers("price")
      let x = prices.indices.map { Double($0 + 1) }
      var chart = SVGLineChart(title: "Transaction prices", xTitle: "trade (in order)", yTitle: "price (ticks)",
                               series: [.init(name: "price", points: Array(zip(x, prices)))])
      if low.isFinite && high.isFinite && !x.isEmpty {
        chart.series.append(.init(name: "CE band", points: [(x.first!, (low + high) / 2), (x.last!, (low + high) / 2)]))
        chart.bands = [1: [(x.first!, low, high), (x.last!, low, high)]]
      }
      page.chart(chart.svg)
    } else {
      page.paragraph("No trades.csv in this folder.")
    }
    let t = periods.numbers("period")
    page.charts([
      SVGLineChart(title: "Allocative efficiency", xTitle: "period", yTitle: "realised / maximum surplus",
                   series: [.init(name: "efficiency", points: Array(zip(t, periods.numbers("efficiency"))))]).svg,
      SVGLineChart(title: "Mean price per period", xTitle: "period", yTitle: "price (ticks)",
                   series: [.init(name: "mean price", points: Array(zip(t, periods.numbers("mean_price"))))]).svg,
    ])
  }
}
