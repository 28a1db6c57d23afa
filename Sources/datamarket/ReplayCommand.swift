import Foundation
import Matching
import Output

/// `datamarket replay`: runs an order stream through the matching engine and writes the trades
/// (and optionally the events) as the order-stream contract specifies, streaming: memory does
/// not grow with the file, apart from the table of accepted order ids and the resting books.
enum ReplayCommand: Command {
  static let name = "replay"
  static let abstract = "Replay an order stream through the matching engine; write trades (and events)."
  static let usage = "datamarket replay ORDERS.csv [--out TRADES.csv] [--events EVENTS.csv] [--check TRADES.csv] [--quiet]"
  static let discussion = """
    ORDERS.csv: ts,action,order_id,side,type,tif,price,qty,owner[,instrument] in file order, or
    any order its header names. Malformed values become reject events; a line with the wrong
    number of columns stops the replay with exit code 2 and writes nothing. Without --out the
    trades go to standard output once the whole stream has been replayed. --check compares the
    trades with an expected file and reports the first differing line (exit 1). The outputs, the
    input and the --check file must be different files.
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
  /// Bytes of the input read at a time (the reader's window).
  static let windowBytes = 4 << 20

  static func run(_ args: ParsedArguments) throws(CLIError) {
    let input = args.positionals[0]
    let tradesPath = args.value("out"), eventsPath = args.value("events"), checkPath = args.value("check")
    try SamePathCheck.refuse([("ORDERS.csv", input), ("--out", tradesPath), ("--events", eventsPath), ("--check", checkPath)],
                             pairs: [(0, 1), (0, 2), (0, 3), (1, 2), (3, 1), (3, 2)], command: name)
    for (option, path) in [("--out", tradesPath), ("--events", eventsPath)] {
      if let path, FolderTree.entry(path) == .folder {
        throw .usage(command: name, message: "\(option) '\(path)' is a folder: expected a file to write (e.g. \(path.hasSuffix("/") ? path : path + "/")trades.csv)")
      }
    }
    var reader: OrderStreamReader
    do { reader = try OrderStreamReader(path: input, chunkSize: windowBytes) } catch { throw .input(error.description) }
    let clock = Stopwatch()
    do {
      let outputs = try ReplayOutputs(tradesPath: tradesPath, eventsPath: eventsPath)
      var writer = ReplayWriter(trades: CSVWriter(sink: outputs.trades), events: outputs.events.map { CSVWriter(sink: $0) })
      // The id table starts small and doubles as accepted ids come (it must remember them all).
      let processor = OrderStreamProcessor(expectedOrders: min(max(1024, reader.sizeHint / 64), 1 << 18))
      processor.recordsEvents = eventsPath != nil
      let rows: Int
      do { rows = try writer.replay(&reader, through: processor, batchRows: chunkRows) } catch { throw CLIError.input(error.description) }
      try writer.flush()
      try outputs.commit()
      if let checkPath {
        let trades: FileChunkReader
        do { trades = try outputs.tradesReader() } catch { throw CLIError.input(error.description) }
        try StreamingCheck.compare(trades, label: tradesPath ?? "trades", expected: checkPath)
      } else if tradesPath == nil {
        try outputs.copySpool(to: STDOUT_FILENO)
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
