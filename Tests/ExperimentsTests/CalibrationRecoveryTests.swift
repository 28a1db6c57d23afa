import Foundation
import Testing
@testable import Experiments
import Output
import Scenario

/// The method of simulated moments recovers known parameters: the targets are moments the mm1
/// model produced at (λ, μ) = (0.8, 1.25) over the calibration's own seeds; calibrating from
/// wide bounds must find (0.8, 1.25) again.
@Suite(.serialized) struct CalibrationRecoveryTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
  let dir: String = {
    let d = NSTemporaryDirectory() + "datamarket-calrec-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
    try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
    return d
  }()
  static let truth = (arrival: 0.8, service: 1.25)
  static let set = ["queue.customers=2000", "queue.warmupCustomers=200"]

  /// The model's own moments at the true parameters over `seeds`: (utilization, mean_wait) means.
  static func moments(seeds: [UInt64]) throws -> [Double] {
    let base = try ScenarioLoader.load(root + "/scenarios/mm1.json")
    let overrides = set + ["queue.arrivalRate=\(truth.arrival)", "queue.serviceRate=\(truth.service)"]
    let runs = try seeds.map { seed in
      try CalibrationEvaluation.run(base: base, file: root + "/scenarios/mm1.json", overrides: overrides, seed: seed,
                                    targets: ["utilization", "mean_wait"]).get()
    }
    return [0, 1].map { m in runs.map { $0[m] }.reduce(0, +) / Double(runs.count) }
  }

  /// A calibration file of the mm1 model with the true moments as targets.
  func calibrationFile(budget: Int) throws -> String {
    let seeds = (0..<3).map { SweepSpec.seed(master: 1, replicate: $0) }
    let m = try Self.moments(seeds: seeds)
    let path = dir + "/recover.json5"
    try """
      { base: "\(Self.root)/scenarios/mm1.json", set: ["\(Self.set.joined(separator: "\", \""))"], seeds: 3, maxEvaluations: \(budget),
        parameters: { "queue.arrivalRate": { from: 0.1, to: 2, scale: "log" }, "queue.serviceRate": { from: 0.5, to: 5, scale: "log" } },
        targets: { utilization: { value: \(m[0]), source: "the model" }, mean_wait: { value: \(m[1]), weight: 2, source: "the model" } } }
      """.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "<missing \(path)>" }

  @Test func recoversTheParametersThatMadeTheTargets() throws {
    let spec = try CalibrationSpec.load(try calibrationFile(budget: 120))
    let out = try Calibrator(spec: spec, folder: dir + "/out", jobs: 2, version: "test").run()
    let best = out.evaluations[out.best].values.map { Double($0)! }
    #expect(abs(best[0] / Self.truth.arrival - 1) < 0.02, "arrivalRate \(best[0])")
    #expect(abs(best[1] / Self.truth.service - 1) < 0.02, "serviceRate \(best[1])")
    #expect(out.evaluations.count == 120)
    // the calibrated scenario is a scenario with the fitted values
    let calibrated = try Scenario.load(file: dir + "/out/calibrated.json")
    guard case .mm1(let p) = calibrated.model else { Issue.record("not an mm1 scenario"); return }
    #expect(p.arrivalRate == best[0] && p.serviceRate == best[1] && p.customers == 2000 && calibrated.name == "mm1-calibrated")
    let fit = read(dir + "/out/fit.csv").split(separator: "\n")
    #expect(fit[0] == "metric,target,simulated_mean,ci95_low,ci95_high,relative_error,source" && fit.count == 3)
    #expect(read(dir + "/out/trace.csv").hasPrefix("evaluation,queue.arrivalRate,queue.serviceRate,objective,utilization,mean_wait,error\n0,"))
  }

  @Test func aTruncatedJournalResumesToTheSameResultForAnyJobs() throws {
    let spec = try CalibrationSpec.load(try calibrationFile(budget: 30))
    let full = dir + "/full", cut = dir + "/cut"
    try Calibrator(spec: spec, folder: full, jobs: 1, version: "test").run()
    try Calibrator(spec: spec, folder: cut, jobs: 2, version: "test").run()
    let journal = read(cut + "/calibration.journal").split(separator: "\n", omittingEmptySubsequences: false)
    #expect(journal.count == 31)
    // keep 12 lines and half of the 13th (a kill mid-write), drop the outputs
    let kept = journal.prefix(12).joined(separator: "\n") + "\n" + journal[12].prefix(20)
    try kept.write(toFile: cut + "/calibration.journal", atomically: true, encoding: .utf8)
    for f in ["trace.csv", "fit.csv", "calibrated.json"] { try FileManager.default.removeItem(atPath: cut + "/" + f) }
    let resumed = try Calibrator(spec: spec, folder: cut, jobs: 2, version: "test").run()
    #expect(resumed.fromJournal == 12)
    for f in ["trace.csv", "fit.csv", "calibrated.json"] {
      #expect(read(full + "/" + f) == read(cut + "/" + f), "\(f) differs after resume")
    }
  }

  @Test func aFolderOfAnotherCalibrationIsRefusedUnlessForced() throws {
    let a = try CalibrationSpec.load(try calibrationFile(budget: 4))
    try Calibrator(spec: a, folder: dir + "/shared", jobs: 1, version: "test").run()
    let b = try CalibrationSpec.load(try calibrationFile(budget: 5))
    #expect(throws: SweepError.self) { try Calibrator(spec: b, folder: dir + "/shared", jobs: 1, version: "test").run() }
    let forced = try Calibrator(spec: b, folder: dir + "/shared", jobs: 1, force: true, version: "test").run()
    #expect(forced.fromJournal == 0 && forced.evaluations.count == 5)
  }
}
