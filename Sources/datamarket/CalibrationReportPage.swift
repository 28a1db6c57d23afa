import Output

/// The page of a calibration folder (`datamarket calibrate`): the fit at the best point with each
/// target's source, the objective by evaluation with the best so far, and each parameter's path.
enum CalibrationReportPage {
  static func make(folder: String, fit: CSVDocument, trace: CSVDocument) -> HTMLReport {
    var page = HTMLReport(title: "\(SweepReportPage.lastComponent(folder)) — calibration report")
    let objective = trace.numbers("objective")
    let best = objective.indices.filter { objective[$0].isFinite }.min { objective[$0] < objective[$1] }
    page.paragraph("Folder \(folder): \(trace.rows.count) evaluations; best objective "
                   + (best.map { "\(SVGText.label(objective[$0])) at evaluation \(trace.rows[$0][0])" } ?? "none (every evaluation failed)")
                   + ". Objective: Σ weight·((simulated mean − target)/target)² over the seeds' common random numbers.")
    page.section("Fit at the best point", "Simulated mean over the seeds with its Student-t 95% CI; relative error against the target.")
    let ci = fit.rows.indices.map { i in "\(SVGText.label(fit.numbers("simulated_mean")[i])) [\(SVGText.label(fit.numbers("ci95_low")[i])), \(SVGText.label(fit.numbers("ci95_high")[i]))]" }
    let error = fit.numbers("relative_error").map { $0.isFinite ? SVGText.label(100 * $0) + "%" : "–" }
    page.table(["metric", "target", "simulated mean [95% CI]", "relative error", "source"],
               fit.rows.indices.map { [fit.rows[$0][0], fit.texts("target")[$0], ci[$0], error[$0], fit.texts("source")[$0]] },
               numeric: [1, 2, 3])
    page.section("Search", "Every evaluation's objective (log scale) and the best so far; each parameter's value by evaluation.")
    page.chart(objectiveChart(objective))
    let parameters = parameterNames(trace)
    page.charts(parameters.map { p in
      var chart = SVGLineChart(title: p, xTitle: "evaluation", yTitle: p,
                               series: [.init(name: p, points: trace.numbers(p).enumerated().map { (Double($0.offset), $0.element) })])
      chart.scatter = trace.rows.count <= SVGLineChart.maximumMarkers
      return chart.svg
    })
    return page
  }

  /// The objective of every evaluation and the running minimum.
  static func objectiveChart(_ objective: [Double]) -> String {
    var running = Double.infinity
    let best = objective.map { v -> Double in if v.isFinite { running = min(running, v) }; return running }
    let x = objective.indices.map(Double.init)
    var chart = SVGLineChart(title: "objective", xTitle: "evaluation", yTitle: "objective",
                             series: [.init(name: "evaluation", points: Array(zip(x, objective)).filter { $0.1.isFinite && $0.1 > 0 }),
                                      .init(name: "best so far", points: Array(zip(x, best)).filter { $0.1.isFinite && $0.1 > 0 })])
    chart.yScaleKind = .log
    return chart.svg
  }

  /// trace.csv's parameter columns: those between `evaluation` and `objective`.
  static func parameterNames(_ trace: CSVDocument) -> [String] {
    guard let o = trace.column("objective"), o > 1 else { return [] }
    return Array(trace.header[1..<o])
  }
}
