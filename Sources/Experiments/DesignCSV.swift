import Foundation
import Scenario

/// Reads the points of a design CSV (`design: { points: "design.csv" }`): a header row of
/// parameter key paths (the sweep's parameters when its file declares none), then one row per
/// point (RFC 4180 quoting; numbers stay numbers, anything else is a string). Values are mapped
/// by header name, so the columns may come in any order; every parameter must have exactly one
/// column, and every cell a value. Each problem is an error naming the file, the line and the
/// column.
enum DesignCSV {
  static func read(_ text: String, file: String, parameters: [String]) throws(ScenarioError) -> [[SweepSpec.Assignment]] {
    // "\r\n" is one Character in Swift: split on it as well as on "\n" and "\r".
    let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
    guard let headerLine = lines.first, !headerLine.allSatisfy(\.isWhitespace) else {
      throw .invalid(source: file, path: "line 1", expected: "a header of parameter key paths", found: "an empty line")
    }
    let header = SweepAssembler.splitCSV(headerLine).map { $0.trimmingCharacters(in: .whitespaces) }
    let parameters = parameters.isEmpty ? try headerParameters(header, file: file) : parameters
    let columnOf = try columns(header, file: file, parameters: parameters)
    var out: [[SweepSpec.Assignment]] = []
    for (i, line) in lines.enumerated().dropFirst() where !line.allSatisfy(\.isWhitespace) {
      let row = SweepAssembler.splitCSV(line)
      guard row.count == header.count else {
        throw .invalid(source: file, path: "line \(i + 1)", expected: "\(header.count) values (one per column)", found: "\(row.count)")
      }
      out.append(try parameters.map { key throws(ScenarioError) in
        let c = columnOf[key]!
        let cell = row[c].trimmingCharacters(in: .whitespaces)
        guard !cell.isEmpty else {
          throw .missing(source: file, path: "line \(i + 1), column \(c + 1) (\"\(Abbreviation.of(key))\")", expected: "a value")
        }
        if let d = Double(cell), d.isFinite { return SweepSpec.Assignment(key: key, value: .number(d, text: cell)) }
        return SweepSpec.Assignment(key: key, value: .string(cell))
      })
    }
    guard !out.isEmpty else {
      throw .missing(source: file, path: "line 2", expected: "at least one design point (a row of values below the header)")
    }
    return out
  }

  /// The parameters named by the header, when the sweep file declares none: every column must
  /// have a name (repeats are refused by ``columns(_:file:parameters:)``).
  static func headerParameters(_ header: [String], file: String) throws(ScenarioError) -> [String] {
    if let c = header.firstIndex(where: \.isEmpty) {
      throw .missing(source: file, path: "line 1, column \(c + 1)", expected: "a parameter key path as the column's name")
    }
    var seen: [String] = []
    for name in header where !seen.contains(name) { seen.append(name) }
    return seen
  }

  /// The column of each parameter; an unknown, repeated or missing column is an error.
  static func columns(_ header: [String], file: String, parameters: [String]) throws(ScenarioError) -> [String: Int] {
    var columnOf: [String: Int] = [:]
    for (c, name) in header.enumerated() {
      let quoted = "\"" + Abbreviation.of(name) + "\""
      guard parameters.contains(name) else {
        let hint = EditDistance.suggestion(for: name, among: parameters).map { " (did you mean \"\($0)\"?)" } ?? ""
        throw .invalid(source: file, path: "line 1, column \(c + 1)", expected: "one of the sweep's parameters", found: quoted + hint)
      }
      if let first = columnOf[name] {
        throw .invalid(source: file, path: "line 1, column \(c + 1)", expected: "each parameter once", found: "\(quoted) again (also column \(first + 1))")
      }
      columnOf[name] = c
    }
    if let missing = parameters.first(where: { columnOf[$0] == nil }) {
      throw .missing(source: file, path: "line 1, column \(header.count + 1)", expected: "a column \"\(Abbreviation.of(missing))\" (every parameter needs one)")
    }
    return columnOf
  }
}
