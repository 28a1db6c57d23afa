// A coverage-guided (libFuzzer) target for the order-stream reader and processor, built by
// `scripts/fuzz.sh orderstream SECONDS` together with the Output and Matching sources (no SwiftPM
// target). Each input is an order-stream file. Checked, beyond the sanitizers' memory errors and
// Swift's own traps (bounds, overflow, preconditions):
// - reading it whole and streaming it through a small window (1–64 bytes, chosen by the input's
//   first byte, so lines, CRLF pairs and quoted fields split across refills) give the same
//   trades and events, or the same error;
// - every error is a one-line message naming the source.
#if canImport(Glibc)
import Glibc
#endif
import Matching
import Output

/// The trades and events CSV of replaying `reader`, or its error message.
func replay(_ reader: inout OrderStreamReader, batchRows: Int) -> Result<[UInt8], OrderStreamError> {
  let processor = OrderStreamProcessor(expectedOrders: 16)
  var writer = ReplayWriter(trades: CSVWriter(), events: CSVWriter())
  do { _ = try writer.replay(&reader, through: processor, batchRows: batchRows) } catch { return .failure(error) }
  return .success(writer.trades.buffer + [0] + writer.events!.buffer)
}

/// `bytes` streamed through a pipe into a reader with a window of `chunk` bytes.
func streamed(_ bytes: [UInt8], chunk: Int) -> Result<[UInt8], OrderStreamError> {
  var ends: [Int32] = [0, 0]
  guard pipe(&ends) == 0 else { fatalError("pipe failed") }
  _ = fcntl(ends[1], 1031 /* F_SETPIPE_SZ */, 1 << 20)  // room for the whole input
  var written = 0
  while written < bytes.count {
    let n = bytes.withUnsafeBytes { write(ends[1], $0.baseAddress! + written, bytes.count - written) }
    guard n > 0 else { fatalError("pipe write failed") }
    written += n
  }
  close(ends[1])
  var reader = OrderStreamReader(reading: FileChunkReader(descriptor: ends[0], path: "fuzz.csv"), chunkSize: chunk)
  return replay(&reader, batchRows: 3)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func orderStreamFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard size <= 1_000_000 else { return 0 }  // the whole input fits in the pipe's buffer
  let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
  var whole = OrderStreamReader(bytes: bytes, source: "fuzz.csv")
  let expected = replay(&whole, batchRows: 4096)
  let chunk = 1 + Int(bytes.first ?? 0) % 64
  let got = streamed(bytes, chunk: chunk)
  switch (expected, got) {
  case (.success(let a), .success(let b)) where a == b: break
  case (.failure(let a), .failure(let b)) where a == b:
    precondition(a.message.hasPrefix("fuzz.csv") && !a.message.contains("\n"), "malformed error: \(a.message)")
  default:
    fatalError("whole and streamed (window \(chunk)) differ:\n\(describe(expected))\n---\n\(describe(got))")
  }
  return 0
}

func describe(_ r: Result<[UInt8], OrderStreamError>) -> String {
  switch r {
  case .success(let b): return String(decoding: b, as: UTF8.self)
  case .failure(let e): return "error: \(e.message)"
  }
}
