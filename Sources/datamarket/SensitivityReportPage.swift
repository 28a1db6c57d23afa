import Output

/// The page of a Sobol or Morris sweep analysed by `datamarket analyze`: per metric its indices
/// by parameter with their bootstrap 95% intervals (S1 and ST, or μ* and σ), and the table.
enum SensitivityReportPage {
  /// Metrics charted first when present; otherwise the first eight with indices.
  static let preferred = ["total_welfare_expected_wan_rmb", "gmv_per_year_wan_rmb", "bad_trade_share", "on_exchange_share", "trades", "y"]

  static func make(folder: String, sensitivity: CSVDocument) -> HTMLReport {
    var page = HTMLReport(title: "\(SweepReportPage.lastComponent(folder)) — sensitivity report")
    let metric = sensitivity.texts("metric"), parameter = sensitivity.texts("parameter"), index = sensitivity.texts("index")
    let estimate = sensitivity.numbers("estimate"), low = sensitivity.numbers("ci95_low"), high = sensitivity.numbers("ci95_high")
    let indices = SweepReportPage.uniqueInOrder(index.indices.filter { !parameter[$0].isEmpty && estimate[$0].isFinite }.map { index[$0] })
      .filter { ["S1", "ST", "mu_star", "sigma"].contains($0) }
    let withIndices = SweepReportPage.uniqueInOrder(metric.indices.filter { !parameter[$0].isEmpty && estimate[$0].isFinite }.map { metric[$0] })
    var shown = preferred.filter { withIndices.contains($0) }
    if shown.isEmpty { shown = Array(withIndices.prefix(8)) }
    page.paragraph("Folder \(folder): indices of \(withIndices.count) metrics (\(indices.joined(separator: ", "))) with bootstrap 95% intervals; "
                   + "every metric is in sensitivity.csv, and each design point's means with their 95% CIs in aggregate.csv.")
    let all = SweepReportPage.uniqueInOrder(parameter.filter { !$0.isEmpty })
    page.section("Indices by parameter", "Each chart: one metric; per parameter its indices with their intervals. Parameters: "
                 + all.enumerated().map { "P\($0.offset + 1) = \($0.element)" }.joined(separator: ", ") + ".")
    page.charts(shown.map { m in
      let rows = metric.indices.filter { metric[$0] == m && !parameter[$0].isEmpty }
      let names = SweepReportPage.uniqueInOrder(rows.map { parameter[$0] })
      var chart = SVGLineChart(title: m, xTitle: "parameter", yTitle: "index", series: [])
      chart.xCategories = names.map { "P\(all.firstIndex(of: $0)! + 1)" }
      chart.scatter = true
      for (k, ix) in indices.enumerated() {
        let r = rows.filter { index[$0] == ix }
        let points = r.map { (Double(names.firstIndex(of: parameter[$0])! + 1), estimate[$0]) }
        chart.series.append(.init(name: ix, points: points))
        chart.errorBars[k] = r.map { (Double(names.firstIndex(of: parameter[$0])! + 1), low[$0], high[$0]) }
      }
      return chart.svg
    })
    page.section("Table", "Estimate [bootstrap 95% interval].")
    let tableRows = metric.indices.filter { shown.contains(metric[$0]) && !parameter[$0].isEmpty }.map { i in
      [metric[i], parameter[i], index[i], estimate[i].isFinite ? "\(SVGText.label(estimate[i])) [\(SVGText.label(low[i])), \(SVGText.label(high[i]))]" : "–"]
    }
    page.table(["metric", "parameter", "index", "estimate [95% CI]"], tableRows, numeric: [3])
    return page
  }
}
