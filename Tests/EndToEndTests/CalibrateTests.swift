import Foundation
import Testing

/// `datamarket calibrate` through the binary: identical results for any --jobs, a kill -9 and a
/// truncated journal resume to the same calibrated.json, and bad files and folders are refused.
@Suite(.serialized) struct CalibrateTests {
  let outputs = ["calibrated.json", "fit.csv", "trace.csv", "calibration.json"]

  /// A small calibration of the mm1 model (the shipped example's parameters, a smaller budget).
  func calibrationFile(_ folder: String, budget: Int = 24, customers: Int = 1000) throws -> String {
    let path = folder + "/small.json5"
    try """
      // a small calibration for the end-to-end tests
      { base: "\(BinaryRunner.packageRoot.path)/scenarios/mm1.json", seeds: 2, maxEvaluations: \(budget),
        set: ["queue.customers=\(customers)", "queue.warmupCustomers=100"],
        parameters: { "queue.arrivalRate": { from: 0.1, to: 2, scale: "log" }, "queue.serviceRate": { from: 0.5, to: 5, scale: "log" } },
        targets: { utilization: { value: 0.64, source: "test" }, mean_wait: { value: 1.5, source: "test" } } }
      """.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  func calibrate(_ args: [String]) throws -> BinaryRunner.Result { try BinaryRunner.run(["calibrate"] + args) }

  /// A calibration whose targets are nan at every evaluation (no customer measured) fits
  /// nothing: exit 2 naming why, trace.csv kept, no calibrated.json.
  @Test func noFiniteObjectiveIsAnErrorNotAFit() throws {
    let dir = BinaryRunner.scratch("cal-nan")
    let file = dir + "/nan.json5"
    try """
      { base: "\(BinaryRunner.packageRoot.path)/scenarios/mm1.json", seeds: 2, maxEvaluations: 4,
        set: ["queue.customers=200", "queue.warmupCustomers=500"],
        parameters: { "queue.arrivalRate": { from: 0.3, to: 0.8 } }, targets: { mean_wait: { value: 1 } } }
      """.write(toFile: file, atomically: true, encoding: .utf8)
    let r = try calibrate([file, "--out", dir + "/out", "--quiet"])
    #expect(r.status == 2 && r.stderr.contains("no evaluation gave a finite objective"), "\(r.stderr)")
    #expect(BinaryRunner.read(dir + "/out/trace.csv").hasPrefix("evaluation,queue.arrivalRate,objective,mean_wait"))
    #expect(!FileManager.default.fileExists(atPath: dir + "/out/calibrated.json"))
  }

  @Test func identicalForAnyJobs() throws {
    let dir = BinaryRunner.scratch("cal-jobs")
    let file = try calibrationFile(dir)
    let one = try calibrate([file, "--jobs", "1", "--out", dir + "/a", "--quiet"])
    #expect(one.status == 0 && one.stdout.isEmpty && one.stderr.isEmpty, "\(one.stderr)")
    let two = try calibrate([file, "--jobs", "2", "--out", dir + "/b"])
    #expect(two.status == 0, "\(two.stderr)")
    #expect(two.stdout.hasPrefix("mm1: objective ") && two.stdout.contains("queue.arrivalRate") && two.stdout.contains("mean_wait"))
    #expect(two.stderr.contains("calibrate: 24 evaluations × 2 seeds"), "\(two.stderr)")
    for f in outputs { #expect(BinaryRunner.read(dir + "/a/" + f) == BinaryRunner.read(dir + "/b/" + f), "\(f)") }
    let calibrated = BinaryRunner.read(dir + "/a/calibrated.json")
    #expect(calibrated.hasPrefix("// Written by `datamarket calibrate \(file)`: objective "))
    // `extends` is the base's path relative to the output folder (wherever the checkout lives)
    let extends = try #require(calibrated.split(separator: "\n").first { $0.contains("extends: \"") })
    let relative = String(extends.split(separator: "\"")[1])
    #expect(!relative.hasPrefix("/"), "\(extends)")
    let resolved = URL(fileURLWithPath: dir + "/a/" + relative).standardizedFileURL.path
    #expect(resolved == URL(fileURLWithPath: BinaryRunner.packageRoot.path + "/scenarios/mm1.json").standardizedFileURL.path, "\(resolved)")
    // the calibrated scenario runs
    let run = try BinaryRunner.run(["run", dir + "/a/calibrated.json", "--out", dir + "/run", "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(BinaryRunner.read(dir + "/a/trace.csv").split(separator: "\n").count == 25)
    // the folder's report: the fit table and the search's charts
    #expect(try BinaryRunner.run(["report", dir + "/a"]).status == 0)
    let page = BinaryRunner.read(dir + "/a/report.html")
    #expect(page.contains("calibration report") && page.contains("24 evaluations") && page.contains("mean_wait") && page.contains("best so far"), "\(page.prefix(400))")
  }

  @Test func aTruncatedJournalResumesToTheSameResult() throws {
    let dir = BinaryRunner.scratch("cal-resume")
    let file = try calibrationFile(dir)
    #expect(try calibrate([file, "--out", dir + "/full", "--quiet"]).status == 0)
    #expect(try calibrate([file, "--out", dir + "/cut", "--quiet"]).status == 0)
    let lines = BinaryRunner.read(dir + "/cut/calibration.journal").split(separator: "\n")
    try (lines.prefix(10).joined(separator: "\n") + "\n" + lines[10].prefix(15)).write(toFile: dir + "/cut/calibration.journal", atomically: true, encoding: .utf8)
    for f in ["calibrated.json", "fit.csv", "trace.csv"] { try FileManager.default.removeItem(atPath: dir + "/cut/" + f) }
    let resumed = try calibrate([file, "--out", dir + "/cut"])
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stderr.contains("14 evaluations × 2 seeds") && resumed.stderr.contains("10 already done"), "\(resumed.stderr)")
    for f in outputs { #expect(BinaryRunner.read(dir + "/full/" + f) == BinaryRunner.read(dir + "/cut/" + f), "\(f) differs after resume") }
  }

  @Test func killNineThenResumeGivesTheSameResult() throws {
    let dir = BinaryRunner.scratch("cal-kill")
    let file = try calibrationFile(dir, budget: 40, customers: 20_000)
    #expect(try calibrate([file, "--out", dir + "/full", "--jobs", "1", "--quiet"]).status == 0)
    let p = Process()
    p.executableURL = BinaryRunner.binary
    p.arguments = ["calibrate", file, "--out", dir + "/cut", "--jobs", "1", "--quiet"]
    p.currentDirectoryURL = BinaryRunner.packageRoot
    try p.run()
    var lines = 0
    for _ in 0..<4_000 {
      lines = BinaryRunner.read(dir + "/cut/calibration.journal").split(separator: "\n").count
      if lines >= 3 { break }
      usleep(2_000)
    }
    kill(p.processIdentifier, SIGKILL)
    p.waitUntilExit()
    let partial = BinaryRunner.read(dir + "/cut/calibration.journal").split(separator: "\n").count
    #expect(partial >= 3 && partial < 40, "journal had \(partial) lines at the kill")
    #expect(!FileManager.default.fileExists(atPath: dir + "/cut/calibrated.json"))
    let resumed = try calibrate([file, "--out", dir + "/cut", "--jobs", "2"])
    #expect(resumed.status == 0, "\(resumed.stderr)")
    for f in outputs { #expect(BinaryRunner.read(dir + "/full/" + f) == BinaryRunner.read(dir + "/cut/" + f), "\(f) differs after kill -9 and resume") }
  }

  @Test func validateChecksTheShippedCalibrationFiles() throws {
    let r = try BinaryRunner.run(["validate", "scenarios/calibration/mm1-recovery.json5", "scenarios/calibration/national.json5"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("mm1-recovery.json5: ok (calibration: 2 parameters, 2 targets, ≤ 150 evaluations × 4 seeds)"), "\(r.stdout)")
    #expect(r.stdout.contains("national.json5: ok (calibration: 5 parameters, 7 targets, ≤ 400 evaluations × 8 seeds)"), "\(r.stdout)")
  }

  @Test func badFilesAndForeignFoldersAreRefusedWithOneErrorLine() throws {
    let dir = BinaryRunner.scratch("cal-bad")
    let file = dir + "/bad.json5"
    try "{ base: \"../../nowhere.json\", parameters: {}, targets: {} }".write(toFile: file, atomically: true, encoding: .utf8)
    let bad = try calibrate([file, "--out", dir + "/out"])
    #expect(bad.status == 2 && bad.stderr.hasPrefix("error: ") && bad.stderr.split(separator: "\n").count == 1, "\(bad.stderr)")
    let good = try calibrationFile(dir, budget: 3)
    #expect(try BinaryRunner.run(["sweep", "scenarios/sweeps/mm1-grid.json", "--out", dir + "/sweep", "--quiet"]).status == 0)
    let refused = try calibrate([good, "--out", dir + "/sweep"])
    #expect(refused.status == 2 && refused.stderr.contains("holds the results of a sweep, not of a calibration"), "\(refused.stderr)")
    // a folder of another calibration is named as one
    #expect(try calibrate([good, "--out", dir + "/cal", "--quiet"]).status == 0)
    let other = try calibrationFile(dir, budget: 4)
    let foreign = try calibrate([other, "--out", dir + "/cal"])
    #expect(foreign.status == 2 && foreign.stderr.contains("holds a different calibration (its calibration.json does not match"), "\(foreign.stderr)")
    let usage = try calibrate([good, "--jobs", "0"])
    #expect(usage.status == 2 && usage.stderr.contains("'--jobs'"))
  }
}
