import Foundation
import Output
import Scenario

/// The files a finished calibration writes into its folder, each atomically:
///
/// - `trace.csv`: every evaluation — its number, each parameter's value, the objective, each
///   target's simulated mean (and the first failed run's message, if any);
/// - `fit.csv`: at the best point, `metric,target,simulated_mean,ci95_low,ci95_high,relative_error,source`;
/// - `calibrated.json`: a JSON5 scenario that `extends` the base (by a path relative to the
///   folder) with the `set` overrides and the fitted values, saying in a comment how it was made.
public struct CalibrationOutputs {
  public let spec: CalibrationSpec
  public let folder: String

  public init(spec: CalibrationSpec, folder: String) { self.spec = spec; self.folder = folder }

  /// Writes the three files; without a fit (`fitted` false: no evaluation had a finite
  /// objective) the trace and the best evaluation's fit, and removes an earlier calibrated.json.
  public func write(_ outcome: Calibrator.Outcome, fitted: Bool = true) throws(OutputError) {
    try trace(outcome).write(to: folder + "/trace.csv")
    if !outcome.evaluations.isEmpty { try fit(outcome.evaluations[outcome.best]).write(to: folder + "/fit.csv") }
    if fitted {
      try AtomicFile.write(try calibratedScenario(outcome), to: folder + "/calibrated.json")
    } else {
      unlink(folder + "/calibrated.json")
    }
  }

  /// `trace.csv`.
  public func trace(_ outcome: Calibrator.Outcome) -> CSVTable {
    var t = CSVTable(columns: ["evaluation"] + spec.parameters.map(\.key) + ["objective"] + spec.targets.map(\.metric) + ["error"])
    for (i, e) in outcome.evaluations.enumerated() {
      let values: [CSVCell] = e.values.map { Double($0).map(CSVCell.double) ?? .text($0) }
      let means: [CSVCell] = spec.targets.indices.map { .double(e.mean($0)) }
      t.append([.int(i)] + values + [.double(e.objective(spec.targets))] + means + [e.error.map(CSVCell.text) ?? .empty])
    }
    return t
  }

  /// `fit.csv` at evaluation `e`.
  public func fit(_ e: CalibrationEvaluation) -> CSVTable {
    var t = CSVTable(columns: ["metric", "target", "simulated_mean", "ci95_low", "ci95_high", "relative_error", "source"])
    for (m, target) in spec.targets.enumerated() {
      let mean = e.mean(m), ci = e.ci95(m)
      t.append([.text(target.metric), .double(target.value), .double(mean), .double(ci.low), .double(ci.high),
                .double((mean - target.value) / target.value), .text(target.source)])
    }
    return t
  }

  /// `calibrated.json`'s text.
  public func calibratedScenario(_ outcome: Calibrator.Outcome) throws(OutputError) -> String {
    let best = outcome.evaluations[outcome.best]
    let fitted = zip(spec.parameters, best.values).map { "\($0.key)=\($1)" }
    let patch: JSONNode
    do {
      patch = try ScenarioLoader.apply(overrides: spec.overrides + fitted, to: JSONNode(.object([]), source: ""))
    } catch { throw .cannotWrite(path: folder + "/calibrated.json", reason: error.description) }
    let objective = best.objective(spec.targets)
    var s = "// Written by `datamarket calibrate \(spec.file)`: objective \(objective) (weighted squared relative errors) at evaluation "
      + "\(outcome.best) of \(outcome.evaluations.count), \(spec.seeds.count) seeds each; fit.csv beside it compares each target.\n"
    s += "{\n  extends: \(JSONText.quote(CalibrationOutputs.relativePath(from: folder, to: spec.baseFile))),\n"
    s += "  name: \(JSONText.quote(spec.baseName + "-calibrated")),\n"
    if case .object(let members) = patch.value {
      for m in members { s += CalibrationOutputs.member(m, indent: "  ") }
    }
    return s + "}\n"
  }

  /// One JSON5 member, objects spread over lines.
  static func member(_ m: JSONNode.Member, indent: String) -> String {
    guard case .object(let members) = m.value.value else { return indent + key(m.key) + ": " + text(m.value) + ",\n" }
    return indent + key(m.key) + ": {\n" + members.map { member($0, indent: indent + "  ") }.joined() + indent + "},\n"
  }

  /// A member name, bare when it is an identifier.
  static func key(_ k: String) -> String {
    k.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) && !(k.first?.isNumber ?? true) ? k : JSONText.quote(k)
  }

  /// A value's JSON5 text on one line (numbers as written, so integers stay integers).
  static func text(_ n: JSONNode) -> String {
    switch n.value {
    case .number(_, let written): return written
    case .array(let items): return "[" + items.map(text).joined(separator: ", ") + "]"
    case .object(let members): return "{ " + members.map { key($0.key) + ": " + text($0.value) }.joined(separator: ", ") + " }"
    default: return n.canonicalText
    }
  }

  /// The path of `file` relative to `folder` (both made absolute against the current folder).
  public static func relativePath(from folder: String, to file: String) -> String {
    let a = URL(fileURLWithPath: folder).standardizedFileURL.pathComponents
    let b = URL(fileURLWithPath: file).standardizedFileURL.pathComponents
    var common = 0
    while common < min(a.count, b.count - 1) && a[common] == b[common] { common += 1 }
    return (Array(repeating: "..", count: a.count - common) + b[common...]).joined(separator: "/")
  }
}
