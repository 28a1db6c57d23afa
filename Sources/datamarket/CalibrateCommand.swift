import Experiments
import Foundation
import Output
import Scenario

/// `datamarket calibrate`: fits a calibration file's parameters to its target moments by the
/// method of simulated moments (bounded Nelder–Mead over common random numbers), journalled and
/// resumable; writes calibrated.json, fit.csv and trace.csv.
enum CalibrateCommand: Command {
  static let name = "calibrate"
  static let abstract = "Fit scenario parameters to target moments (method of simulated moments)."
  static let usage = "datamarket calibrate FILE [--jobs N] [--out DIR] [--force] [--progress] [--quiet]"
  static let discussion = """
    FILE names a base scenario, the parameters to fit with bounds ({ from, to }, optional
    scale: "log" and start), the target moments (summary metrics with value, weight and source),
    the seeds every evaluation runs (a count derived from the base scenario's seed, or a list)
    and maxEvaluations; optional set: ["KEY.PATH=VALUE", …] applies at every evaluation.
    The objective is Σ weight·((simulated mean − target)/target)² over the seeds, minimised by
    bounded Nelder–Mead in the unit cube with restarts; each evaluation's seeds run on --jobs
    workers. Writes calibrated.json (a scenario extending the base with the fitted values),
    fit.csv, trace.csv and calibration.json into DIR (default results/<file name>-calibration/).
    Every finished evaluation is journalled: after an interruption (Ctrl-C, kill -9) the same
    command resumes and ends with the same result. Results are identical for any --jobs.
    """
  static let options = [
    OptionSpec(name: "jobs", valueName: "N", help: "Worker threads (default: every core)."),
    OptionSpec(name: "out", valueName: "DIR", help: "Calibration folder."),
    OptionSpec(name: "force", valueName: nil, help: "Replace a folder of another calibration (or not ours); discard a journal of another calibration."),
    OptionSpec(name: "progress", valueName: nil, help: "Show progress even when stderr is not a terminal."),
    OptionSpec(name: "quiet", valueName: nil, help: "No progress and no summary."),
  ]
  static let positionals = 1...1

  static func run(_ args: ParsedArguments) throws(CLIError) {
    let jobs = try args.integer("jobs", command: name, in: 1...4096) ?? ProcessInfo.processInfo.activeProcessorCount
    let spec: CalibrationSpec
    do { spec = try CalibrationSpec.load(args.positionals[0]) } catch { throw .input(error.description) }
    let base = ScenarioName.sanitised(URL(fileURLWithPath: args.positionals[0]).deletingPathExtension().lastPathComponent)
    let folder = FolderTree.trimmed(args.value("out") ?? "results/\(base)-calibration")
    guard !folder.isEmpty else { throw .usage(command: name, message: "the value '' is invalid for '--out': expected a folder") }
    let quiet = args.flag("quiet")
    let showProgress = !quiet && (args.flag("progress") || standardErrorIsTerminal)
    let done = LockedState<Int?>(nil)
    let interrupt = InterruptHandler.install(folder: folder, command: name, journal: Calibrator.journalName) {
      done.withLock { $0 }.map { "\($0) of \(spec.maxEvaluations) evaluations are done" } ?? "no evaluation finished"
    }
    defer { interrupt.cancel() }
    let clock = Stopwatch()
    let lastPrint = LockedState(-1.0)
    let outcome: Calibrator.Outcome
    do {
      outcome = try Calibrator(spec: spec, folder: folder, jobs: jobs, force: args.flag("force"), version: DataMarketCLI.version).run { p in
        done.withLock { $0 = p.done }
        guard showProgress, lastPrint.withLock({ last in
          guard p.seconds - last >= 0.2 || p.done == p.budget else { return false }
          last = p.seconds
          return true
        }) else { return }
        writeStandardError("\revaluations \(p.done)/\(p.budget)  best objective \(SVGText.label(p.best))  \(fmt(p.seconds)) s   ")
      } warn: { writeStandardError($0 + "\n") }
    } catch {
      if showProgress { writeStandardError("\n") }
      throw .input(error.description)
    }
    if showProgress { writeStandardError("\n") }
    guard !quiet else { return }
    report(outcome, spec: spec, folder: folder, seconds: clock.wallSeconds, jobs: jobs)
  }

  /// The fitted values on stdout, the fit and the timing on stderr.
  static func report(_ outcome: Calibrator.Outcome, spec: CalibrationSpec, folder: String, seconds: Double, jobs: Int) {
    let best = outcome.evaluations[outcome.best]
    let width = (spec.parameters.map(\.key.count) + spec.targets.map(\.metric.count)).max()! + 2
    print("\(spec.baseName): objective \(SVGText.label(best.objective(spec.targets))) at evaluation \(outcome.best) of \(outcome.evaluations.count) → \(folder)/calibrated.json")
    for (p, v) in zip(spec.parameters, best.values) { print("  " + p.key + String(repeating: " ", count: width - p.key.count) + v) }
    for (m, t) in spec.targets.enumerated() {
      let error = (best.mean(m) - t.value) / t.value
      print("  " + t.metric + String(repeating: " ", count: width - t.metric.count)
            + "\(SVGText.label(best.mean(m))) (target \(SVGText.label(t.value)), \(SVGText.label(error * 100))%)")
    }
    if let failure = outcome.evaluations.compactMap(\.error).first { writeStandardError("calibrate: some runs failed, e.g. \(failure); see \(folder)/trace.csv\n") }
    let simulated = outcome.evaluations.count - outcome.fromJournal
    writeStandardError("calibrate: \(simulated) evaluations × \(spec.seeds.count) seeds in \(fmt(seconds)) s wall (\(jobs) jobs); "
                       + "\(outcome.fromJournal) already done → \(folder)/\n")
  }

  static func fmt(_ x: Double) -> String { BenchReport(csv: false).r(x, 2) }
}
