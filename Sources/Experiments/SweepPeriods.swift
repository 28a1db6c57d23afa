import Foundation
import Output

/// The per-period series a sweep keeps with `--keep periods`: each run's `periods.csv` (the
/// model's own columns, one row per period) is saved as it finishes in `periods/` of the sweep
/// (or shard) folder, named by its point's values and its replicate — so it survives resume,
/// extension and merge — and gathered at assembly into one `periods.csv` with leading columns
/// `point, replicate, <parameters…>`, runs in run order (point, then replicate). Failed runs
/// have no rows.
public enum SweepPeriods {
  /// The `keep` name and the gathered file's base name.
  public static let name = "periods"

  /// The file of (point `p`, replicate `r`) inside `folder`.
  static func path(spec: SweepSpec, point p: Int, replicate r: Int, folder: String) -> String {
    folder + "/" + name + "/" + FNV1a.hex(spec.overrides(point: p).joined(separator: "\n")) + "-r\(r).csv"
  }

  /// Saves one run's periods table (before its journal line, so a journalled run has its file).
  static func save(_ table: CSVTable, spec: SweepSpec, run index: Int, folder: String) throws(OutputError) {
    try AtomicFile.createDirectory(folder + "/" + name)
    try table.write(to: path(spec: spec, point: index / spec.replications, replicate: index % spec.replications, folder: folder))
  }

  /// Writes `periods.csv` at `out` from the saved files of every succeeded run; every file must
  /// be there and have the same header.
  static func gather(spec: SweepSpec, lines: [Int: Substring], keptIn: (Int) -> String, to out: String) throws(OutputError) {
    var w = CSVWriter()
    var header: Substring?
    for index in 0..<spec.runCount {
      guard let line = lines[index], !line.hasPrefix("!,") else { continue }
      let p = index / spec.replications, r = index % spec.replications
      let file = path(spec: spec, point: p, replicate: r, folder: keptIn(index))
      guard case .success(let bytes) = FileBytes.read(file) else {
        throw .cannotWrite(path: out, reason: "the periods of point \(p), replicate \(r) are missing (\(file)); run the sweep command into that folder again, which redoes the run")
      }
      let rows = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
      guard let first = rows.first else { continue }
      if header == nil {
        header = first
        w.writeHeader(["point", "replicate"] + spec.parameters + SweepAssembler.splitCSV(first))
      } else if header != first {
        throw .cannotWrite(path: out, reason: "\(file) has other columns than the first run's periods")
      }
      let prefix = leadingCells(spec: spec, point: p, replicate: r)
      for row in rows.dropFirst() { w.appendRecord(prefix + row) }
    }
    if header == nil { w.writeHeader(["point", "replicate"] + spec.parameters) }
    try AtomicFile.write(w.buffer, to: out)
  }

  /// `point,replicate,<parameter cells>,` as CSV text.
  static func leadingCells(spec: SweepSpec, point p: Int, replicate r: Int) -> String {
    var w = CSVWriter()
    w.field(p); w.field(r)
    for cell in spec.cells(point: p) { if let cell { w.field(cell) } else { w.emptyField() } }
    return String(decoding: w.buffer, as: UTF8.self) + ","
  }
}
