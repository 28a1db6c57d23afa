import Experiments
import Foundation
import Output
import Scenario
import Synchronization

/// `datamarket sweep`: runs a sweep file's design × replications on every core, journalled and
/// resumable; `--shard K/N` runs one deterministic slice for a cluster job array.
enum SweepCommand: Command {
  static let name = "sweep"
  static let abstract = "Run a parameter sweep (grid, Latin hypercube, Sobol, Morris or explicit design) with replications."
  static let usage = "datamarket sweep SWEEP [--set KEY.PATH=VALUE]... [--keep periods] [--jobs N] [--out DIR] [--shard K/N|auto/N] [--force] [--allow-version-change] [--report] [--progress] [--quiet]"
  static let discussion = """
    Writes runs.csv, aggregate.csv (one row per point), aggregate_long.csv (one row per point
    and metric) and sweep.json into DIR (default results/<sweep name>/). --set applies to the
    base scenario (every point); --keep periods also gathers every run's periods.csv into
    DIR/periods.csv with point, replicate and parameter columns.
    DIR must be absent, empty or this sweep's folder; another sweep's, a run's or a merge's
    folder, or a folder not written by datamarket, is refused unless --force (which empties it).
    Ctrl-C stops the sweep; the same command resumes it.
    Finished runs are journalled as they finish: run the same command again after an
    interruption and only the missing runs execute. --shard K/N runs one N-th of the runs, each
    point's replicates round the shards (auto/N takes K from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX); join the shard
    folders with 'datamarket merge'. Results are identical for any --jobs and sharding.
    Rerun with more replications or more points in the sweep file: finished runs are kept and
    only the new ones run; any other change is refused. A folder swept by another datamarket
    version is refused unless --allow-version-change (recorded in sweep.json).
    """
  static let options = [
    OptionSpec(name: "set", valueName: "KEY.PATH=VALUE", repeatable: true, help: "Override a key of the base scenario (every point)."),
    OptionSpec(name: "keep", valueName: "periods", help: "Also keep every run's per-period series (DIR/periods.csv)."),
    OptionSpec(name: "jobs", valueName: "N", help: "Worker threads (default: every core)."),
    OptionSpec(name: "out", valueName: "DIR", help: "Sweep folder."),
    OptionSpec(name: "shard", valueName: "K/N", help: "Run only shard K of N (0-based), or auto/N."),
    OptionSpec(name: "force", valueName: nil, help: "Replace a folder of another sweep (or not ours); discard a journal of another sweep."),
    OptionSpec(name: "allow-version-change", valueName: nil, help: "Continue a folder swept by another datamarket version (recorded)."),
    OptionSpec(name: "progress", valueName: nil, help: "Show progress even when stderr is not a terminal."),
    OptionSpec(name: "report", valueName: nil, help: "Also write DIR/report.html when the sweep is complete (datamarket report)."),
    OptionSpec(name: "quiet", valueName: nil, help: "No progress and no final line."),
  ]
  static let positionals = 1...1

  static func parseShard(_ text: String) throws(CLIError) -> (index: Int, count: Int) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let n = Int(parts[1]), n >= 1 else {
      throw .usage(command: name, message: "the value '\(Abbreviation.of(text))' is invalid for '--shard': expected K/N with 0 ≤ K < N, or auto/N")
    }
    if parts[0] == "auto" {
      let env = ProcessInfo.processInfo.environment
      guard let (variable, v) = [("SLURM_ARRAY_TASK_ID", env["SLURM_ARRAY_TASK_ID"]), ("JOB_COMPLETION_INDEX", env["JOB_COMPLETION_INDEX"])]
        .first(where: { $0.1 != nil }).map({ ($0.0, $0.1!) }) else {
        throw .usage(command: name, message: "--shard auto/\(n) needs SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX in the environment")
      }
      guard let k = Int(v), k >= 0, k < n else {
        throw .usage(command: name, message: "\(variable)=\(Abbreviation.of(v)) is out of range for '--shard auto/\(n)': expected an integer in [0, \(n - 1)]")
      }
      return (k, n)
    }
    guard let k = Int(parts[0]), k >= 0, k < n else {
      throw .usage(command: name, message: "the value '\(Abbreviation.of(text))' is invalid for '--shard': expected K/N with 0 ≤ K < N")
    }
    return (k, n)
  }

  static func run(_ args: ParsedArguments) throws(CLIError) {
    let jobs = try args.integer("jobs", command: name, in: 1...4096) ?? ProcessInfo.processInfo.activeProcessorCount
    let shard = try args.value("shard").map { s throws(CLIError) in try parseShard(s) }
    let keep = try args.value("keep").map { k throws(CLIError) -> [String] in
      guard k == SweepPeriods.name else {
        throw .usage(command: name, message: "the value '\(Abbreviation.of(k))' is invalid for '--keep': expected periods")
      }
      return [k]
    } ?? []
    var spec: SweepSpec
    do { spec = try SweepSpec.load(args.positionals[0], baseOverrides: args.all("set"), keep: keep) } catch { throw .input(error.description) }
    spec.toolVersion = DataMarketCLI.version
    let base = ScenarioName.sanitised(URL(fileURLWithPath: args.positionals[0]).deletingPathExtension().lastPathComponent)
    let folder = FolderTree.trimmed(args.value("out") ?? "results/\(base)" + (shard.map { "-shard\($0.index)of\($0.count)" } ?? ""))
    guard !folder.isEmpty else { throw .usage(command: name, message: "the value '' is invalid for '--out': expected a folder") }
    let quiet = args.flag("quiet")
    let showProgress = !quiet && (args.flag("progress") || standardErrorIsTerminal)
    let runner = SweepRunner(spec: spec, folder: folder, jobs: jobs, shard: shard, force: args.flag("force"),
                             allowVersionChange: args.flag("allow-version-change"))
    let lastPrint = LockedState(0.0)
    let owned = runner.ownedRuns.count
    let done = LockedState<Int?>(nil)
    let interrupt = InterruptHandler.install(folder: folder) {
      done.withLock { $0 }.map { "\($0) of \(owned) runs are done" } ?? "no run finished in this invocation"
    }
    defer { interrupt.cancel() }
    let clock = Stopwatch()
    let executed: Int
    do {
      executed = try runner.run { p in
        done.withLock { $0 = p.done }
        guard showProgress else { return }
        let due = lastPrint.withLock { last -> Bool in
          if p.seconds - last < 0.2 && p.done < p.total { return false }
          last = p.seconds
          return true
        }
        guard due else { return }
        writeStandardError("\rruns \(p.done)/\(p.total)  \(fmt(p.rate)) runs/s  ETA \(fmt(p.eta)) s  failures \(p.failures)   ")
      } warn: { writeStandardError($0 + "\n") }
    } catch {
      if showProgress { writeStandardError("\n") }
      throw .input(error.description)
    }
    if showProgress { writeStandardError("\n") }
    if args.flag("report") && shard == nil {
      try ReportCommand.write(folder: folder, to: folder + "/report.html")
      if !quiet { writeStandardError("sweep: report → \(folder)/report.html\n") }
    } else if args.flag("report") && !quiet {
      writeStandardError("sweep: no report for one shard: merge the shards, then datamarket report DIR\n")
    }
    if !quiet {
      let wall = clock.wallSeconds
      writeStandardError("sweep: \(executed) runs in \(fmt(wall)) s wall (\(fmt(Double(executed) / max(wall, 1e-9))) runs/s, \(jobs) jobs); \(owned - executed) already done → \(folder)/\n")
      if FileManager.default.fileExists(atPath: folder + "/failures.csv") {
        writeStandardError("sweep: some runs failed; see \(folder)/failures.csv\n")
      }
    }
  }

  static func fmt(_ x: Double) -> String { BenchReport(csv: false).r(x, 2) }
}
