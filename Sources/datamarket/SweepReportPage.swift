import Foundation
import Output
import Scenario

/// The page of a sweep folder: for every chosen metric its mean with the 95% CI band against each
/// swept parameter (one line per combination of the others), the paired differences against the
/// reference point with their CIs, and the aggregate table.
enum SweepReportPage {
  /// Metrics shown first when a sweep has them; otherwise the first dozen of aggregate.csv.
  static let preferred = ["gmv_per_year_wan_rmb", "trades", "match_rate", "on_exchange_share", "cross_region_share", "bad_trade_share",
                          "total_welfare_expected_wan_rmb", "exchange_profit_wan_rmb", "efficiency", "mean_price", "alpha_pct", "mean_wait"]

  /// A warning when the folder's sweep.json describes a larger design than aggregate.csv holds (a
  /// grown sweep not yet finished: the aggregate is of the earlier design), else nil.
  static func staleness(folder: String, aggregate: CSVDocument) -> String? {
    guard let root = try? ScenarioLoader.parseFile(folder + "/sweep.json"), case .array(let points)? = root["points"]?.value,
          case .number(let replications, _)? = root["replications"]?.value else { return nil }
    let runs = aggregate.numbers("runs").max() ?? 0
    guard points.count != aggregate.rows.count || Double(replications) > runs else { return nil }
    return "Unfinished: sweep.json describes \(points.count) points × \(Int(replications)) replications, but aggregate.csv still holds "
      + "\(aggregate.rows.count) points × at most \(SVGText.label(runs)) runs, an earlier design. Run datamarket sweep again into this folder "
      + "to finish it; the figures below are of the earlier design."
  }

  static func make(folder: String, aggregate: CSVDocument) -> HTMLReport {
    var page = HTMLReport(title: "\(lastComponent(folder)) — sweep report")
    guard let runs = aggregate.column("runs"), runs >= 1 else {
      page.paragraph("aggregate.csv has no runs column after its point column."); return page
    }
    let parameters = Array(aggregate.header[1..<runs])
    let shownRows = Array(aggregate.rows.indices.prefix(maximumTableRows))
    let all = aggregate.header.filter { $0.hasSuffix("_mean") && !$0.hasSuffix("_diff_mean") }.map { String($0.dropLast(5)) }
    var metrics = preferred.filter { all.contains($0) }
    if metrics.isEmpty { metrics = Array(all.prefix(12)) }
    guard !metrics.isEmpty, !aggregate.rows.isEmpty else {
      page.paragraph("aggregate.csv has no points or no metric columns (no column ending in _mean): nothing to chart.")
      return page
    }
    if let stale = staleness(folder: folder, aggregate: aggregate) { page.paragraph(stale) }
    page.paragraph("Folder \(folder): \(aggregate.rows.count) points × \(SVGText.label(aggregate.numbers("runs").first ?? .nan)) runs each; "
                   + "parameters \(parameters.joined(separator: ", ")). Means over replications with Student-t 95% confidence intervals.")
    for p in parameters {
      page.section("Response to \(p)")
      page.charts(metrics.map { chart(aggregate, parameter: p, others: parameters.filter { $0 != p }, metric: $0) })
    }
    if aggregate.column(metrics[0] + "_diff_mean") != nil {
      page.section("Paired differences against the reference point", "Mean difference with its paired 95% CI (common random numbers); points in the order of aggregate.csv.")
      if aggregate.rows.count <= SVGLineChart.maximumMarkers { page.charts(metrics.map { differenceChart(aggregate, metric: $0) }) }
      page.table(["point"] + parameters + metrics, rows(aggregate, shownRows, parameters, metrics, suffix: "_diff_mean", "_diff_ci95_low", "_diff_ci95_high"),
                 numeric: Set((1 + parameters.count)..<(1 + parameters.count + metrics.count)))
    }
    page.section("Aggregate", "Mean [95% CI] per point.")
    page.table(["point"] + parameters + metrics, rows(aggregate, shownRows, parameters, metrics, suffix: "_mean", "_ci95_low", "_ci95_high"),
               numeric: Set((1 + parameters.count)..<(1 + parameters.count + metrics.count)))
    if aggregate.rows.count > shownRows.count {
      page.paragraph("The first \(shownRows.count) of \(aggregate.rows.count) points are shown; every point is in aggregate.csv.")
    }
    return page
  }

  /// Each point's paired difference against the reference, with its 95% CI as an error bar.
  static func differenceChart(_ a: CSVDocument, metric: String) -> String {
    let d = a.numbers(metric + "_diff_mean"), lo = a.numbers(metric + "_diff_ci95_low"), hi = a.numbers(metric + "_diff_ci95_high")
    let x = a.rows.indices.map { Double($0 + 1) }
    var chart = SVGLineChart(title: "Δ " + metric, xTitle: "point", yTitle: unit(metric), series: [.init(name: "difference", points: Array(zip(x, d)))])
    chart.scatter = true
    chart.errorBars = [0: x.indices.map { (x[$0], lo[$0], hi[$0]) }]
    if a.rows.count <= 30 { chart.xCategories = a.rows.indices.map { a.rows[$0][0] } }
    return chart.svg
  }

  /// Rows of at most this many points are tabulated (the charts show them all).
  static let maximumTableRows = 300

  /// Table rows: point, parameter values, then per metric "value [low, high]" from the columns
  /// metric+suffix.
  static func rows(_ a: CSVDocument, _ shown: [Int], _ parameters: [String], _ metrics: [String],
                   suffix value: String, _ low: String, _ high: String) -> [[String]] {
    let params = parameters.map { a.texts($0) }
    let columns = metrics.map { (a.numbers($0 + value), a.numbers($0 + low), a.numbers($0 + high)) }
    return shown.map { i in
      [a.rows[i][0]] + params.map { $0[i] } + columns.map { v, lo, hi in
        v[i].isFinite ? "\(SVGText.label(v[i])) [\(SVGText.label(lo[i])), \(SVGText.label(hi[i]))]" : "–"
      }
    }
  }

  /// Mean ± CI of `metric` against `parameter`: numeric values on the x axis, or the points'
  /// order (1, 2, …) for text values, named in the hover titles; one series per value of the others.
  static func chart(_ a: CSVDocument, parameter: String, others: [String], metric: String) -> String {
    let raw = a.texts(parameter)
    let numeric = raw.allSatisfy { Double($0) != nil || $0 == "inf" || $0 == "Infinity" }
    let levels = uniqueInOrder(raw)
    let x = raw.map { numeric ? (Double($0) ?? ($0.hasPrefix("-") ? -Double.infinity : .infinity)) : Double(levels.firstIndex(of: $0)! + 1) }
    let mean = a.numbers(metric + "_mean"), lo = a.numbers(metric + "_ci95_low"), hi = a.numbers(metric + "_ci95_high")
    var chart = SVGLineChart(title: metric, xTitle: parameter, yTitle: unit(metric), series: [])
    if !numeric { chart.xCategories = levels }
    // many distinct values (a Latin hypercube or Sobol design): one scatter of all points, no bands
    chart.scatter = numeric && levels.count > 30
    let otherColumns = others.map { ($0, a.texts($0)) }
    let groupKey = chart.scatter ? Array(repeating: "", count: a.rows.count)
      : a.rows.indices.map { i in otherColumns.map { "\($0.0)=\($0.1[i])" }.joined(separator: ", ") }
    for (g, key) in uniqueInOrder(groupKey).enumerated() {
      let idx = a.rows.indices.filter { groupKey[$0] == key }.sorted { x[$0] < x[$1] }
      chart.series.append(.init(name: key.isEmpty ? "mean" : key, points: idx.map { (x[$0], mean[$0]) }))
      if !chart.scatter { chart.bands[g] = idx.map { (x[$0], lo[$0], hi[$0]) } }
    }
    return chart.svg
  }

  static func unit(_ metric: String) -> String {
    metric.hasSuffix("_wan_rmb") ? "RMB 10,000" : metric.hasSuffix("_share") || metric.hasSuffix("_rate") ? "share" : metric
  }

  static func uniqueInOrder(_ xs: [String]) -> [String] {
    var seen = Set<String>(), out: [String] = []
    for x in xs where seen.insert(x).inserted { out.append(x) }
    return out
  }

  static func lastComponent(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }
}
