import Foundation
import Testing

/// Issue 15 end to end: `run`, `sweep` and `merge` never mix or overwrite each other's folders,
/// a sweep's folder is locked, a damaged journal line is a warning, and Ctrl-C says how to resume.
@Suite(.serialized) struct ResultsFolderE2ETests {
  let mm1 = ["scenarios/mm1.json", "--set", "queue.customers=2000", "--quiet"]
  let grid = "scenarios/sweeps/mm1-grid.json"

  func names(_ path: String) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }

  @Test func aRunReplacesAnEarlierRunsFolderWhole() throws {
    let out = BinaryRunner.scratch("folder-run")
    #expect(try BinaryRunner.run(["run", "scenarios/canonical/gs1.json", "--trades", "--quiet", "--out", out]).status == 0)
    #expect(names(out).contains("trades.csv"))
    let again = try BinaryRunner.run(["run", "scenarios/canonical/gs1.json", "--quiet", "--out", out, "--check", "results/canonical/gs1"])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(names(out) == [".datamarket", "periods.csv", "run.json", "schedules.csv", "summary.csv"])
  }

  @Test func runAndSweepRefuseEachOthersFolders() throws {
    let run = BinaryRunner.scratch("folder-x-run"), sweep = BinaryRunner.scratch("folder-x-sweep")
    #expect(try BinaryRunner.run(["run"] + mm1 + ["--out", run]).status == 0)
    #expect(try BinaryRunner.run(["sweep", grid, "--quiet", "--out", sweep]).status == 0)
    let r = try BinaryRunner.run(["run"] + mm1 + ["--out", sweep])
    #expect(r.status == 2 && r.stderr == "error: \(sweep): holds the results of a sweep, not of a run; choose another --out, remove it, or use --force\n")
    let s = try BinaryRunner.run(["sweep", grid, "--quiet", "--out", run])
    #expect(s.status == 2 && s.stderr == "error: \(run): holds the results of a run, not of a sweep; choose another --out, remove it, or use --force\n")
    #expect(!names(run).contains("sweep.json") && !names(run).contains(".datamarket.lock"))
    let forced = try BinaryRunner.run(["sweep", grid, "--quiet", "--out", run, "--force"])
    #expect(forced.status == 0 && !names(run).contains("summary.csv") && names(run).contains("runs.csv"))
  }

  /// `report` on a sweep folder whose aggregate has no points or no metric columns writes a page
  /// saying so (it used to trap on the missing first metric).
  @Test func aReportOfAnAggregateWithoutMetricsSaysSo() throws {
    for (name, text) in [("report-no-metrics", "point,runs\n0,2\n"), ("report-no-points", "point,runs,x_mean\n"), ("report-runs-first", "runs,x_mean\n2,1\n")] {
      let out = BinaryRunner.scratch(name)
      try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
      try text.write(toFile: out + "/aggregate.csv", atomically: true, encoding: .utf8)
      let r = try BinaryRunner.run(["report", out])
      #expect(r.status == 0, "\(name): \(r.status) \(r.stderr)")
      let page = (try? String(contentsOfFile: out + "/report.html", encoding: .utf8)) ?? ""
      #expect(page.contains("aggregate.csv has no"), "\(name)")
    }
  }

  /// `sweep --out FILE` says the path is a file, as `run` does (not a lock-file write error).
  @Test func aSweepIntoAFileSaysItIsAFile() throws {
    let file = BinaryRunner.scratch("sweep-into-file") + "/afile"
    try "x".write(toFile: file, atomically: true, encoding: .utf8)
    let r = try BinaryRunner.run(["sweep", grid, "--quiet", "--out", file])
    #expect(r.status == 2 && r.stderr == "error: \(file): is a file, not a folder\n", "\(r.stderr)")
  }

  @Test func aFolderNotWrittenByDatamarketIsRefused() throws {
    let mine = BinaryRunner.scratch("folder-mine")
    try "notes".write(toFile: mine + "/notes.txt", atomically: true, encoding: .utf8)
    for args in [["run"] + mm1 + ["--out", mine], ["sweep", grid, "--quiet", "--out", mine]] {
      let r = try BinaryRunner.run(args)
      #expect(r.status == 2 && r.stderr.hasSuffix("is not empty and has no .datamarket marker (not a datamarket results folder); choose another --out, or use --force to replace it\n"))
    }
    #expect(names(mine) == ["notes.txt"])
  }

  @Test func mergeRefusesAnotherSweepsFolder() throws {
    let s0 = BinaryRunner.scratch("folder-m0"), s1 = BinaryRunner.scratch("folder-m1"), out = BinaryRunner.scratch("folder-mout")
    let other = BinaryRunner.scratch("folder-mother")
    #expect(try BinaryRunner.run(["sweep", grid, "--quiet", "--shard", "0/2", "--out", s0]).status == 0)
    #expect(try BinaryRunner.run(["sweep", grid, "--quiet", "--shard", "1/2", "--out", s1]).status == 0)
    #expect(try BinaryRunner.run(["sweep", grid, "--quiet", "--out", other]).status == 0)
    let intoShard = try BinaryRunner.run(["merge", s0, s1, "--out", other])
    #expect(intoShard.status == 2 && intoShard.stderr == "error: \(other): holds the results of a sweep, not of a merge; choose another --out, remove it, or use --force\n")
    #expect(try BinaryRunner.run(["merge", s0, s1, "--out", out]).status == 0)
    #expect(try BinaryRunner.run(["merge", s0, s1, "--out", out]).status == 0)  // the same merge again replaces it
    try "{\n  \"kind\": \"merge\",\n  \"identity\": \"0000000000000000\"\n}\n".write(toFile: out + "/.datamarket", atomically: true, encoding: .utf8)
    let different = try BinaryRunner.run(["merge", s0, s1, "--out", out])
    #expect(different.status == 2 && different.stderr.hasPrefix("error: \(out): holds a different sweep"))
  }

  @Test func aSecondSweepIntoALockedFolderIsRefused() throws {
    let out = BinaryRunner.scratch("folder-lock")
    let holder = Process()
    holder.executableURL = URL(fileURLWithPath: "/bin/sleep")
    holder.arguments = ["30"]
    try holder.run()
    defer { kill(holder.processIdentifier, SIGKILL) }
    try "\(holder.processIdentifier)\n".write(toFile: out + "/.datamarket.lock", atomically: true, encoding: .utf8)
    let r = try BinaryRunner.run(["sweep", grid, "--quiet", "--out", out])
    #expect(r.status == 2 && r.stderr == "error: \(out): another datamarket process (pid \(holder.processIdentifier)) is writing into this folder; wait for it to finish\n")
    kill(holder.processIdentifier, SIGKILL); holder.waitUntilExit()
    let stale = try BinaryRunner.run(["sweep", grid, "--quiet", "--out", out])
    #expect(stale.status == 0, "\(stale.stderr)")
    #expect(!names(out).contains(".datamarket.lock"))
  }

  @Test func aDamagedJournalLineIsOneWarningAndTheResultsAreUnchanged() throws {
    let out = BinaryRunner.scratch("folder-journal")
    #expect(try BinaryRunner.run(["sweep", grid, "--quiet", "--out", out]).status == 0)
    let runs = BinaryRunner.read(out + "/runs.csv")
    var lines = BinaryRunner.read(out + "/journal.csv").split(separator: "\n").map(String.init)
    lines[4] = lines[4].replacingOccurrences(of: ",5000,", with: ",5001,")
    try lines.map { $0 + "\n" }.joined().write(toFile: out + "/journal.csv", atomically: true, encoding: .utf8)
    let r = try BinaryRunner.run(["sweep", grid, "--quiet", "--out", out])
    #expect(r.status == 0)
    let run = lines[4].split(separator: ",")[0]
    #expect(r.stderr == "warning: \(out)/journal.csv:5: the checksum does not match (the line was changed or is of an older format); run \(run) will be redone\n")
    #expect(BinaryRunner.read(out + "/runs.csv") == runs)
  }

  /// Ctrl-C (SIGINT) and a scheduler's SIGTERM alike: the sweep says how far it got, releases
  /// its lock, and the same command resumes to the same files.
  @Test(arguments: [(SIGINT, Int32(130), "interrupted"), (SIGTERM, Int32(143), "terminated")])
  func aSignalSaysHowFarTheSweepGotAndTheSameCommandResumes(signal: Int32, status: Int32, word: String) throws {
    let full = BinaryRunner.scratch("sig\(signal)-full"), cut = BinaryRunner.scratch("sig\(signal)-cut")
    let args = [grid, "--jobs", "1", "--quiet"]
    #expect(try BinaryRunner.run(["sweep"] + args + ["--out", full]).status == 0)
    let p = Process()
    p.executableURL = BinaryRunner.binary
    p.arguments = ["sweep"] + args + ["--out", cut]
    p.currentDirectoryURL = BinaryRunner.packageRoot
    let err = Pipe()
    p.standardError = err
    try p.run()
    for _ in 0..<2_000 {
      if BinaryRunner.read(cut + "/journal.csv").split(separator: "\n").count >= 3 { break }
      usleep(5_000)
    }
    kill(p.processIdentifier, signal)
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(p.terminationReason == .exit && p.terminationStatus == status, "\(stderr)")
    #expect(stderr.contains("sweep: \(word); ") && stderr.contains(" of 24 runs are done (journalled in \(cut)/journal.csv); run the same command again to resume\n"), "\(stderr)")
    #expect(!names(cut).contains(".datamarket.lock"))
    #expect(try BinaryRunner.run(["sweep"] + args + ["--out", cut]).status == 0)
    for f in ["runs.csv", "aggregate.csv"] { #expect(BinaryRunner.read(full + "/" + f) == BinaryRunner.read(cut + "/" + f)) }
  }
}
