import Output

/// A problem reading an order stream: the file cannot be read, its header is not usable, a line
/// has the wrong number of columns or broken quoting. Rendered as `FILE:LINE: expected …, found
/// …`. (Malformed *values* are not errors: they become reject events.)
public struct OrderStreamError: Error, CustomStringConvertible, Sendable, Equatable {
  public var message: String
  public var description: String { message }
  public init(_ message: String) { self.message = message }
}

/// Reads an order-stream CSV into ``OrderRow``s without creating Strings, from bytes in memory or
/// streamed from a file through a window of fixed size (memory independent of the file's size).
///
/// - A UTF-8 byte-order mark is skipped. Lines end in `\n`, `\r\n` or `\r`; one final empty line
///   is ignored. Fields may be quoted (RFC 4180, see ``CSVField``); keywords are ASCII
///   case-insensitive.
/// - The first line is a header when more than half of its fields are column names (any case):
///   then each of the nine required names must appear exactly once, `instrument` at most once,
///   and nothing else, and every line must have the header's width; fields are mapped by name.
///   Without a header, lines have 9 or 10 fields in the contract's order.
/// - Order ids are compared as text. An id that is a canonical unsigned decimal (`0` or no
///   leading zero, < 2^64) is its own 64-bit key; any other text is interned to a key counting
///   down from 2^64 − 1 (a numeric id that lands on an interned key is reported as an error).
/// - Instruments are interned to book indices in order of first appearance.
///
/// Streaming: ``nextBatch(into:maxRows:)`` returns rows whose text is all in ``bytes`` until the
/// next call, which may slide the window (a partial last line is carried over).
public struct OrderStreamReader {
  /// The window: its first ``limit`` bytes are the stream's next unread bytes (the whole stream
  /// for an in-memory reader). The byte ranges of the rows of the current batch refer to it.
  public private(set) var bytes: [UInt8]
  /// Where the stream came from, for error messages.
  public let source: String
  /// The valid bytes of ``bytes``.
  var limit: Int
  var offset = 0
  var lineNumber: Int32 = 0
  /// Windows read so far (diagnostics: a line costs a bounded number of them).
  public private(set) var refills = 0
  /// Whether the start of the stream (a byte-order mark) has been looked at.
  var startChecked = false
  /// The file the window slides over (nil: ``bytes`` is the whole stream).
  let file: FileChunkReader?
  /// Whether the window holds the rest of the stream.
  var atEnd: Bool
  /// Bytes read from the file per refill.
  public let chunkSize: Int
  /// How fields map to columns (set by the header).
  public private(set) var columns = OrderStreamColumns.contract
  /// The header's names in file order (empty without a header), for error messages.
  public private(set) var headerNames: [String] = []
  /// Interned non-numeric order ids, by key `UInt64.max − index`.
  public internal(set) var internedIDs: [String] = []
  var internedIndex: [String: UInt64] = [:]
  var smallestInterned: UInt64 = .max
  var largestNumeric: UInt64 = 0
  var sawNumeric = false
  /// Instrument names by book index.
  public internal(set) var instruments: [String] = [""]
  var instrumentIndex: [String: Int32] = ["": 0]
  /// Instrument book indices by the FNV-1a hash of the name's bytes: the per-row lookup,
  /// without building a String (a hash collision falls back to ``instrumentIndex``).
  var instrumentByHash: [UInt64: Int32] = [:]

  /// The longest line accepted, in bytes (row offsets are 16-bit).
  public static let maximumLineBytes = Int(UInt16.max)

  /// A reader of a stream held in memory.
  public init(bytes: [UInt8], source: String) {
    self.bytes = bytes
    self.source = source
    limit = bytes.count
    file = nil
    atEnd = true
    chunkSize = bytes.count
  }

  /// A reader streaming the file at `path` through a window of `chunkSize` bytes (it grows only
  /// to hold a line longer than the window).
  public init(path: String, chunkSize: Int = 4 << 20) throws(OrderStreamError) {
    do { self.init(reading: try FileChunkReader(path: path), chunkSize: chunkSize) } catch { throw OrderStreamError(error.description) }
  }

  /// A reader streaming an open file (a pipe, standard input) named `file.path` in messages.
  public init(reading file: FileChunkReader, chunkSize: Int = 4 << 20) {
    self.file = file
    source = file.path
    self.chunkSize = max(chunkSize, 1)
    bytes = [UInt8](repeating: 0, count: self.chunkSize)
    limit = 0
    atEnd = false
  }

  /// The size of the input when it was opened (0 if unknown): a hint for sizing tables.
  public var sizeHint: Int { file?.sizeHint ?? bytes.count }

  /// The next row, or nil at the end of the stream. For a file-backed reader this may slide the
  /// window, after which rows returned earlier no longer refer to their text: a caller that
  /// keeps rows uses ``nextBatch(into:maxRows:)``.
  public mutating func next() throws(OrderStreamError) -> OrderRow? {
    while true {
      if let row = try nextInWindow() { return row }
      if atEnd { return nil }
      try refill()
    }
  }

  /// Replaces `rows` with up to `maxRows` next rows, all of whose text is in ``bytes`` until the
  /// next call (which may slide the window). Returns false, with `rows` empty, at the end.
  public mutating func nextBatch(into rows: inout ContiguousArray<OrderRow>, maxRows: Int) throws(OrderStreamError) -> Bool {
    rows.removeAll(keepingCapacity: true)
    while rows.count < maxRows {
      if let row = try nextInWindow() {
        rows.append(row)
      } else if atEnd || !rows.isEmpty {
        break
      } else {
        try refill()
      }
    }
    return !rows.isEmpty
  }

  /// Slides the window: carries the unread bytes (a partial line) to its front and reads on.
  mutating func refill() throws(OrderStreamError) {
    guard let file, !atEnd else { return }
    let carry = limit - offset
    if carry > Self.maximumLineBytes + 2 { throw lineTooLong(lineNumber &+ 1) }
    let from = offset
    if carry == bytes.count {
      bytes.append(contentsOf: repeatElement(0, count: bytes.count))  // a line longer than the window
    }
    // Fill the window: after growing for a long line, reading only `chunkSize` more would make
    // every refill rescan the whole partial line (quadratic for a line much longer than a
    // small window; found by the fuzz target).
    let want = bytes.count - carry
    refills &+= 1
    let got = bytes.withUnsafeMutableBytes { raw -> Result<Int, FileReadError> in
      if carry > 0 && from > 0 { raw.baseAddress!.copyMemory(from: raw.baseAddress! + from, byteCount: carry) }
      return Result { () throws(FileReadError) -> Int in try file.read(into: raw.baseAddress! + carry, count: want) }
    }
    offset = 0
    switch got {
    case .success(let n):
      limit = carry + n
      atEnd = n < want
    case .failure(let e):
      throw OrderStreamError(e.description)
    }
  }

  /// The next row whose line is wholly in the window, or nil when there is none (the end of the
  /// stream if ``atEnd``, else the window must slide).
  mutating func nextInWindow() throws(OrderStreamError) -> OrderRow? {
    while true {
      if !startChecked && !skipByteOrderMark() { return nil }
      if offset >= limit { return nil }
      let start = offset, line = lineNumber &+ 1, final = atEnd, columns = columns
      let scanned = bytes.withUnsafeBufferPointer { p in
        OrderLineParser.scan(p, start: start, limit: limit, final: final, columns: columns, line: line)
      }
      guard var parsed = scanned else {
        if limit - start > Self.maximumLineBytes + 2 { throw lineTooLong(line) }
        return nil
      }
      if parsed.textEnd == start && parsed.next >= limit {  // a final empty line
        if !final { return nil }
        offset = parsed.next
        return nil
      }
      offset = parsed.next
      lineNumber = line
      if parsed.textEnd - start > Self.maximumLineBytes { throw lineTooLong(line) }
      if parsed.quoted { parsed = try requote(parsed) }
      if line == 1, let (header, names) = try header(parsed) {
        self.columns = header
        headerNames = names
        continue
      }
      guard columns.accepts(fields: parsed.fields) else {
        throw OrderStreamError("\(source):\(line): \(columns.widthExpectation(header: headerNames)), found \(parsed.fields)")
      }
      return try finish(parsed)
    }
  }

  /// Skips a UTF-8 byte-order mark at the start of the stream; false if more bytes are needed to
  /// tell.
  mutating func skipByteOrderMark() -> Bool {
    let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    if limit < 3 && !atEnd { return false }
    if limit >= 3 && bytes[0] == bom[0] && bytes[1] == bom[1] && bytes[2] == bom[2] { offset = 3 }
    startChecked = true
    return true
  }

  func lineTooLong(_ line: Int32) -> OrderStreamError {
    OrderStreamError("\(source):\(line): expected a line of at most 65,535 bytes, found a longer one")
  }

  /// A quoted line parsed with quoting, or the error naming its line and field.
  func requote(_ line: OrderLineParser.Line) throws(OrderStreamError) -> OrderLineParser.Line {
    let result = bytes.withUnsafeBufferPointer { OrderLineParser.requote(line, $0, columns: columns) }
    switch result {
    case .success(let l): return l
    case .failure(let f): throw OrderStreamError("\(source):\(line.row.line): column \(f.field): \(f.problem.message)")
    }
  }

  /// The row of a parsed line, with its id key and instrument from the reader's tables.
  @inline(__always)
  mutating func finish(_ parsed: OrderLineParser.Line) throws(OrderStreamError) -> OrderRow {
    var row = parsed.row
    if parsed.idEscaped {
      row.idKey = try idKey(decoded: parsed.id)
    } else if !parsed.id.isEmpty {
      row.idKey = try bytes.withUnsafeBufferPointer { p throws(OrderStreamError) in try idKey(UnsafeBufferPointer(rebasing: p[parsed.id])) }
    }
    if !parsed.instrument.isEmpty {
      if parsed.instrumentEscaped {
        let name = bytes.withUnsafeBufferPointer { CSVField.decoded($0, parsed.instrument) }
        row.instrument = instrument(name[...])
      } else {
        row.instrument = instrument(bytes[parsed.instrument])
      }
    }
    return row
  }

  /// The header's column mapping if `line` (the first) is a header: more than half of its fields
  /// are column names. Throws if it is a header that cannot be used.
  func header(_ line: OrderLineParser.Line) throws(OrderStreamError) -> (OrderStreamColumns, [String])? {
    var names: [String] = []
    var i = line.row.lineStart
    while true {
      let field = bytes.withUnsafeBufferPointer { p in CSVField.scan(p, from: i, end: line.textEnd) }
      guard case .success(let f) = field else { return nil }  // requote has checked the quoting
      names.append(text(of: f))
      guard f.more else { break }
      i = f.next
    }
    guard names.count(where: { OrderStreamColumns.column(named: $0) != nil }) * 2 > names.count else { return nil }
    do {
      return (try OrderStreamColumns(header: names), names)
    } catch {
      throw OrderStreamError("\(source):\(line.row.line): \(error.message)")
    }
  }

  /// The text of a field (decoded if escaped).
  func text(of field: CSVField) -> String {
    bytes.withUnsafeBufferPointer { p in
      field.escaped ? String(decoding: CSVField.decoded(p, field.range), as: UTF8.self)
                    : String(decoding: UnsafeBufferPointer(rebasing: p[field.range]), as: UTF8.self)
    }
  }
}
