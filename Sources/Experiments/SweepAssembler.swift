import Foundation
import Output
import Simulation

/// Turns a complete journal into the sweep's result files, in run order — so the bytes do not
/// depend on `--jobs`, shards or the order runs finished in:
/// - `runs.csv`: point, replicate, seed, the parameters, every summary metric;
/// - `aggregate.csv` (wide): per point, for each metric n, mean, sd, ci95_low, ci95_high
///   (Student t), and with a reference point the paired difference (mean and 95% CI) against it;
/// - `aggregate_long.csv` (tidy): the same numbers, one row per (point, metric): point, the
///   parameters, metric, n, mean, sd, ci95_low, ci95_high[, diff_mean, diff_ci95_low, diff_ci95_high];
/// - `failures.csv` when a run failed: point, replicate, seed, error;
/// - `periods.csv` with `keep: periods` (see ``SweepPeriods``).
public enum SweepAssembler {
  /// One point's statistics: per metric over its succeeded runs, and of its paired differences.
  struct PointStatistics {
    var stats: [RunningStatistics], diffs: [RunningStatistics], succeeded = 0
    init(metrics: Int) {
      stats = Array(repeating: RunningStatistics(), count: metrics); diffs = stats
    }
  }

  /// Writes the files into `folder`; `keptIn` says which folder holds run `index`'s kept
  /// per-run files (default: `folder`; a merge passes each run's shard folder).
  public static func write(spec: SweepSpec, columns: [String], lines: [Int: Substring], folder: String,
                           keptIn: ((Int) -> String)? = nil) throws(OutputError) {
    let prefix = 3 + spec.parameters.count
    let metricNames = Array(columns.dropFirst(prefix))
    var runs = CSVWriter()
    runs.writeHeader(columns)
    var failures = CSVWriter()
    failures.writeHeader(["point", "replicate", "seed", "error"])
    var failureCount = 0
    var aggregate = CSVWriter()
    aggregate.writeHeader(wideColumns(spec: spec, metrics: metricNames))
    var long = CSVWriter()
    long.writeHeader(longColumns(spec: spec))
    let reference = referenceValues(spec: spec, lines: lines, prefix: prefix)
    for p in spec.points.indices {
      var point = PointStatistics(metrics: metricNames.count)
      for r in 0..<spec.replications {
        guard let line = lines[p * spec.replications + r] else { continue }
        if line.hasPrefix("!,") {
          failures.field(p); failures.field(r); failures.field(spec.seed(replicate: r))
          failures.field(parseQuoted(line.dropFirst(2))); failures.endRow()
          failureCount += 1
          continue
        }
        runs.appendRecord(line)
        point.succeeded += 1
        for (k, v) in metricValues(line, prefix: prefix).enumerated() where k < metricNames.count {
          if v.isFinite { point.stats[k].add(v) }
          if let ref = reference?[r], k < ref.count, v.isFinite, ref[k].isFinite { point.diffs[k].add(v - ref[k]) }
        }
      }
      writeWideRow(&aggregate, spec: spec, point: p, point, hasReference: reference != nil)
      writeLongRows(&long, spec: spec, point: p, point, metrics: metricNames, hasReference: reference != nil)
    }
    try AtomicFile.write(runs.buffer, to: folder + "/runs.csv")
    try AtomicFile.write(aggregate.buffer, to: folder + "/aggregate.csv")
    try AtomicFile.write(long.buffer, to: folder + "/aggregate_long.csv")
    if failureCount > 0 { try AtomicFile.write(failures.buffer, to: folder + "/failures.csv") }
    if spec.keep.contains(SweepPeriods.name) {
      try SweepPeriods.gather(spec: spec, lines: lines, keptIn: keptIn ?? { _ in folder }, to: folder + "/periods.csv")
    }
  }

  /// The header of `aggregate.csv`.
  static func wideColumns(spec: SweepSpec, metrics: [String]) -> [String] {
    var columns = ["point"] + spec.parameters + ["runs"]
    for m in metrics {
      columns += ["\(m)_n", "\(m)_mean", "\(m)_sd", "\(m)_ci95_low", "\(m)_ci95_high"]
      if spec.hasReference { columns += ["\(m)_diff_mean", "\(m)_diff_ci95_low", "\(m)_diff_ci95_high"] }
    }
    return columns
  }

  /// The header of `aggregate_long.csv`.
  static func longColumns(spec: SweepSpec) -> [String] {
    ["point"] + spec.parameters + ["metric", "n", "mean", "sd", "ci95_low", "ci95_high"]
      + (spec.hasReference ? ["diff_mean", "diff_ci95_low", "diff_ci95_high"] : [])
  }

  /// The reference point's metric values by replicate (nil without a reference; an empty row
  /// for a failed or missing reference run, so its replicate adds no difference).
  static func referenceValues(spec: SweepSpec, lines: [Int: Substring], prefix: Int) -> [[Double]]? {
    guard spec.hasReference else { return nil }
    return (0..<spec.replications).map { r in
      guard let line = lines[spec.referencePoint * spec.replications + r], !line.hasPrefix("!,") else { return [] }
      return metricValues(line, prefix: prefix)
    }
  }

  /// The metric values of a runs.csv row (non-numbers read as NaN).
  static func metricValues(_ line: Substring, prefix: Int) -> [Double] {
    splitCSV(line).dropFirst(prefix).map { Double($0) ?? .nan }
  }

  /// Point `p`'s parameter cells (empty where the point leaves a parameter at the base value).
  static func writeParameters(_ w: inout CSVWriter, spec: SweepSpec, point p: Int) {
    w.field(p)
    for cell in spec.cells(point: p) { if let cell { w.field(cell) } else { w.emptyField() } }
  }

  /// n, mean, sd, ci95_low, ci95_high of `s`.
  static func writeSummary(_ w: inout CSVWriter, _ s: RunningStatistics) {
    let ci = s.confidenceInterval95
    w.field(s.count); w.field(s.count > 0 ? s.mean : .nan); w.field(s.standardDeviation)
    w.field(ci.low); w.field(ci.high)
  }

  /// The mean difference and its 95% CI.
  static func writeDifference(_ w: inout CSVWriter, _ d: RunningStatistics) {
    let ci = d.confidenceInterval95
    w.field(d.count > 0 ? d.mean : .nan); w.field(ci.low); w.field(ci.high)
  }

  /// Point `p`'s row of `aggregate.csv`.
  static func writeWideRow(_ w: inout CSVWriter, spec: SweepSpec, point p: Int, _ s: PointStatistics, hasReference: Bool) {
    writeParameters(&w, spec: spec, point: p)
    w.field(s.succeeded)
    for k in s.stats.indices {
      writeSummary(&w, s.stats[k])
      if hasReference { writeDifference(&w, s.diffs[k]) }
    }
    w.endRow()
  }

  /// Point `p`'s rows of `aggregate_long.csv`, one per metric in column order.
  static func writeLongRows(_ w: inout CSVWriter, spec: SweepSpec, point p: Int, _ s: PointStatistics, metrics: [String], hasReference: Bool) {
    for k in metrics.indices {
      writeParameters(&w, spec: spec, point: p)
      w.field(metrics[k])
      writeSummary(&w, s.stats[k])
      if hasReference { writeDifference(&w, s.diffs[k]) }
      w.endRow()
    }
  }

  /// Splits one CSV record (RFC 4180 quoting).
  static func splitCSV(_ line: Substring) -> [String] {
    var out: [String] = [], field = "", quoted = false
    var it = line.makeIterator()
    while let c = it.next() {
      if quoted {
        if c == "\"" {
          if let n = it.next() { if n == "\"" { field.append("\"") } else { quoted = false; if n == "," { out.append(field); field = "" } else { field.append(n) } } }
          else { quoted = false }
        } else { field.append(c) }
      } else if c == "\"" { quoted = true }
      else if c == "," { out.append(field); field = "" }
      else { field.append(c) }
    }
    out.append(field)
    return out
  }

  static func parseQuoted(_ s: Substring) -> String { splitCSV(s).first ?? String(s) }
}
