import Foundation
import Output

/// The sensitivity indices of every numeric summary metric of a finished Sobol or Morris sweep
/// (``SensitivityLayout``), computed on each point's mean over its replications
/// (``PointMeans``): ``SobolIndices`` or ``MorrisEffects`` per metric, bootstrap intervals drawn
/// from the sweep's seed (the same resamples for every metric). Base rows (Sobol) or trajectories
/// (Morris) with a non-finite output are left out; `n` says how many were used.
///
/// `sensitivity.csv` is tidy, `metric,parameter,index,estimate,ci95_low,ci95_high`:
/// - Sobol: per parameter `S1` and `ST` (shares of the output variance, with 95% intervals), and
///   per metric, with an empty parameter, `variance` (V, the output's unit squared) and `n` (base rows);
/// - Morris: per parameter `mu`, `mu_star` (with its 95% interval) and `sigma` (output units per
///   whole parameter range), and per metric `n` (trajectories).
public struct SensitivityAnalysis: Sendable {
  /// One row of `sensitivity.csv`.
  public struct Row: Sendable {
    public var metric: String, parameter: String, index: String
    public var value: BootstrapInterval
  }

  public var layout: SensitivityLayout
  public var rows: [Row]

  /// Analyses the sweep folder `folder` with `resamples` bootstrap resamples.
  public static func analyze(folder: String, resamples: Int = 1_000) throws(SweepError) -> SensitivityAnalysis {
    let layout = try SensitivityLayout.read(folder: folder)
    let means = try PointMeans.read(folder: folder, parameters: layout.parameters, points: layout.pointCount)
    var rows: [Row] = []
    for (metric, y) in zip(means.metrics, means.values) {
      rows += layout.method == .sobol ? sobolRows(metric, y, layout, resamples) : morrisRows(metric, y, layout, resamples)
    }
    return SensitivityAnalysis(layout: layout, rows: rows)
  }

  static func sobolRows(_ metric: String, _ y: [Double], _ l: SensitivityLayout, _ resamples: Int) -> [Row] {
    let n = l.samples, k = l.parameters.count
    func block(_ b: Int) -> [Double] { Array(y[(l.offset + b * n)..<(l.offset + (b + 1) * n)]) }
    let blocks = (0..<(k + 2)).map(block)
    let finite = (0..<n).filter { j in blocks.allSatisfy { $0[j].isFinite } }
    let pick = blocks.map { b in finite.map { b[$0] } }
    var out: [Row] = []
    if finite.count >= 2 {
      let s = SobolIndices.estimate(a: pick[0], b: pick[1], ab: Array(pick[2...]), resamples: resamples, seed: l.seed)
      for (i, p) in l.parameters.enumerated() {
        out.append(Row(metric: metric, parameter: p, index: "S1", value: s.first[i]))
        out.append(Row(metric: metric, parameter: p, index: "ST", value: s.total[i]))
      }
      out.append(Row(metric: metric, parameter: "", index: "variance", value: BootstrapInterval(estimate: s.variance)))
    }
    out.append(Row(metric: metric, parameter: "", index: "n", value: BootstrapInterval(estimate: Double(finite.count))))
    return out
  }

  static func morrisRows(_ metric: String, _ y: [Double], _ l: SensitivityLayout, _ resamples: Int) -> [Row] {
    let k = l.parameters.count
    let trajectories = l.steps.enumerated().map { t, steps in
      MorrisEffects.Trajectory(outputs: Array(y[(l.offset + t * (k + 1))..<(l.offset + (t + 1) * (k + 1))]), steps: steps)
    }.filter { $0.outputs.allSatisfy(\.isFinite) }
    var out: [Row] = []
    if trajectories.count >= 2 {
      let e = MorrisEffects.estimate(trajectories, parameters: k, delta: l.delta, resamples: resamples, seed: l.seed)
      for (i, p) in l.parameters.enumerated() {
        out.append(Row(metric: metric, parameter: p, index: "mu", value: BootstrapInterval(estimate: e.mu[i])))
        out.append(Row(metric: metric, parameter: p, index: "mu_star", value: e.muStar[i]))
        out.append(Row(metric: metric, parameter: p, index: "sigma", value: BootstrapInterval(estimate: e.sigma[i])))
      }
    }
    out.append(Row(metric: metric, parameter: "", index: "n", value: BootstrapInterval(estimate: Double(trajectories.count))))
    return out
  }

  /// `sensitivity.csv`'s bytes (an interval's missing bound is an empty cell).
  public var csv: [UInt8] {
    var w = CSVWriter()
    w.writeHeader(["metric", "parameter", "index", "estimate", "ci95_low", "ci95_high"])
    for r in rows {
      w.field(r.metric); w.field(r.parameter); w.field(r.index)
      if r.index == "n" { w.field(Int(r.value.estimate)) } else { w.field(r.value.estimate) }
      for bound in [r.value.low, r.value.high] { if bound.isNaN { w.emptyField() } else { w.field(bound) } }
      w.endRow()
    }
    return w.buffer
  }

  /// Writes `folder/sensitivity.csv` atomically.
  public func write(folder: String) throws(OutputError) {
    try AtomicFile.write(csv, to: folder + "/sensitivity.csv")
  }
}
