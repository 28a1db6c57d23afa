import Output

/// Compares a file with an expected one in bounded memory (1 MB chunks), reporting the first
/// differing line exactly as ``GoldenCheck/compareBytes(_:label:expected:)`` does: `replay
/// --check` on trades of any size.
enum StreamingCheck {
  static let chunk = 1 << 20

  /// Throws `.mismatch` naming the first differing line of `actual` (called `label`) and the
  /// file `expected`; `.input` if `expected` cannot be read.
  static func compare(_ actual: FileChunkReader, label: String, expected path: String) throws(CLIError) {
    let expected: FileChunkReader
    do { expected = try FileChunkReader(path: path) } catch { throw .input(error.description) }
    guard let d = try firstDifference(actual, expected) else { return }
    let lineA = try line(actual, from: d.lineStart), lineE = try line(expected, from: d.lineStart)
    var number = d.line, a: String? = text(lineA.bytes), e: String? = text(lineE.bytes)
    if lineA.bytes == lineE.bytes {
      // One file ended where the other has a line end: the next line is missing from it.
      number += 1
      a = lineA.newline ? text(try line(actual, from: lineA.next).bytes) : nil
      e = lineE.newline ? text(try line(expected, from: lineE.next).bytes) : nil
    } else if a == e {
      throw .mismatch("\(label) differs from \(path) in line endings or trailing bytes")
    }
    throw .mismatch("\(label) differs from \(path) at line \(number):\n  expected: \(e ?? "<end of file>")\n  actual:   \(a ?? "<end of file>")")
  }

  /// The first offset where the files differ (one ending earlier counts), with its line number
  /// and where that line starts; nil if they are equal.
  static func firstDifference(_ a: FileChunkReader, _ b: FileChunkReader) throws(CLIError) -> (line: Int, lineStart: Int)? {
    let bufferA = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
    let bufferB = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
    defer { bufferA.deallocate(); bufferB.deallocate() }
    var offset = 0, line = 1, lineStart = 0
    while true {
      let na = try read(a, at: offset, into: bufferA), nb = try read(b, at: offset, into: bufferB)
      let pa = bufferA.assumingMemoryBound(to: UInt8.self), pb = bufferB.assumingMemoryBound(to: UInt8.self)
      let n = min(na, nb)
      var i = 0
      while i < n && pa[i] == pb[i] {
        if pa[i] == 10 { line += 1; lineStart = offset + i + 1 }
        i += 1
      }
      if i < n || na != nb { return (line, lineStart) }
      if na < chunk { return nil }
      offset += n
    }
  }

  /// The line of `file` starting at `start` (without its `\n`; at most one chunk), whether a
  /// `\n` ends it, and where the next line starts.
  static func line(_ file: FileChunkReader, from start: Int) throws(CLIError) -> (bytes: [UInt8], newline: Bool, next: Int) {
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
    defer { buffer.deallocate() }
    let n = try read(file, at: start, into: buffer)
    let bytes = UnsafeBufferPointer(start: buffer.assumingMemoryBound(to: UInt8.self), count: n)
    let end = bytes.firstIndex(of: 10)
    return (Array(bytes[..<(end ?? n)]), end != nil, start + (end ?? n) + 1)
  }

  static func read(_ file: FileChunkReader, at offset: Int, into buffer: UnsafeMutableRawPointer) throws(CLIError) -> Int {
    do { return try file.read(at: offset, into: buffer, count: chunk) } catch { throw .input(error.description) }
  }

  static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}
