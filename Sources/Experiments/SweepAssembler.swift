import Foundation
import Output
import Simulation

/// Turns a complete journal into the sweep's result files, in run order — so the bytes do not
/// depend on `--jobs`, shards or the order runs finished in:
/// - `runs.csv`: point, replicate, seed, the parameters, every summary metric;
/// - `aggregate.csv`: per point, for each metric n, mean, sd, ci95_low, ci95_high (Student t),
///   and with a reference point the paired difference (mean and 95% CI) against it;
/// - `failures.csv` when a run failed: point, replicate, seed, error.
public enum SweepAssembler {
  public static func write(spec: SweepSpec, columns: [String], lines: [Int: Substring], folder: String) throws(OutputError) {
    let prefix = 3 + spec.parameters.count
    let metricNames = Array(columns.dropFirst(prefix))
    var runs = CSVWriter()
    runs.writeHeader(columns)
    var failures = CSVWriter()
    failures.writeHeader(["point", "replicate", "seed", "error"])
    var failureCount = 0
    var aggColumns = ["point"] + spec.parameters + ["runs"]
    for m in metricNames {
      aggColumns += ["\(m)_n", "\(m)_mean", "\(m)_sd", "\(m)_ci95_low", "\(m)_ci95_high"]
      if spec.hasReference { aggColumns += ["\(m)_diff_mean", "\(m)_diff_ci95_low", "\(m)_diff_ci95_high"] }
    }
    var aggregate = CSVWriter()
    aggregate.writeHeader(aggColumns)
    var reference: [[Double]] = Array(repeating: [], count: spec.replications)  // [replicate][metric]
    for p in spec.points.indices {
      var stats = Array(repeating: RunningStatistics(), count: metricNames.count)
      var diffs = Array(repeating: RunningStatistics(), count: metricNames.count)
      var succeeded = 0
      for r in 0..<spec.replications {
        guard let line = lines[p * spec.replications + r] else { continue }
        if line.hasPrefix("!,") {
          failures.field(p); failures.field(r); failures.field(spec.seed(replicate: r))
          failures.field(parseQuoted(line.dropFirst(2))); failures.endRow()
          failureCount += 1
          continue
        }
        runs.appendRecord(line)
        succeeded += 1
        let cells = splitCSV(line)
        let values = cells.dropFirst(prefix).map { Double($0) ?? .nan }
        if p == 0 && spec.hasReference { reference[r] = values }
        for (k, v) in values.enumerated() where k < stats.count {
          if v.isFinite { stats[k].add(v) }
          if spec.hasReference, k < reference[r].count, v.isFinite, reference[r][k].isFinite { diffs[k].add(v - reference[r][k]) }
        }
      }
      aggregate.field(p)
      for cell in spec.cells(point: p) { if let cell { aggregate.field(cell) } else { aggregate.emptyField() } }
      aggregate.field(succeeded)
      for k in metricNames.indices {
        let s = stats[k]
        let ci = s.confidenceInterval95
        aggregate.field(s.count)
        aggregate.field(s.count > 0 ? s.mean : .nan)
        aggregate.field(s.standardDeviation)
        aggregate.field(ci.low); aggregate.field(ci.high)
        if spec.hasReference {
          let d = diffs[k], dci = d.confidenceInterval95
          aggregate.field(d.count > 0 ? d.mean : .nan); aggregate.field(dci.low); aggregate.field(dci.high)
        }
      }
      aggregate.endRow()
    }
    try AtomicFile.write(runs.buffer, to: folder + "/runs.csv")
    try AtomicFile.write(aggregate.buffer, to: folder + "/aggregate.csv")
    if failureCount > 0 { try AtomicFile.write(failures.buffer, to: folder + "/failures.csv") }
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
