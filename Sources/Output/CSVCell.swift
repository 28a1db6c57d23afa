/// One value of a CSV table, printed by ``CSVWriter`` rules (integers plainly, doubles in
/// shortest round-trip form, text quoted when needed).
public enum CSVCell: Sendable, Equatable {
  case int(Int)
  case double(Double)
  case text(String)
  case bool(Bool)
  case empty

  /// The cell as the CSV writer prints it (unquoted).
  public var text: String {
    switch self {
    case .int(let i): return String(i)
    case .double(let d): return CSVWriter.format(d)
    case .text(let s): return s
    case .bool(let b): return b ? "true" : "false"
    case .empty: return ""
    }
  }
}

extension CSVWriter {
  /// Writes one cell.
  public mutating func field(_ cell: CSVCell) {
    switch cell {
    case .int(let i): field(i)
    case .double(let d): field(d)
    case .text(let s): field(s)
    case .bool(let b): field(b)
    case .empty: emptyField()
    }
  }
}
