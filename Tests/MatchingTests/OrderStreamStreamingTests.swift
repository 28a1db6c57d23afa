import Foundation
import Testing
@testable import Matching
@testable import Output

/// Streaming a file through a small window gives byte for byte what processing it whole gives:
/// lines split across window boundaries (a `\r\n` split between its two bytes, a line longer
/// than the window), a last line without a line end, batches of any size.
@Suite struct OrderStreamStreamingTests {
  static func file(_ name: String, _ text: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("orderstream-\(getpid())").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let path = dir + "/" + name
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// (trades, events) of replaying the file at `path` through a window of `chunk` bytes.
  static func streamed(_ path: String, chunk: Int, batchRows: Int) throws -> (trades: String, events: String) {
    var reader = try OrderStreamReader(path: path, chunkSize: chunk)
    let processor = OrderStreamProcessor(expectedOrders: 16)
    var writer = ReplayWriter(trades: CSVWriter(), events: CSVWriter())
    _ = try writer.replay(&reader, through: processor, batchRows: batchRows)
    return (String(decoding: writer.trades.buffer, as: UTF8.self), String(decoding: writer.events!.buffer, as: UTF8.self))
  }

  @Test(arguments: [(1024, 100), (1024, 4096), (4096, 7), (61, 3), (1, 1)])
  func smallWindowsMatchWholeFileProcessing(chunk: Int, batchRows: Int) throws {
    let rows = chunk == 1 ? 300 : 5_000
    var text = DifferentialTests.randomStream(seed: 11, rows: rows, instruments: 3)
    text.removeLast()  // the last line has no line end
    let whole = try OrderStreamFixtures.replay(text)
    #expect(whole.trades.split(separator: "\n").count > 100 || chunk == 1)
    for (name, variant) in [("lf", text), ("crlf", text.replacingOccurrences(of: "\n", with: "\r\n")),
                            ("cr", "\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r"))] {
      let path = try Self.file("stream-\(chunk)-\(batchRows)-\(name).csv", variant)
      let got = try Self.streamed(path, chunk: chunk, batchRows: batchRows)
      #expect(got.trades == whole.trades, "\(name): trades differ")
      #expect(got.events == whole.events, "\(name): events differ")
    }
  }

  @Test func aLineLongerThanTheWindowIsCarriedWhole() throws {
    let owner = String(repeating: "o", count: 5_000)
    let text = "ts,action,order_id,side,type,tif,price,qty,owner\n1,new,1,sell,limit,gtc,10,1,\(owner)\n2,new,2,buy,limit,gtc,10,1,\"\(owner)\""
    let path = try Self.file("long.csv", text)
    #expect(try Self.streamed(path, chunk: 1024, batchRows: 10) == OrderStreamFixtures.replay(text))
  }

  /// Regression (fuzz timeout): a line far longer than the window is read in a number of
  /// refills logarithmic in its length, not one per window — each refill rescans the partial line.
  @Test func aLongLineThroughATinyWindowTakesFewRefills() throws {
    let text = "1,new,1,sell,limit,gtc,10,1," + String(repeating: "o", count: 60_000) + "\n2,new,2,buy,limit,gtc,10,1,b\n"
    let path = try Self.file("tiny-window.csv", text)
    var reader = try OrderStreamReader(path: path, chunkSize: 1)
    var rows = ContiguousArray<OrderRow>()
    var count = 0
    while try reader.nextBatch(into: &rows, maxRows: 10) { count += rows.count }
    #expect(count == 2)
    #expect(reader.refills < 40, "\(reader.refills) refills")
  }

  @Test func tooLongALineIsAnErrorWithoutReadingOn() throws {
    let text = "1,new,1,sell,limit,gtc,10,1,a\n" + String(repeating: "x", count: 200_000) + "\n"
    let path = try Self.file("toolong.csv", text)
    #expect(throws: OrderStreamError("\(path):2: expected a line of at most 65,535 bytes, found a longer one")) {
      _ = try Self.streamed(path, chunk: 4096, batchRows: 10)
    }
    #expect(throws: OrderStreamError("test.csv:2: expected a line of at most 65,535 bytes, found a longer one")) {
      _ = try OrderStreamFixtures.replay(text)
    }
  }

  /// At the length limit, whole and streamed reading agree line for line: 65,535 bytes of text
  /// pass, 65,536 fail, whatever the line end and wherever the window splits it.
  @Test(arguments: [65_534, 65_535, 65_536, 65_537])
  func theLengthLimitIsTheSameStreamed(length: Int) throws {
    let head = "1,new,1,sell,limit,gtc,10,1,"
    for end in ["\n", "\r\n", "\r", ""] {
      let text = "2,new,0,buy,limit,gtc,10,1,a\n" + head + String(repeating: "o", count: length - head.utf8.count) + end + (end.isEmpty ? "" : "3,new,2,buy,limit,gtc,10,1,b\n")  // "": the long line is the last
      let path = try Self.file("limit-\(length)-\(end.utf8.count)-\(end.hasPrefix("\r")).csv", text)
      let whole = Result { try OrderStreamFixtures.replay(text) }
      for chunk in [1_000, 4_096, 65_536] {
        let streamed = Result { try Self.streamed(path, chunk: chunk, batchRows: 10) }
        switch (whole, streamed) {
        case (.success(let a), .success(let b)): #expect(a == b && length <= 65_535)
        case (.failure(let a as OrderStreamError), .failure(let b as OrderStreamError)):
          #expect(a.message.replacingOccurrences(of: "test.csv", with: path) == b.message && length > 65_535)
        default: Issue.record("length \(length), end \(end.debugDescription), window \(chunk): \(whole) vs \(streamed)")
        }
      }
    }
  }

  @Test func emptyAndHeaderOnlyFilesHaveNoRows() throws {
    for text in ["", "\u{FEFF}", "ts,action,order_id,side,type,tif,price,qty,owner", "ts,action,order_id,side,type,tif,price,qty,owner\r\n", "\n"] {
      let path = try Self.file("empty.csv", text)
      let got = try Self.streamed(path, chunk: 2, batchRows: 10)
      #expect(got.trades == "trade_id,ts,buy_order_id,sell_order_id,price,qty,aggressor\n")
      #expect(got.events == "ts,order_id,event,side,price,qty,detail\n")
    }
  }
}
