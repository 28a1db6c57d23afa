import Simulation

/// `datamarket bench`: throughput benchmarks, reporting CPU time (release builds only give
/// meaningful figures). `--csv` prints `group,name,ops,cpu_s,wall_s,ops_per_s,ns_per_op,rss_mb`.
enum BenchCommand: Command {
  static let name = "bench"
  static let abstract = "Measure throughput: the kernel, the matching engine and the market models."
  static let usage = "datamarket bench [kernel|matching|market|all] [--quick] [--csv] [--repeat N] [--only NAME] [--commands N] [--workload core|deep|multi] [--orders FILE] [--export-orders FILE]"
  static let discussion = """
    kernel: hold-1000 and hold-100000 (the hold model, 10^7 events each) and mm1 (an M/M/1 queue
    at rho = 0.9 with 10^6 customers, checked against rho/(mu - lambda)). --quick divides the
    work by 10. Figures are process CPU time; with --repeat N each benchmark runs N times and the
    median is reported.
    matching: core (one book, ~1,000 resting orders), deep (~100,000) and multi (1,000 books of
    ~100), 10^7 commands each: 60% passive limit orders at a geometric distance from a drifting
    mid, 30% cancels of a random live order, 10% market orders; ids assigned by the engine.
    --orders FILE times the order-stream processor (validation, 64-bit id lookup, events) on a
    file loaded beforehand (orders-file). --export-orders FILE writes a workload as such a file.
    market: national, the data market with 10,000 providers and 1,000,000 buyer arrivals over five
    years in four regions, also at 1/10 and 1/100 of the arrivals (with the cost ratios), and
    national-versions, the full scale with M3's optional versions (providers.versioning) on;
    da-zic-1000, a ZI-C double auction with 1,000 traders (500 buyers, 500 sellers, one
    unit each, values uniform on 1..200) over 100 periods of 20,000 orders.
    shapley-exact-10 and shapley-sampled-30: one bundle's Shapley values (a coverage game of 10
    products, exact; of 30, M = 200 permutations), 8 features; ns per computation.
    --only NAME runs one market row (e.g. bench market --only national).
    """
  static let options = [
    OptionSpec(name: "quick", valueName: nil, help: "One tenth of the work (smoke test)."),
    OptionSpec(name: "csv", valueName: nil, help: "Print CSV rows instead of a table."),
    OptionSpec(name: "repeat", valueName: "N", help: "Run each benchmark N times and report the median (default 1)."),
    OptionSpec(name: "only", valueName: "NAME", help: "Only this market benchmark: " + MarketBenchmarks.rowNames.joined(separator: ", ") + "."),
    OptionSpec(name: "commands", valueName: "N", help: "Commands per matching workload (default 10^7, --quick 10^6)."),
    OptionSpec(name: "orders", valueName: "FILE", help: "Time matching an order-stream file (loaded untimed)."),
    OptionSpec(name: "export-orders", valueName: "FILE", help: "Write a matching workload as an order-stream file and exit."),
    OptionSpec(name: "workload", valueName: "NAME", help: "Only this matching workload (core, deep or multi); the one --export-orders writes (default core)."),
  ]
  static let positionals = 0...1
  static let groups = ["kernel", "matching", "market", "all"]

  static func run(_ args: ParsedArguments) throws(CLIError) {
    let group = args.positionals.first ?? "all"
    guard groups.contains(group) else {
      throw .usage(command: name, message: "unknown benchmark group '\(group)': expected one of \(groups.joined(separator: ", "))")
    }
    let scale = args.flag("quick") ? 10 : 1
    let repeats = try args.integer("repeat", command: name, in: 1...1000) ?? 1
    let commands = try args.integer("commands", command: name, in: 1...1_000_000_000) ?? 10_000_000 / scale
    var report = BenchReport(csv: args.flag("csv"))
    let only = args.value("only")
    if let only {
      guard MarketBenchmarks.rowNames.contains(only) else {
        throw .usage(command: name, message: "unknown market benchmark '\(only)': expected one of \(MarketBenchmarks.rowNames.joined(separator: ", "))")
      }
      guard group == "market" else {
        throw .usage(command: name, message: "--only names a market benchmark: use it with 'bench market', not '\(group)'")
      }
    }
    if let path = args.value("export-orders") {
      let name = args.value("workload") ?? "core"
      guard ["core", "deep", "multi"].contains(name) else {
        throw .usage(command: self.name, message: "unknown workload '\(name)': expected core, deep or multi")
      }
      do { try MatchingWorkload.named(name, commands: commands).export(to: path) } catch { throw .input(error.description) }
      print("wrote the \(name) workload to \(path)")
      return
    }
    if let file = args.value("orders") {
      try MatchingBenchmarks.orders(file: file, repeats: repeats, into: &report)
      return
    }
    do {
      if group == "kernel" || group == "all" { try KernelBenchmarks.run(scale: scale, repeats: repeats, into: &report) }
      if group == "market" || group == "all" { try MarketBenchmarks.run(scale: scale, repeats: repeats, only: only, into: &report) }
      if group == "matching" || group == "all" { MatchingBenchmarks.run(commands: commands, repeats: repeats, only: args.value("workload"), into: &report) }
    } catch let e as CLIError {
      throw e
    } catch {
      throw .internal("benchmark failed: \(error)")
    }
  }
}

/// One measured benchmark row.
struct BenchRow {
  var group: String
  var name: String
  var ops: Int
  var cpuSeconds: Double
  var wallSeconds: Double
  var rssMB: Double
  var note: String = ""
  var nsPerOp: Double { cpuSeconds * 1e9 / Double(ops) }
  var opsPerSecond: Double { Double(ops) / cpuSeconds }
}

/// Prints benchmark rows as a table or CSV, as they finish.
struct BenchReport {
  let csv: Bool
  var printedHeader = false

  mutating func add(_ row: BenchRow) {
    if !printedHeader {
      print(csv ? "group,name,ops,cpu_s,wall_s,ops_per_s,ns_per_op,rss_mb"
                : pad("benchmark", 24) + pad("ops", 12) + pad("cpu s", 9) + pad("ops/s", 14) + pad("ns/op", 9) + pad("rss MB", 9) + "note")
      printedHeader = true
    }
    if csv {
      print("\(row.group),\(row.name),\(row.ops),\(r(row.cpuSeconds, 4)),\(r(row.wallSeconds, 4)),\(r(row.opsPerSecond, 0)),\(r(row.nsPerOp, 2)),\(r(row.rssMB, 1))")
    } else {
      print(pad("\(row.group),\(row.name)", 24) + pad(String(row.ops), 12) + pad(r(row.cpuSeconds, 3), 9)
            + pad(humanRate(row.opsPerSecond), 14) + pad(r(row.nsPerOp, 1), 9) + pad(r(row.rssMB, 1), 9) + row.note)
    }
  }

  func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
  func r(_ x: Double, _ digits: Int) -> String {
    guard x.isFinite else { return "nan" }
    var p = 1.0
    for _ in 0..<digits { p *= 10 }
    let v = (x * p).rounded() / p
    return digits == 0 ? String(Int(v)) : String(v)
  }
  func humanRate(_ x: Double) -> String {
    x >= 1e6 ? r(x / 1e6, 2) + " M/s" : x >= 1e3 ? r(x / 1e3, 1) + " k/s" : r(x, 0) + " /s"
  }
}

/// Runs `body` `repeats` times and returns the row with the median CPU time.
func medianOf(_ repeats: Int, _ body: () throws -> BenchRow) rethrows -> BenchRow {
  var rows: [BenchRow] = []
  for _ in 0..<repeats { rows.append(try body()) }
  rows.sort { $0.cpuSeconds < $1.cpuSeconds }
  return rows[rows.count / 2]
}
