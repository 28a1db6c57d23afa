import Testing
@testable import Output

@Suite struct CSVWriterTests {
  func text(_ build: (inout CSVWriter) -> Void) -> String {
    var w = CSVWriter()
    build(&w)
    return String(decoding: w.buffer, as: UTF8.self)
  }

  @Test func quotesOnlyWhenNeededAndDoublesQuotes() {
    let s = text { w in
      w.writeHeader(["a", "b,c", "say \"hi\"", "multi\nline", "plain"])
    }
    #expect(s == "a,\"b,c\",\"say \"\"hi\"\"\",\"multi\nline\",plain\n")
  }

  @Test func numbersInShortestRoundTripForm() {
    let s = text { w in
      w.field(0.1); w.field(100.0); w.field(1e-5); w.field(1.0 / 3); w.field(-0.0); w.endRow()
      w.field(0); w.field(-42); w.field(Int64.min); w.field(UInt64.max); w.endRow()
    }
    #expect(s == "0.1,100.0,1e-05,0.3333333333333333,-0.0\n0,-42,-9223372036854775808,18446744073709551615\n")
    for d in [0.1, 1.0 / 3, 1e300, Double.leastNonzeroMagnitude, 123_456.789] { #expect(Double(CSVWriter.format(d)) == d) }
  }

  @Test func nonFiniteTokens() {
    #expect(text { w in w.field(Double.nan); w.field(Double.infinity); w.field(-Double.infinity); w.endRow() } == "nan,inf,-inf\n")
  }

  @Test func emptyFieldsAndTables() {
    var t = CSVTable(columns: ["x", "y"])
    t.append([.empty, .text("a")])
    t.append([.int(1), .double(2.5)])
    #expect(String(decoding: t.bytes, as: UTF8.self) == "x,y\n,a\n1,2.5\n")
  }

  @Test func streamingWriterFlushesToFileInChunks() throws {
    let path = scratchFolder("csvwriter") + ".csv"
    let sink = try ByteSink(path: path)
    var w = CSVWriter(sink: sink, flushThreshold: 64)
    for i in 0..<1_000 { w.field(i); w.field(Double(i) / 4); w.endRow() }
    try w.flush(); try sink.close()
    let data = try readFile(path)
    #expect(data.hasPrefix("0,0.0\n1,0.25\n"))
    #expect(data.split(separator: "\n").count == 1_000)
  }
}

@Suite struct CSVWriterFailureTests {
  /// A failed automatic flush is not swallowed: the next explicit flush reports it.
  @Test func aFailedChunkWriteSurfacesAtFlush() throws {
    let sink = try ByteSink(path: "/dev/full")  // every write fails with ENOSPC, as on a full disk
    var w = CSVWriter(sink: sink, flushThreshold: 16)
    w.field(1); w.field("some text that passes 16 bytes"); w.endRow()  // the automatic flush fails here
    #expect(w.failure != nil)
    #expect(w.buffer.isEmpty)  // the failed chunk is dropped, not retried into a later success
    w.field(2); w.endRow()
    #expect(throws: OutputError.self) { try w.flush() }
  }
}
