/// A small in-memory table with a header, written atomically as RFC 4180 CSV. For per-run files
/// (summary, periods); large streams (trades) use ``CSVWriter`` with a sink directly.
public struct CSVTable: Sendable, Equatable {
  public let columns: [String]
  public private(set) var rows: [[CSVCell]] = []

  public init(columns: [String]) { self.columns = columns }

  /// Appends a row. - Precondition: one cell per column.
  public mutating func append(_ row: [CSVCell]) {
    precondition(row.count == columns.count, "row has \(row.count) cells for \(columns.count) columns")
    rows.append(row)
  }

  /// The CSV bytes.
  public var bytes: [UInt8] {
    var w = CSVWriter()
    w.writeHeader(columns)
    for row in rows {
      for cell in row { w.field(cell) }
      w.endRow()
    }
    return w.buffer
  }

  /// Writes the table to `path` atomically.
  public func write(to path: String) throws(OutputError) { try AtomicFile.write(bytes, to: path) }
}
