import Experiments
import Foundation
import Output
import Scenario

/// `datamarket run SCENARIO --replications N`: the scenario over N seeds derived from its seed
/// (common random numbers), on every core, as a one-point sweep — runs.csv holds each seed's
/// summary, aggregate.csv each metric's mean, sd and 95% CI — then each metric's mean with its CI.
enum RunReplications {
  static func run(_ scenario: Scenario, count: Int, args: ParsedArguments) throws(CLIError) {
    var spec: SweepSpec
    do {
      spec = try SweepSpec.replications(of: scenario.file, overrides: args.all("set"), count: count, seed: scenario.seed)
    } catch {
      throw .input(error.description)
    }
    spec.toolVersion = DataMarketCLI.version
    let folder = FolderTree.trimmed(args.value("out") ?? "results/\(scenario.name)-replications")
    guard !folder.isEmpty else { throw .usage(command: RunCommand.name, message: "the value '' is invalid for '--out': expected a folder") }
    let jobs = ProcessInfo.processInfo.activeProcessorCount
    let runner = SweepRunner(spec: spec, folder: folder, jobs: jobs, shard: nil, force: args.flag("force"))
    do {
      try runner.run(warn: { writeStandardError($0 + "\n") })
    } catch {
      throw .input(error.description)
    }
    if args.flag("report") { try ReportCommand.write(folder: folder, to: folder + "/report.html") }
    guard !args.flag("quiet") else { return }
    print("\(scenario.name): \(count) replications (seeds derived from \(scenario.seed)) → \(folder)/")
    guard let data = FileManager.default.contents(atPath: folder + "/aggregate.csv") else { return }
    let aggregate = CSVDocument(text: String(decoding: data, as: UTF8.self))
    let metrics = aggregate.header.filter { $0.hasSuffix("_mean") && !$0.hasSuffix("_diff_mean") }.map { String($0.dropLast(5)) }
    let width = (metrics.map(\.count).max() ?? 0) + 2
    for m in metrics {
      let v = aggregate.numbers(m + "_mean").first ?? .nan
      let lo = aggregate.numbers(m + "_ci95_low").first ?? .nan, hi = aggregate.numbers(m + "_ci95_high").first ?? .nan
      print("  " + m + String(repeating: " ", count: width - m.count) + "\(SVGText.label(v))  [\(SVGText.label(lo)), \(SVGText.label(hi))]")
    }
    print("  (mean [95% CI] over seeds; every seed's summary: \(folder)/runs.csv)")
  }
}
