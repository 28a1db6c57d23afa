import Foundation
import Testing

/// Issue 13 item 4 through the binary: the tidy aggregate, design CSVs run as is, a reference
/// equal to a design point run once, extending a finished sweep, `--set` on the base, the
/// recorded tool version, and `--keep periods`.
@Suite(.serialized) struct SweepErgonomicsTests {
  let root = BinaryRunner.packageRoot.path

  func sweep(_ args: [String]) throws -> BinaryRunner.Result { try BinaryRunner.run(["sweep"] + args + ["--quiet"]) }

  /// A small M/M/1 sweep file in `dir`: `replications` over arrival rates `rates`, reference 0.5.
  func sweepFile(_ dir: String, replications: Int, rates: String, reference: String = "0.5") throws -> String {
    let file = dir + "/s.json"
    try """
    { base: "\(root)/scenarios/mm1.json", replications: \(replications), seed: 3,
      parameters: { "queue.arrivalRate": { values: \(rates) }, "queue.customers": { values: [3000] } },
      reference: { "queue.arrivalRate": \(reference), "queue.customers": 3000 } }
    """.write(toFile: file, atomically: true, encoding: .utf8)
    return file
  }

  func lines(_ path: String) -> [Substring] { BinaryRunner.read(path).split(separator: "\n") }

  @Test func tidyAggregateHasOneRowPerPointAndMetricWithTheWideNumbers() throws {
    let dir = BinaryRunner.scratch("ergo-tidy")
    #expect(try sweep([try sweepFile(dir, replications: 3, rates: "[0.5, 0.7]"), "--out", dir + "/o"]).status == 0)
    let long = lines(dir + "/o/aggregate_long.csv"), wide = lines(dir + "/o/aggregate.csv")
    #expect(long[0] == "point,queue.arrivalRate,queue.customers,metric,n,mean,sd,ci95_low,ci95_high,diff_mean,diff_ci95_low,diff_ci95_high")
    let metrics = lines(dir + "/o/runs.csv")[0].split(separator: ",").dropFirst(5).map(String.init)
    #expect(long.count == 1 + 2 * metrics.count)
    // point 1's mean_wait row carries the wide file's mean_wait_mean and _diff_mean
    let header = wide[0].split(separator: ",").map(String.init), row1 = wide[2].split(separator: ",").map(String.init)
    let tidy = long.first { $0.hasPrefix("1,0.7,3000,mean_wait,") }!.split(separator: ",").map(String.init)
    #expect(tidy[5] == row1[header.firstIndex(of: "mean_wait_mean")!])
    #expect(tidy[9] == row1[header.firstIndex(of: "mean_wait_diff_mean")!])
    // metrics in column order within each point, points in design order
    #expect(long.dropFirst().prefix(metrics.count).map { String($0.split(separator: ",")[3]) } == metrics)
  }

  @Test func aReferenceEqualToADesignPointRunsOnce() throws {
    let dir = BinaryRunner.scratch("ergo-ref")
    #expect(try sweep([try sweepFile(dir, replications: 2, rates: "[0.6, 0.5]"), "--out", dir + "/o"]).status == 0)
    #expect(lines(dir + "/o/journal.csv").count == 4)
    #expect(BinaryRunner.read(dir + "/o/sweep.json").contains("\"reference\": 1,"))
    let agg = lines(dir + "/o/aggregate_long.csv")
    #expect(agg.filter { $0.hasPrefix("1,0.5,3000,mean_wait,") }.first?.hasSuffix(",0.0,0.0,0.0") == true)
  }

  @Test func aDesignCSVNamesTheParametersAndItsHeaderErrorsNameTheColumn() throws {
    let dir = BinaryRunner.scratch("ergo-csv")
    let file = dir + "/s.json"
    try "{ base: \"\(root)/scenarios/mm1.json\", replications: 2, design: { points: \"d.csv\" } }"
      .write(toFile: file, atomically: true, encoding: .utf8)
    try "queue.customers,queue.arrivalRate\n3000,0.3\n3000,0.6\n".write(toFile: dir + "/d.csv", atomically: true, encoding: .utf8)
    #expect(try sweep([file, "--out", dir + "/o"]).status == 0)
    #expect(lines(dir + "/o/runs.csv")[0].hasPrefix("point,replicate,seed,queue.customers,queue.arrivalRate,"))
    let cases = [("queue.customers,queue.arrivalRat\n3000,0.3\n",
                  "error: \(dir)/d.csv: line 1, column 2 (\"queue.arrivalRat\"): unknown key (did you mean 'queue.arrivalRate'?)\n"),
                 ("queue.customers,queue.customers\n3000,600\n",
                  "error: \(dir)/d.csv: line 1, column 2: expected each parameter once, found \"queue.customers\" again (also column 1)\n"),
                 ("queue.customers,\n3000,0.3\n",
                  "error: \(dir)/d.csv: line 1, column 2: expected a parameter key path as the column's name, found nothing\n")]
    for (csv, message) in cases {
      try csv.write(toFile: dir + "/d.csv", atomically: true, encoding: .utf8)
      let r = try sweep([file, "--out", dir + "/bad"])
      #expect(r.status == 2 && r.stderr == message)
    }
  }

  @Test func extendingKeepsFinishedRunsAndMatchesAFreshSweep() throws {
    let dir = BinaryRunner.scratch("ergo-extend")
    let file = try sweepFile(dir, replications: 2, rates: "[0.5, 0.7]")
    #expect(try sweep([file, "--out", dir + "/o", "--keep", "periods"]).status == 0)
    let before = lines(dir + "/o/journal.csv").count
    let kept = dir + "/o/periods/" + (try FileManager.default.contentsOfDirectory(atPath: dir + "/o/periods").sorted()[0])
    let stamp = try FileManager.default.attributesOfItem(atPath: kept)[.modificationDate] as? Date
    _ = try sweepFile(dir, replications: 3, rates: "[0.5, 0.6, 0.7]")
    let r = try BinaryRunner.run(["sweep", file, "--out", dir + "/o", "--keep", "periods"])
    #expect(before == 4 && r.status == 0 && r.stderr.contains("sweep: 5 runs in ") && r.stderr.contains("; 4 already done"), "\(r.stderr)")
    #expect(try FileManager.default.attributesOfItem(atPath: kept)[.modificationDate] as? Date == stamp)
    #expect(try sweep([file, "--out", dir + "/fresh", "--keep", "periods"]).status == 0)
    for f in ["runs.csv", "aggregate.csv", "aggregate_long.csv", "periods.csv", "sweep.json"] {
      #expect(BinaryRunner.read(dir + "/o/" + f) == BinaryRunner.read(dir + "/fresh/" + f), "\(f)")
    }
    // a kept periods file lost after its run finished: the same command redoes that run alone
    try FileManager.default.removeItem(atPath: kept)
    let redo = try BinaryRunner.run(["sweep", file, "--out", dir + "/o", "--keep", "periods"])
    #expect(redo.status == 0 && redo.stderr.contains("are missing; the run is redone") && redo.stderr.contains("sweep: 1 runs in "), "\(redo.stderr)")
    #expect(BinaryRunner.read(dir + "/o/periods.csv") == BinaryRunner.read(dir + "/fresh/periods.csv"))
    _ = try sweepFile(dir, replications: 3, rates: "[0.5, 0.7]")
    let fewer = try sweep([file, "--out", dir + "/o", "--keep", "periods"])
    #expect(fewer.status == 2 && fewer.stderr.contains("but point 1 (queue.arrivalRate=0.6, queue.customers=3000.0) is not in the new design"))
    _ = try sweepFile(dir, replications: 3, rates: "[0.5, 0.6, 0.7]", reference: "0.7")
    let moved = try sweep([file, "--out", dir + "/o", "--keep", "periods"])
    #expect(moved.stderr == "error: \(dir)/o: holds an earlier run of \(file), but its reference point changed; a sweep, finished or not, can only "
            + "be extended with more replications or more points — choose another --out, or use --force to start over\n")
  }

  @Test func extendedShardsMergeIntoTheExtendedSweep() throws {
    let dir = BinaryRunner.scratch("ergo-extend-shards")
    let file = try sweepFile(dir, replications: 2, rates: "[0.5, 0.7]")
    for k in 0..<2 { #expect(try sweep([file, "--shard", "\(k)/2", "--out", dir + "/s\(k)"]).status == 0) }
    _ = try sweepFile(dir, replications: 3, rates: "[0.5, 0.6, 0.7]")
    // each run keeps its shard as the design grows: the shards run the 5 new runs between them
    var executed = 0
    for k in 0..<2 {
      let r = try BinaryRunner.run(["sweep", file, "--shard", "\(k)/2", "--out", dir + "/s\(k)"])
      #expect(r.status == 0, "\(r.stderr)")
      executed += Int(r.stderr.split(separator: "sweep: ").last?.split(separator: " ").first ?? "") ?? -100
    }
    #expect(executed == 5)
    // a shard folder run as another shard, and reported before a merge: what to do instead
    let other = try BinaryRunner.run(["sweep", file, "--shard", "1/2", "--out", dir + "/s0"])
    #expect(other.status == 2 && other.stderr == "error: \(dir)/s0: was run as shard 0/2, not shard 1/2; give each shard its own --out, "
            + "or use --force to start this folder over\n", "\(other.stderr)")
    let early = try BinaryRunner.run(["report", dir + "/s0"])
    #expect(early.status == 2 && early.stderr.contains("a sweep with no aggregate.csv yet — one shard: merge the shards"), "\(early.stderr)")
    #expect(try BinaryRunner.run(["merge", dir + "/s0", dir + "/s1", "--out", dir + "/m"]).status == 0)
    #expect(try sweep([file, "--out", dir + "/one"]).status == 0)
    for f in ["runs.csv", "aggregate.csv", "aggregate_long.csv", "sweep.json"] {
      #expect(BinaryRunner.read(dir + "/m/" + f) == BinaryRunner.read(dir + "/one/" + f), "\(f)")
    }
  }

  @Test func anotherVersionIsRefusedUnlessAllowedAndThenRecorded() throws {
    let dir = BinaryRunner.scratch("ergo-version")
    let file = try sweepFile(dir, replications: 2, rates: "[0.5]")
    #expect(try sweep([file, "--out", dir + "/o"]).status == 0)
    let json = BinaryRunner.read(dir + "/o/sweep.json")
    let version = try BinaryRunner.run(["--version"]).stdout.split(separator: " ")[1].trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(json.contains("\"version\": \"\(version)\""))
    try json.replacingOccurrences(of: "\"version\": \"\(version)\"", with: "\"version\": \"0.0.1\"")
      .write(toFile: dir + "/o/sweep.json", atomically: true, encoding: .utf8)
    let refused = try sweep([file, "--out", dir + "/o"])
    #expect(refused.status == 2 && refused.stderr == "error: \(dir)/o: was swept by datamarket 0.0.1, this is datamarket \(version); "
            + "use --allow-version-change to continue it anyway (recorded in sweep.json), or choose another --out\n")
    #expect(try sweep([file, "--out", dir + "/o", "--allow-version-change"]).status == 0)
    #expect(BinaryRunner.read(dir + "/o/sweep.json").contains("\"version_changes\": [\n    \"0.0.1 → \(version)\"\n  ]"))
    #expect(try sweep([file, "--out", dir + "/o"]).status == 0)
    // a folder of a datamarket that recorded no version (and had another sweep.json format)
    try BinaryRunner.read(dir + "/o/sweep.json").replacingOccurrences(of: "\"version\": \"\(version)\"", with: "\"versio\": \"\"")
      .write(toFile: dir + "/o/sweep.json", atomically: true, encoding: .utf8)
    let old = try sweep([file, "--out", dir + "/o", "--allow-version-change"])
    #expect(old.status == 2 && old.stderr.contains("records no version") && old.stderr.contains("use --force to start over"))
  }

  @Test func setAppliesToEveryPointAndIsRecorded() throws {
    let dir = BinaryRunner.scratch("ergo-set")
    let file = try sweepFile(dir, replications: 1, rates: "[0.5, 0.7]")
    #expect(try sweep([file, "--out", dir + "/o", "--set", "queue.serviceRate=2"]).status == 0)
    #expect(BinaryRunner.read(dir + "/o/sweep.json").contains("\"set\": [\n    \"queue.serviceRate=2\"\n  ]"))
    let utilization = lines(dir + "/o/aggregate_long.csv").filter { $0.contains(",utilization,") }.map { $0.split(separator: ",")[5] }
    #expect(utilization == ["0.25", "0.35"])
    let bad = try sweep([file, "--out", dir + "/b", "--set", "queue.servceRate=2"])
    #expect(bad.status == 2 && bad.stderr.hasPrefix("error: --set queue.servceRate=2: $.queue.servceRate: unknown key"))
    let clash = try sweep([file, "--out", dir + "/b", "--set", "queue.arrivalRate=0.1"])
    #expect(clash.status == 2 && clash.stderr.contains("queue.arrivalRate is a parameter of the sweep"))
  }

  @Test func keepPeriodsGathersEveryRunsSeriesAlsoThroughMerge() throws {
    let dir = BinaryRunner.scratch("ergo-periods")
    let file = try sweepFile(dir, replications: 2, rates: "[0.5, 0.7]")
    let set = ["--set", "queue.periodLength=1000"]
    #expect(try sweep([file, "--out", dir + "/o", "--keep", "periods"] + set).status == 0)
    let periods = lines(dir + "/o/periods.csv")
    #expect(periods[0].hasPrefix("point,replicate,queue.arrivalRate,queue.customers,period,"))
    // point 0, replicate 0's rows are, after the leading columns, the periods.csv of that run alone
    let seed = String(lines(dir + "/o/runs.csv")[1].split(separator: ",")[2])
    let lone = try BinaryRunner.run(["run", "\(root)/scenarios/mm1.json", "--seed", seed, "--set", "queue.customers=3000",
                                     "--set", "queue.arrivalRate=0.5"] + set + ["--out", dir + "/one", "--quiet"])
    #expect(lone.status == 0, "\(lone.stderr)")
    let own = lines(dir + "/one/periods.csv")
    #expect(own.count > 1)
    #expect(periods.filter { $0.hasPrefix("0,0,0.5,3000,") }.map { $0.dropFirst("0,0,0.5,3000,".count) } == own.dropFirst().map { $0 })
    #expect(periods.count > 1 && periods.last!.hasPrefix("1,1,0.7,3000,"))
    let runs = Set(periods.dropFirst().map { $0.split(separator: ",").prefix(2).joined(separator: ",") })
    #expect(runs == ["0,0", "0,1", "1,0", "1,1"])
    for k in 0..<2 { #expect(try sweep([file, "--keep", "periods", "--shard", "\(k)/2", "--out", dir + "/s\(k)"] + set).status == 0) }
    #expect(try BinaryRunner.run(["merge", dir + "/s0", dir + "/s1", "--out", dir + "/m"]).status == 0)
    #expect(BinaryRunner.read(dir + "/m/periods.csv") == BinaryRunner.read(dir + "/o/periods.csv"))
    #expect(BinaryRunner.read(dir + "/m/aggregate_long.csv") == BinaryRunner.read(dir + "/o/aggregate_long.csv"))
    let bad = try sweep([file, "--out", dir + "/b", "--keep", "trades"])
    #expect(bad.status == 2 && bad.stderr.contains("invalid for '--keep': expected periods"))
  }
}
