import Foundation
import Testing

@Suite(.serialized) struct SweepTests {
  let files = ["runs.csv", "aggregate.csv", "sweep.json"]

  func sweep(_ args: [String]) throws -> BinaryRunner.Result { try BinaryRunner.run(["sweep"] + args + ["--quiet"]) }

  @Test func identicalForAnyJobs() throws {
    let a = BinaryRunner.scratch("sweep-j1"), b = BinaryRunner.scratch("sweep-j2")
    #expect(try sweep(["scenarios/sweeps/mm1-grid.json", "--jobs", "1", "--out", a]).status == 0)
    #expect(try sweep(["scenarios/sweeps/mm1-grid.json", "--jobs", "2", "--out", b]).status == 0)
    for f in files { #expect(BinaryRunner.read(a + "/" + f) == BinaryRunner.read(b + "/" + f), "\(f)") }
    let runs = BinaryRunner.read(a + "/runs.csv").split(separator: "\n")
    #expect(runs.count == 1 + 3 * 8)  // the reference equals point 0: run once
    #expect(runs[0].hasPrefix("point,replicate,seed,queue.arrivalRate,queue.customers,customers,"))
    // common random numbers: replicate r has the same seed at every point
    let seeds = runs.dropFirst().map { $0.split(separator: ",")[2] }
    #expect(seeds[0] == seeds[8] && seeds[1] == seeds[9] && seeds[0] != seeds[1])
    let agg = BinaryRunner.read(a + "/aggregate.csv")
    #expect(agg.hasPrefix("point,queue.arrivalRate,queue.customers,runs,customers_n,customers_mean,"))
    #expect(agg.contains("mean_wait_diff_mean"))
    // the report of a finished sweep carries no warning; one whose sweep.json describes more
    // runs than aggregate.csv holds (a growth not yet finished) says so
    #expect(try BinaryRunner.run(["report", a, "--out", a + "/r.html"]).status == 0)
    #expect(!BinaryRunner.read(a + "/r.html").contains("Unfinished"))
    let json = BinaryRunner.read(a + "/sweep.json")
    try json.replacingOccurrences(of: "\"replications\": 8", with: "\"replications\": 10").write(toFile: a + "/sweep.json", atomically: true, encoding: .utf8)
    #expect(try BinaryRunner.run(["report", a, "--out", a + "/r.html"]).status == 0)
    #expect(BinaryRunner.read(a + "/r.html").contains("Unfinished: sweep.json describes 3 points × 10 replications"))
  }

  @Test func killNineThenResumeGivesTheSameFiles() throws {
    let full = BinaryRunner.scratch("sweep-full"), cut = BinaryRunner.scratch("sweep-cut")
    let args = ["scenarios/sweeps/mm1-grid.json", "--jobs", "1"]
    #expect(try sweep(args + ["--out", full]).status == 0)
    let p = Process()
    p.executableURL = BinaryRunner.binary
    p.arguments = ["sweep"] + args + ["--out", cut, "--quiet"]
    p.currentDirectoryURL = BinaryRunner.packageRoot
    try p.run()
    // wait until some but not all runs are journalled, then kill -9
    var lines = 0
    for _ in 0..<2_000 {
      lines = BinaryRunner.read(cut + "/journal.csv").split(separator: "\n").count
      if lines >= 3 { break }
      usleep(5_000)
    }
    kill(p.processIdentifier, SIGKILL)
    p.waitUntilExit()
    #expect(p.terminationReason == .uncaughtSignal)
    let partial = BinaryRunner.read(cut + "/journal.csv").split(separator: "\n").count
    #expect(partial >= 3 && partial < 24, "journal had \(partial) lines at the kill")
    #expect(!FileManager.default.fileExists(atPath: cut + "/runs.csv"))
    let resumed = try BinaryRunner.run(["sweep"] + args + ["--out", cut])
    #expect(resumed.status == 0)
    #expect(resumed.stderr.contains("already done"), "\(resumed.stderr)")
    for f in files { #expect(BinaryRunner.read(full + "/" + f) == BinaryRunner.read(cut + "/" + f), "\(f) differs after resume") }
  }

  @Test func shardsMergeByteIdenticalAndIncompleteShardsAreRefused() throws {
    let single = BinaryRunner.scratch("sweep-single"), s0 = BinaryRunner.scratch("sweep-s0"), s1 = BinaryRunner.scratch("sweep-s1")
    let merged = BinaryRunner.scratch("sweep-merged")
    #expect(try sweep(["scenarios/sweeps/mm1-grid.json", "--out", single]).status == 0)
    #expect(try sweep(["scenarios/sweeps/mm1-grid.json", "--shard", "0/2", "--out", s0]).status == 0)
    let missing = try BinaryRunner.run(["merge", s0, "--out", merged])
    #expect(missing.status == 2 && missing.stderr == "error: shard 1 of 0–1 missing: give every shard's folder (--shard K/2 for K = 0 … 1)\n")
    #expect(try sweep(["scenarios/sweeps/mm1-grid.json", "--shard", "1/2", "--out", s1]).status == 0)
    let ok = try BinaryRunner.run(["merge", s0, s1, "--out", merged])
    #expect(ok.status == 0, "\(ok.stderr)")
    for f in files { #expect(BinaryRunner.read(single + "/" + f) == BinaryRunner.read(merged + "/" + f), "\(f) differs after merge") }
    let twice = try BinaryRunner.run(["merge", s0, s0, "--out", merged])
    #expect(twice.status == 2 && twice.stderr.contains("shard 0 is given twice"))
  }

  @Test func aFolderOfAnotherSweepIsRefused() throws {
    let dir = BinaryRunner.scratch("sweep-other")
    #expect(try sweep(["scenarios/sweeps/mm1-grid.json", "--out", dir]).status == 0)
    let r = try sweep(["scenarios/sweeps/zi-strategies.json", "--out", dir])
    #expect(r.status == 2)
    #expect(r.stderr == "error: \(dir): holds a different sweep (its sweep.json does not match scenarios/sweeps/zi-strategies.json); choose another --out, remove it, or use --force\n")
  }

  @Test func aBadDesignPointFailsBeforeAnyRunNamingThePoint() throws {
    let dir = BinaryRunner.scratch("sweep-bad")
    let file = dir + "/bad.json"
    try """
    { base: "\(BinaryRunner.packageRoot.path)/scenarios/mm1.json", parameters: { "queue.arrivalRate": { values: [0.5, -1] } } }
    """.write(toFile: file, atomically: true, encoding: .utf8)
    let r = try sweep([file, "--out", dir + "/out"])
    #expect(r.status == 2)
    #expect(r.stderr == "error: \(file): design point 1 (queue.arrivalRate=-1.0): expected a valid scenario, found parameter queue.arrivalRate=-1.0: $.queue.arrivalRate: expected a number > 0, found -1.0\n")
    #expect(!FileManager.default.fileExists(atPath: dir + "/out/journal.csv"))
  }

  @Test func latinHypercubeAndExplicitPoints() throws {
    let dir = BinaryRunner.scratch("sweep-designs")
    let root = BinaryRunner.packageRoot.path
    try "queue.customers,queue.arrivalRate\n1000,0.3\n1000,0.6\n".write(toFile: dir + "/design.csv", atomically: true, encoding: .utf8)
    try """
    { base: "\(root)/scenarios/mm1.json", replications: 2, design: { points: "design.csv" },
      parameters: { "queue.arrivalRate": { values: [0] }, "queue.customers": { values: [1000] } } }
    """.write(toFile: dir + "/csv.json", atomically: true, encoding: .utf8)
    try """
    { base: "\(root)/scenarios/mm1.json", replications: 2, design: { latinHypercube: { samples: 5 } },
      parameters: { "queue.arrivalRate": { from: 0.1, to: 0.9 }, "queue.customers": { from: 1000, to: 2000, integer: true } } }
    """.write(toFile: dir + "/lhs.json", atomically: true, encoding: .utf8)
    #expect(try sweep([dir + "/csv.json", "--out", dir + "/o1"]).status == 0)
    let runs = BinaryRunner.read(dir + "/o1/runs.csv").split(separator: "\n")
    #expect(runs.count == 5 && runs[1].hasPrefix("0,0,") && runs[1].contains(",0.3,1000,") && runs[3].contains(",0.6,1000,"))
    #expect(try sweep([dir + "/lhs.json", "--out", dir + "/o2"]).status == 0)
    let rates = BinaryRunner.read(dir + "/o2/aggregate.csv").split(separator: "\n").dropFirst()
      .map { Double($0.split(separator: ",")[1])! }.sorted()
    // one sample in each fifth of [0.1, 0.9]
    for (i, r) in rates.enumerated() { #expect(r >= 0.1 + 0.16 * Double(i) && r < 0.1 + 0.16 * Double(i + 1)) }
  }
}
