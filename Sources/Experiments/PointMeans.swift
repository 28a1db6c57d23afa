import Foundation

/// Each numeric summary metric of a finished sweep, averaged per design point over its
/// replications (non-finite values left out; NaN where a point has none) — the output a
/// sensitivity analysis of a stochastic model works on. Read from `runs.csv`: point, replicate,
/// seed, the parameters, then the metrics; a metric column is numeric when every cell parses as
/// a number (`nan`, `inf` included).
public struct PointMeans: Sendable {
  public var metrics: [String]
  /// values[m][p]: metric m's mean at point p.
  public var values: [[Double]]

  /// Reads `folder/runs.csv` for a sweep of `points` points and `parameters`; refuses a missing
  /// file (an unfinished sweep), another sweep's columns, or a point with no run.
  public static func read(folder: String, parameters: [String], points: Int) throws(SweepError) -> PointMeans {
    let path = folder + "/runs.csv"
    guard let data = FileManager.default.contents(atPath: path) else {
      // a shard never has runs.csv: its runs become a sweep's only when merged
      if SweepRunner.shard(ofFolder: folder) != nil {
        throw SweepError("\(folder): is one shard of a sweep (no runs.csv); merge every shard first (datamarket merge SHARD... --out DIR), then analyse DIR")
      }
      throw SweepError("\(folder): no runs.csv — the sweep is unfinished; finish it with datamarket sweep FILE --out \(folder)")
    }
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
    guard let header = lines.first else { throw SweepError("\(path): empty") }
    let columns = SweepAssembler.splitCSV(header)
    let prefix = 3 + parameters.count
    guard columns.count >= prefix, Array(columns[0..<3]) == ["point", "replicate", "seed"], Array(columns[3..<prefix]) == parameters else {
      throw SweepError("\(path): line 1: expected point,replicate,seed,\(parameters.joined(separator: ",")),… (the columns of sweep.json's parameters)")
    }
    let m = columns.count - prefix
    var sums = Array(repeating: [Double](repeating: 0, count: points), count: m)
    var counts = Array(repeating: [Int](repeating: 0, count: points), count: m)
    var numeric = [Bool](repeating: true, count: m)
    var seen = [Bool](repeating: false, count: points)
    for (n, line) in lines.dropFirst().enumerated() {
      let cells = line.contains("\"") ? SweepAssembler.splitCSV(line).map { Substring($0) } : line.split(separator: ",", omittingEmptySubsequences: false)
      guard cells.count == columns.count, let p = Int(cells[0]), (0..<points).contains(p) else {
        throw SweepError("\(path): line \(n + 2): expected \(columns.count) fields starting with a point number below \(points)")
      }
      seen[p] = true
      for k in 0..<m where numeric[k] {
        guard let v = Double(cells[prefix + k]) else { numeric[k] = false; continue }
        if v.isFinite { sums[k][p] += v; counts[k][p] += 1 }
      }
    }
    if let missing = seen.firstIndex(of: false) {
      throw SweepError("\(path): point \(missing) has no run — the sweep is unfinished or its runs failed (see failures.csv)")
    }
    let kept = (0..<m).filter { numeric[$0] }
    return PointMeans(metrics: kept.map { columns[prefix + $0] },
                      values: kept.map { k in (0..<points).map { counts[k][$0] > 0 ? sums[k][$0] / Double(counts[k][$0]) : .nan } })
  }
}
