import Experiments
import Output
import Scenario
import Simulation

/// `datamarket run`: runs one scenario and writes its CSVs and `run.json`.
enum RunCommand: Command {
  static let name = "run"
  static let abstract = "Run one scenario and write summary.csv, periods.csv, the model's own CSVs (contracts and providers, or schedules; trades with --trades) and run.json."
  static let usage = "datamarket run SCENARIO [--seed N] [--out DIR] [--set KEY.PATH=VALUE]... [--trades] [--check DIR] [--check-invariants] [--max-events N] [--ignore-limits] [--force] [--report] [--replications N] [--quiet]"
  static let discussion = """
    Outputs go to DIR (default results/<scenario name>/): the whole folder is written beside it
    and swapped in, so it never mixes files of two runs. DIR must be absent, empty or an earlier
    run's folder; a sweep's or merge's folder, or a folder not written by datamarket, is refused
    unless --force.
    With --check DIR the CSVs are compared with a golden folder; the first differing line is
    printed and the exit code is 1 if anything differs.
    Before running, the scenario's work is estimated (events, entities, memory; 'validate'
    prints it); a run above 2e9 events or 8 GB is refused, naming the keys that drive it.
    --max-events N raises the event limit; --ignore-limits ignores both (--force does not: it
    only lets DIR be replaced).
    With --check-invariants every event is followed by a check of the model's invariants
    (time, uncrossed books, money and licence conservation, contracts moving forward); the
    first violation stops the run with exit code 1. Slow; the results are the same.
    """
  static let options = [
    OptionSpec(name: "seed", valueName: "N", help: "Master seed (overrides the file's seed)."),
    OptionSpec(name: "out", valueName: "DIR", help: "Output folder."),
    OptionSpec(name: "set", valueName: "KEY.PATH=VALUE", repeatable: true, help: "Override a scenario key."),
    OptionSpec(name: "trades", valueName: nil, help: "Also write trades.csv."),
    OptionSpec(name: "check", valueName: "DIR", help: "Compare the CSVs with the golden files in DIR."),
    OptionSpec(name: "check-invariants", valueName: nil, help: "Check the model's invariants after every event (slow)."),
    OptionSpec(name: "max-events", valueName: "N", help: "Raise the limit on the estimated events (default 2e9)."),
    OptionSpec(name: "ignore-limits", valueName: nil, help: "Run even above the work limits (a run past the machine's memory fails)."),
    OptionSpec(name: "force", valueName: nil, help: "Replace DIR even if it holds a sweep, a merge or files not written by datamarket."),
    OptionSpec(name: "report", valueName: nil, help: "Also write DIR/report.html (datamarket report)."),
    OptionSpec(name: "replications", valueName: "N", help: "Run N seeds derived from the seed (common random numbers, every core); print each metric's mean with its 95% CI."),
    OptionSpec(name: "quiet", valueName: nil, help: "Print nothing on success."),
  ]
  static let positionals = 1...1

  static func run(_ args: ParsedArguments) throws(CLIError) {
    var seed: UInt64?
    if let s = args.value("seed") {
      guard let v = UInt64(s), v <= ConfigReader.maxSeed else {
        throw .usage(command: name, message: "the value '\(Abbreviation.of(s))' is invalid for '--seed': expected an integer in [0, \(ConfigReader.maxSeed)]")
      }
      seed = v
    }
    let scenario: Scenario
    do {
      scenario = try Scenario.load(file: args.positionals[0], overrides: args.all("set"), seed: seed)
    } catch {
      throw .input(error.description)
    }
    try checkWork(scenario, args)
    if let golden = args.value("check") {   // before the run, not after it
      guard FolderTree.entry(golden) == .folder, FolderTree.entry(golden + "/summary.csv") == .file else {
        throw .usage(command: name, message: "the value '\(golden)' is invalid for '--check': expected a folder of golden outputs "
                       + "(with summary.csv), found \(FolderTree.entry(golden) == .none ? "nothing there" : FolderTree.entry(golden) == .file ? "a file" : "a folder without summary.csv")")
      }
    }
    if let n = try args.integer("replications", command: name, in: 1...SweepSpec.maxRuns) {
      try RunReplications.run(scenario, count: n, args: args)
      return
    }
    let folder = FolderTree.trimmed(args.value("out") ?? "results/\(scenario.name)")
    guard !folder.isEmpty else { throw .usage(command: name, message: "the value '' is invalid for '--out': expected a folder") }
    do {  // fail before a long run, not after it
      _ = try ResultsFolder.admit(folder, as: FolderMarker(kind: .run), force: args.flag("force"))
    } catch {
      throw .input(error.description)
    }
    let clock = Stopwatch()
    let result: RunResult
    do {
      result = try ScenarioRunner.run(scenario, recordTrades: args.flag("trades"), checkInvariants: args.flag("check-invariants"))
    } catch let violation as InvariantViolation {
      throw .internal("\(scenario.file): \(violation)")
    } catch {
      throw .input("\(scenario.file): the run failed: \(error)")
    }
    do {
      // The whole folder is built beside it and swapped in: no file of an earlier run survives.
      try ResultsFolder.build(folder, as: FolderMarker(kind: .run), force: args.flag("force")) { temp throws(OutputError) in
        try result.write(scenario: scenario, toFolder: temp, version: DataMarketCLI.version, wallSeconds: clock.wallSeconds)
      }
    } catch {
      throw .input(error.description)
    }
    if args.flag("report") {
      try ReportCommand.write(folder: folder, to: folder + "/report.html")
      if !args.flag("quiet") { print("report: \(folder)/report.html") }
    }
    if !args.flag("quiet") {
      print("\(scenario.name) (seed \(scenario.seed)) → \(folder)/")
      let rows = result.headline.isEmpty ? result.metrics.map { ($0.name, $0.value.text) } : result.headline
      let width = (rows.map(\.0.count).max() ?? 0) + 2
      for (label, value) in rows { print("  " + label + String(repeating: " ", count: width - label.count) + value) }
      if !result.headline.isEmpty { print("  (every metric: \(folder)/summary.csv)") }
    }
    if let golden = args.value("check") {
      var files = ["summary.csv", "periods.csv"]
      if result.trades != nil { files.append("trades.csv") }
      files += result.entityTables.map(\.file)
      try GoldenCheck.compare(files: files, actualFolder: folder, expectedFolder: golden)
      // a golden file this run did not write is named, not passed over in silence
      let unchecked = result.trades == nil && FolderTree.entry(golden + "/trades.csv") == .file
        ? " (not compared: its trades.csv, which only a run with --trades writes)" : ""
      if !args.flag("quiet") { print("check: \(files.joined(separator: ", ")) match \(golden)/" + unchecked) }
    }
  }

  /// Refuses a scenario whose ``WorkEstimate`` exceeds the limits (`--max-events` raises the
  /// event limit, `--ignore-limits` ignores them; `--force`, which replaces an output folder,
  /// does not, so that overwriting results never also lifts the limits).
  static func checkWork(_ scenario: Scenario, _ args: ParsedArguments) throws(CLIError) {
    var limits = WorkLimits.standard
    if let s = args.value("max-events") {
      guard let v = Int(s), v >= 1 else {
        throw .usage(command: name, message: "the value '\(Abbreviation.of(s))' is invalid for '--max-events': expected an integer ≥ 1")
      }
      limits.maxEvents = Double(v)
    }
    let estimate = WorkEstimate.of(scenario)
    guard !args.flag("ignore-limits"), let why = limits.violation(estimate) else { return }
    let remedy = estimate.events.value > limits.maxEvents ? "raise the event limit with --max-events N, or ignore the limits with --ignore-limits"
                                                           : "or ignore the limits with --ignore-limits"
    throw .input("\(scenario.file): \(why); lower them, \(remedy)")
  }
}
