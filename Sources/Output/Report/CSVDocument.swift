/// A CSV file read back (RFC 4180: quoted fields, `""` escapes, CRLF or LF): its header and rows,
/// with columns looked up by name. For reports over our own outputs, which are small.
public struct CSVDocument: Sendable {
  public let header: [String]
  public let rows: [[String]]

  /// Parses `text`; the first record is the header.
  public init(text: String) {
    var records: [[String]] = [], record: [String] = [], field = "", quoted = false, wasQuoted = false
    var it = text.unicodeScalars.makeIterator()
    var pending: Unicode.Scalar? = nil
    func next() -> Unicode.Scalar? { if let p = pending { pending = nil; return p }; return it.next() }
    while let c = next() {
      if quoted {
        if c == "\"" {
          if let d = it.next() { if d == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = d } } else { quoted = false }
        } else { field.unicodeScalars.append(c) }
        continue
      }
      switch c {
      case "\"" where field.isEmpty && !wasQuoted: quoted = true; wasQuoted = true
      case ",": record.append(field); field = ""; wasQuoted = false
      case "\r": continue
      case "\n": record.append(field); records.append(record); record = []; field = ""; wasQuoted = false
      default: field.unicodeScalars.append(c)
      }
    }
    if !field.isEmpty || !record.isEmpty || wasQuoted { record.append(field); records.append(record) }
    header = records.first ?? []
    rows = Array(records.dropFirst())
  }

  /// The index of column `name`, nil if absent.
  public func column(_ name: String) -> Int? { header.firstIndex(of: name) }

  /// Column `name` as numbers (NaN where a cell is not a number or the column is absent).
  public func numbers(_ name: String) -> [Double] {
    guard let i = column(name) else { return Array(repeating: .nan, count: rows.count) }
    return rows.map { i < $0.count ? CSVDocument.number($0[i]) : .nan }
  }

  /// Column `name` as text ("" where absent).
  public func texts(_ name: String) -> [String] {
    guard let i = column(name) else { return Array(repeating: "", count: rows.count) }
    return rows.map { i < $0.count ? $0[i] : "" }
  }

  /// A cell as a number: our CSVs write `nan`, `inf`, `-inf` for non-finite values.
  public static func number(_ s: String) -> Double {
    switch s {
    case "nan", "": return .nan
    case "inf": return .infinity
    case "-inf": return -.infinity
    default: return Double(s) ?? .nan
    }
  }
}
