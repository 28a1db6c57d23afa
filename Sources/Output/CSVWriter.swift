/// Builds RFC 4180 CSV into a reusable byte buffer.
///
/// - Fields containing a comma, a double quote, CR or LF are quoted, with quotes doubled.
/// - Doubles print in shortest round-trip form (`Double.description`: `0.1`, `100.0`, `1e-05`).
/// - **Non-finite doubles print as `nan`, `inf` and `-inf`** — the tokens Python's `float()`,
///   pandas and R's `read.csv` all parse back.
/// - Integers are formatted by hand; nothing uses `String(format:)`.
/// - Records end with `\n`.
///
/// The buffer is flushed to a ``ByteSink`` (a file, or memory) whenever it passes `flushThreshold`,
/// so writing a row allocates nothing once the buffer has grown.
///
///     var csv = CSVWriter()
///     csv.writeHeader(["t", "price"])
///     csv.field(3); csv.field(0.25); csv.endRow()
public struct CSVWriter {
  /// The bytes written and not yet flushed.
  public internal(set) var buffer: [UInt8] = []
  var atRowStart = true
  let flushThreshold: Int
  var sink: ByteSink?
  /// The first failed automatic flush; ``flush()`` rethrows it, so no write error is lost.
  var failure: OutputError?

  /// A writer that keeps everything in ``buffer`` (for small files written atomically at the end).
  public init() { flushThreshold = .max; buffer.reserveCapacity(1 << 16) }

  /// A writer that streams to `sink` in chunks of about `flushThreshold` bytes.
  public init(sink: ByteSink, flushThreshold: Int = 1 << 20) {
    self.sink = sink; self.flushThreshold = flushThreshold
    buffer.reserveCapacity(flushThreshold + 4096)
  }

  /// Writes a header row.
  public mutating func writeHeader(_ names: [String]) {
    for n in names { field(n) }
    endRow()
  }

  /// Writes a whole row of already-formatted text fields.
  public mutating func writeRow(_ fields: [String]) {
    for f in fields { field(f) }
    endRow()
  }

  @inline(__always)
  mutating func separator() {
    if atRowStart { atRowStart = false } else { buffer.append(UInt8(ascii: ",")) }
  }

  /// A text field, quoted when needed.
  public mutating func field(_ text: String) {
    separator()
    var needsQuotes = false
    for b in text.utf8 where b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == 10 || b == 13 {
      needsQuotes = true; break
    }
    if !needsQuotes { buffer.append(contentsOf: text.utf8); return }
    buffer.append(UInt8(ascii: "\""))
    for b in text.utf8 {
      if b == UInt8(ascii: "\"") { buffer.append(b) }
      buffer.append(b)
    }
    buffer.append(UInt8(ascii: "\""))
  }

  /// An empty field.
  public mutating func emptyField() { separator() }

  /// An integer field.
  public mutating func field(_ value: Int) { separator(); appendInteger(Int64(value)) }
  /// An integer field.
  public mutating func field(_ value: Int64) { separator(); appendInteger(value) }
  /// An unsigned integer field.
  public mutating func field(_ value: UInt64) {
    separator()
    appendDecimal(value, negative: false)
  }

  /// A double field in shortest round-trip form; non-finite values as `nan`, `inf`, `-inf`.
  public mutating func field(_ value: Double) {
    separator()
    buffer.append(contentsOf: CSVWriter.format(value).utf8)
  }

  /// A boolean field, `true` or `false`.
  public mutating func field(_ value: Bool) { separator(); buffer.append(contentsOf: (value ? "true" : "false").utf8) }

  /// Ends the current record.
  public mutating func endRow() {
    buffer.append(10)
    atRowStart = true
    if buffer.count >= flushThreshold && failure == nil {
      do { try flush() } catch { failure = error; buffer.removeAll(keepingCapacity: true) }
    }
  }

  /// Hands the buffered bytes to the sink (no-op for an in-memory writer). Throws the first
  /// error of any earlier automatic flush, so a file with a lost chunk is never taken as complete.
  public mutating func flush() throws(OutputError) {
    if let failure { throw failure }
    guard let sink, !buffer.isEmpty else { return }
    try sink.write(buffer)
    buffer.removeAll(keepingCapacity: true)
  }

  /// The text of a double as this writer prints it.
  public static func format(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    return value.description
  }

  @inline(__always)
  mutating func appendInteger(_ value: Int64) { appendDecimal(value.magnitude, negative: value < 0) }

  /// Appends `magnitude` in decimal (after a `-` if `negative`): the digits are formed right to
  /// left in a stack buffer and appended at once.
  @inline(__always)
  mutating func appendDecimal(_ magnitude: UInt64, negative: Bool) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 21) { digits in
      var i = 21, v = magnitude
      repeat {
        i &-= 1
        digits[i] = UInt8(truncatingIfNeeded: v % 10) &+ 48
        v /= 10
      } while v > 0
      if negative { i &-= 1; digits[i] = UInt8(ascii: "-") }
      buffer.append(contentsOf: UnsafeBufferPointer(rebasing: digits[i..<21]))
    }
  }
}

extension CSVWriter {
  /// A text field given as a range of UTF-8 bytes (copied without building a String), quoted
  /// when needed.
  public mutating func field(bytes: [UInt8], range: Range<Int>) {
    bytes.withUnsafeBufferPointer { all in
      let part = UnsafeBufferPointer(rebasing: all[range])
      var needsQuotes = false
      for b in part where b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == 10 || b == 13 {
        needsQuotes = true; break
      }
      if needsQuotes {
        field(String(decoding: part, as: UTF8.self))
      } else {
        separator()
        buffer.append(contentsOf: part)
      }
    }
  }
}

extension CSVWriter {
  /// Appends an already-formatted CSV record (without its newline) verbatim.
  public mutating func appendRecord<S: StringProtocol>(_ record: S) {
    precondition(atRowStart, "appendRecord needs the writer at the start of a row")
    buffer.append(contentsOf: Array(record.utf8))
    buffer.append(10)
  }
}
