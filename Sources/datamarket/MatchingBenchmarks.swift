import Foundation
import Matching
import Output

/// The matching group of `datamarket bench`: core, deep and multi in-memory workloads, and
/// `--orders FILE` (parse untimed, then time the order-stream processor alone).
enum MatchingBenchmarks {
  static func run(commands: Int, repeats: Int, only: String?, into report: inout BenchReport) {
    for name in ["core", "deep", "multi"] where only == nil || only == name {
      let workload = MatchingWorkload.named(name, commands: commands)
      report.add(medianOf(repeats) { measure(workload) })
    }
  }

  static func measure(_ workload: MatchingWorkload) -> BenchRow {
    let engine = MatchingEngine(books: workload.books, initialSpan: workload.name == "deep" ? 3_456 : 416,
                                orderCapacity: 1 << 17)
    let rssBefore = Stopwatch.residentMB()
    let clock = Stopwatch()
    let (trades, resting) = MatchingWorkload.replay(workload, on: engine)
    let cpu = clock.cpuSeconds, wall = clock.wallSeconds
    precondition(resting == workload.finalResting, "replay diverged from the generated workload")
    let rssAfter = Stopwatch.residentMB()
    return BenchRow(group: "matching", name: workload.name, ops: workload.commands.count, cpuSeconds: cpu, wallSeconds: wall,
                    rssMB: rssAfter, note: "\(trades) trades; \(resting) resting; rss \(fmt(rssBefore)) → \(fmt(rssAfter)) MB")
  }

  /// Times the order-stream processor on a file loaded beforehand.
  static func orders(file: String, repeats: Int, into report: inout BenchReport) throws(CLIError) {
    let bytes: [UInt8]
    switch FileBytes.read(file) {
    case .success(let b): bytes = b
    case .failure(let e): throw .input(e.description)
    }
    var reader = OrderStreamReader(bytes: bytes, source: file)
    var rows = ContiguousArray<OrderRow>()
    do {
      while let row = try reader.next() { rows.append(row) }
    } catch {
      throw .input(error.description)
    }
    report.add(medianOf(repeats) {
      let processor = OrderStreamProcessor(expectedOrders: rows.count)
      processor.recordsEvents = false  // matching, trades and id tables; no event rows
      let rssBefore = Stopwatch.residentMB()
      let clock = Stopwatch()
      rows.withUnsafeBufferPointer { all in
        // In chunks, as `replay` does, with each chunk's trades cleared after it.
        var start = 0
        while start < all.count {
          let chunk = UnsafeBufferPointer(rebasing: all[start..<min(start + ReplayCommand.chunkRows, all.count)])
          processor.process(chunk)
          processor.clearOutput()
          start += chunk.count
        }
      }
      let cpu = clock.cpuSeconds, wall = clock.wallSeconds
      return BenchRow(group: "matching", name: "orders-file", ops: rows.count, cpuSeconds: cpu, wallSeconds: wall,
                      rssMB: Stopwatch.residentMB(),
                      note: "\(processor.tradeCount) trades; rss \(fmt(rssBefore)) → \(fmt(Stopwatch.residentMB())) MB; \(file)")
    })
  }

  static func fmt(_ x: Double) -> String { BenchReport(csv: false).r(x, 1) }
}
