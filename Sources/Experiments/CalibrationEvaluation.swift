import Foundation
import Output
import Scenario
import Simulation

/// One evaluation of a calibration: the parameter values tried and, for every seed, the target
/// metrics' simulated values (NaN where a run failed, with the first failure's message). Its
/// objective is Σ wₘ·((mean over seeds of metric m − targetₘ)/targetₘ)², +∞ when any mean is not
/// a number. It is what a line of `calibration.journal` records.
public struct CalibrationEvaluation: Sendable, Equatable {
  /// The parameter values as overrides write them, in the spec's parameter order.
  public var values: [String]
  /// `metrics[s][m]`: target m's value in the run with seed s.
  public var metrics: [[Double]]
  /// Why a run failed (the first seed's failure), nil when every run succeeded.
  public var error: String?

  public init(values: [String], metrics: [[Double]], error: String?) {
    self.values = values; self.metrics = metrics; self.error = error
  }

  /// Target m's mean over seeds.
  public func mean(_ m: Int) -> Double { metrics.map { $0[m] }.reduce(0, +) / Double(metrics.count) }

  /// The 95% confidence interval of target m's mean over seeds (Student t; NaN with one seed).
  public func ci95(_ m: Int) -> (low: Double, high: Double) {
    let n = metrics.count
    guard n >= 2 else { return (.nan, .nan) }
    let mu = mean(m)
    let variance = metrics.map { ($0[m] - mu) * ($0[m] - mu) }.reduce(0, +) / Double(n - 1)
    let half = StudentT.quantile(0.975, degreesOfFreedom: Double(n - 1)) * (variance / Double(n)).squareRoot()
    return (mu - half, mu + half)
  }

  /// The weighted sum of squared relative errors of the means against `targets`.
  public func objective(_ targets: [CalibrationSpec.Target]) -> Double {
    var sum = 0.0
    for (m, t) in targets.enumerated() where t.weight > 0 {
      let e = (mean(m) - t.value) / t.value
      sum += t.weight * e * e
    }
    return sum.isNaN ? .infinity : sum
  }

  /// The journal payload: the values, every seed's metrics (shortest round-trip text, so a
  /// resumed calibration computes exactly what the uninterrupted one did), then the error.
  public var payload: String {
    var w = CSVWriter()
    for v in values { w.field(v) }
    for row in metrics { for x in row { w.field(x.isNaN ? "nan" : x.description) } }
    w.field(error ?? "")
    return String(decoding: w.buffer, as: UTF8.self)
  }

  /// Reads a payload of `parameters` values and `seeds` × `targets` metrics; nil when it is not one.
  public static func read(_ payload: Substring, parameters: Int, seeds: Int, targets: Int) -> CalibrationEvaluation? {
    let cells = SweepAssembler.splitCSV(payload)
    guard cells.count == parameters + seeds * targets + 1 else { return nil }
    var metrics: [[Double]] = []
    for s in 0..<seeds {
      var row: [Double] = []
      for m in 0..<targets {
        let text = cells[parameters + s * targets + m]
        guard let x = text == "nan" ? Double.nan : Double(text) else { return nil }
        row.append(x)
      }
      metrics.append(row)
    }
    let error = cells[cells.count - 1]
    return CalibrationEvaluation(values: Array(cells[..<parameters]), metrics: metrics, error: error.isEmpty ? nil : error)
  }

  public static func == (a: CalibrationEvaluation, b: CalibrationEvaluation) -> Bool { a.payload == b.payload }

  /// Runs the base scenario `base` with `overrides` and `seed`, and reads the `targets` metrics
  /// from its summary (NaN for a metric that is not a number); a failed run gives its message.
  static func run(base: JSONNode, file: String, overrides: [String], seed: UInt64, targets: [String]) -> Result<[Double], RunFailure> {
    do {
      let root = try ScenarioLoader.apply(overrides: overrides + ["seed=\(seed)"], to: base)
      let result = try ScenarioRunner.run(try Scenario.decode(root, file: file))
      return .success(targets.map { name in result.metrics.first { $0.name == name }.map { number($0.value) } ?? .nan })
    } catch {
      return .failure(RunFailure(message: String("seed \(seed): \(error)".map { $0.isNewline ? " " : $0 })))
    }
  }

  /// Why one run failed.
  struct RunFailure: Error { var message: String }

  /// A summary cell as a number.
  static func number(_ cell: CSVCell) -> Double {
    switch cell {
    case .int(let i): return Double(i)
    case .double(let d): return d
    case .bool(let b): return b ? 1 : 0
    case .text(let s): return Double(s) ?? .nan
    case .empty: return .nan
    }
  }
}
