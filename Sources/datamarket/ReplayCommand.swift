import Foundation
import Matching
import Output

/// `datamarket replay`: runs an order stream through the matching engine and writes the trades
/// (and optionally the events) as the order-stream contract specifies.
enum ReplayCommand: Command {
  static let name = "replay"
  static let abstract = "Replay an order stream through the matching engine; write trades (and events)."
  static let usage = "datamarket replay ORDERS.csv [--out TRADES.csv] [--events EVENTS.csv] [--check TRADES.csv] [--quiet]"
  static let discussion = """
    ORDERS.csv: ts,action,order_id,side,type,tif,price,qty,owner[,instrument], processed in file
    order. Malformed values become reject events; a line with the wrong number of columns stops
    the replay with exit code 2. Without --out the trades go to standard output. --check compares
    the trades with an expected file and reports the first differing line (exit 1).
    """
  static let options = [
    OptionSpec(name: "out", valueName: "TRADES.csv", help: "Write the trades here (atomically)."),
    OptionSpec(name: "events", valueName: "EVENTS.csv", help: "Also write every event here (atomically)."),
    OptionSpec(name: "check", valueName: "TRADES.csv", help: "Compare the trades with this file."),
    OptionSpec(name: "quiet", valueName: nil, help: "Print no summary line."),
  ]
  static let positionals = 1...1
  /// Rows read, processed and written at a time.
  static let chunkRows = 4096

  static func run(_ args: ParsedArguments) throws(CLIError) {
    let input = args.positionals[0]
    let bytes: [UInt8]
    switch FileBytes.read(input) {
    case .success(let b): bytes = b
    case .failure(let e): throw .input(e.description)
    }
    let clock = Stopwatch()
    var reader = OrderStreamReader(bytes: bytes, source: input)
    let tradesPath = args.value("out")
    let eventsPath = args.value("events")
    var tradesTemp = "", eventsTemp = ""
    // Temporary files never outlive the command: committed ones were renamed away already.
    defer {
      if !tradesTemp.isEmpty { unlink(tradesTemp) }
      if !eventsTemp.isEmpty { unlink(eventsTemp) }
    }
    do {
      var tradesSink: ByteSink?, eventsSink: ByteSink?
      if let tradesPath {
        tradesTemp = AtomicFile.temporaryPath(for: tradesPath)
        tradesSink = try ByteSink(path: tradesTemp)
      }
      if let eventsPath {
        eventsTemp = AtomicFile.temporaryPath(for: eventsPath)
        eventsSink = try ByteSink(path: eventsTemp)
      }
      var writer = ReplayWriter(trades: tradesSink.map { CSVWriter(sink: $0) } ?? CSVWriter(),
                                events: eventsSink.map { CSVWriter(sink: $0) })
      let processor = OrderStreamProcessor(expectedOrders: max(1024, bytes.count / 64))  // rows are ~50 bytes; the table grows if needed
      processor.recordsEvents = eventsPath != nil
      var rows = 0
      do {
        // Rows are read, processed and written in chunks (the processor overlaps the id lookups
        // of each chunk's rows; see OrderStreamProcessor.process(_:)).
        var chunk = ContiguousArray<OrderRow>()
        chunk.reserveCapacity(Self.chunkRows)
        repeat {
          chunk.removeAll(keepingCapacity: true)
          while chunk.count < Self.chunkRows, let row = try reader.next() { chunk.append(row) }
          chunk.withUnsafeBufferPointer { rows in
            processor.process(rows)
            writer.write(rows: rows, from: processor, reader: reader)
          }
          rows += chunk.count
        } while chunk.count == Self.chunkRows
      } catch {
        throw CLIError.input(error.description)
      }
      try writer.flush()
      if let tradesSink, let tradesPath { try tradesSink.close(); try AtomicFile.commit(temporary: tradesTemp, to: tradesPath) }
      if let eventsSink, let eventsPath { try eventsSink.close(); try AtomicFile.commit(temporary: eventsTemp, to: eventsPath) }
      if tradesPath == nil {
        if let expected = args.value("check") {
          try GoldenCheck.compareBytes(writer.trades.buffer, label: "trades", expected: expected)
        } else {
          FileHandle.standardOutput.write(Data(writer.trades.buffer))
        }
      } else if let expected = args.value("check") {
        try GoldenCheck.compareFile(actual: tradesPath!, expected: expected)
      }
      if !args.flag("quiet") && tradesPath != nil {
        let seconds = clock.cpuSeconds
        writeStandardError("replayed \(rows) rows, \(processor.tradeCount) trades in \(String(format: "%.3f", seconds)) s CPU"
                           + " (\(Int(Double(rows) / max(seconds, 1e-9))) rows/s)\n")
      }
    } catch let e as CLIError {
      throw e
    } catch let e as OutputError {
      throw .input(e.description)
    } catch {
      throw .internal("\(error)")
    }
  }
}
