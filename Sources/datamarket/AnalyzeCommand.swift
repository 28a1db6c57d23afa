import Experiments
import Output

/// `datamarket analyze`: Sobol or Morris sensitivity indices of a finished sweep folder, written
/// to `sensitivity.csv` and summarised on stdout.
enum AnalyzeCommand: Command {
  static let name = "analyze"
  static let abstract = "Sobol indices or Morris effects of a finished Sobol or Morris sweep (sensitivity.csv)."
  static let usage = "datamarket analyze DIR [--top N] [--resamples N]"
  static let discussion = """
    DIR is the folder of a finished sweep whose design is { sobol: { samples: N } } or
    { morris: { trajectories: R, levels: P } }. Each point's replications are averaged first, then
    every numeric summary metric gets S1 and ST (Saltelli 2010, Jansen 1999) or mu, mu*, sigma, with
    bootstrap 95% intervals seeded from the sweep's seed. Writes DIR/sensitivity.csv
    (metric,parameter,index,estimate,ci95_low,ci95_high).
    """
  static let options = [
    OptionSpec(name: "top", valueName: "N", help: "Parameters printed per metric (default 3)."),
    OptionSpec(name: "resamples", valueName: "N", help: "Bootstrap resamples, at least 100 (default 1000)."),
  ]
  static let positionals = 1...1

  static func run(_ args: ParsedArguments) throws(CLIError) {
    let folder = FolderTree.trimmed(args.positionals[0])
    let top = try count(args, "top", default: 3)
    // a percentile interval from fewer resamples is not an interval (one resample gives a point)
    let resamples = try count(args, "resamples", default: 1_000, minimum: 100)
    let analysis: SensitivityAnalysis
    do { analysis = try SensitivityAnalysis.analyze(folder: folder, resamples: resamples) } catch { throw .input(error.description) }
    do { try analysis.write(folder: folder) } catch { throw .input(error.description) }
    print(analysis.table(top: top), terminator: "")
    print("\nwrote \(folder)/sensitivity.csv")
  }

  static func count(_ args: ParsedArguments, _ option: String, default value: Int, minimum: Int = 1) throws(CLIError) -> Int {
    guard let text = args.value(option) else { return value }
    guard let n = Int(text), (minimum...1_000_000).contains(n) else {
      throw .usage(command: name, message: "--\(option): expected an integer from \(minimum) to 1000000, found '\(text)'")
    }
    return n
  }
}
