import Foundation
import Output
import Experiments

/// `datamarket report`: one self-contained HTML page (inline SVG charts, no scripts or network)
/// for a run or sweep folder, recognised from its files.
enum ReportCommand: Command {
  static let name = "report"
  static let abstract = "Write a self-contained HTML report of a run, sweep, calibration or sensitivity folder."
  static let usage = "datamarket report DIR [--out FILE.html]"
  static let discussion = """
    A run folder holds summary.csv and periods.csv; a calibration folder fit.csv and trace.csv; a
    Sobol or Morris sweep analysed by `datamarket analyze` sensitivity.csv (its page shows the
    indices); any other sweep folder aggregate.csv. The page is written to DIR/report.html unless
    --out names another file.
    """
  static let options = [OptionSpec(name: "out", valueName: "FILE", help: "Where to write the page.")]
  static let positionals = 1...1

  static func run(_ args: ParsedArguments) throws(CLIError) {
    let folder = args.positionals[0]
    let out = args.value("out") ?? folder + "/report.html"
    try write(folder: folder, to: out)
    print(out)
  }

  /// Builds the page of `folder` and writes it to `path` atomically.
  static func write(folder: String, to path: String) throws(CLIError) {
    func read(_ file: String) -> CSVDocument? {
      FileManager.default.contents(atPath: folder + "/" + file).map { CSVDocument(text: String(decoding: $0, as: UTF8.self)) }
    }
    let page: HTMLReport
    if let summary = read("summary.csv"), let periods = read("periods.csv") {
      page = RunReportPage.make(folder: folder, summary: summary, periods: periods, trades: read("trades.csv"),
                                schedules: read("schedules.csv"))
    } else if let fit = read("fit.csv"), let trace = read("trace.csv") {
      page = CalibrationReportPage.make(folder: folder, fit: fit, trace: trace)
    } else if let sensitivity = read("sensitivity.csv") {
      page = SensitivityReportPage.make(folder: folder, sensitivity: sensitivity)
    } else if let aggregate = read("aggregate.csv") {
      page = SweepReportPage.make(folder: folder, aggregate: aggregate)
    } else if FileManager.default.fileExists(atPath: folder + "/sweep.json") {
      // a sweep folder whose results are not assembled yet: unfinished, or one shard
      let shard = SweepRunner.shard(ofFolder: folder) != nil
      throw .input("\(folder): a sweep with no aggregate.csv yet — " + (shard ? "one shard: merge the shards (datamarket merge), then report the merged folder"
                                                                      : "unfinished: run the same datamarket sweep command again to finish it"))
    } else {
      throw .input("\(folder): not a run, sweep, calibration or sensitivity folder (expected summary.csv and periods.csv, fit.csv and trace.csv, sensitivity.csv, or aggregate.csv)")
    }
    do { try AtomicFile.write(page.xhtml, to: path) } catch { throw .input(error.description) }
  }
}
