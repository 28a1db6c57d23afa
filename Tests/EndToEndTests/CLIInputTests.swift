import Foundation
import Testing

/// Issue 15: command-line inputs that used to exit 0, blame the wrong option or print huge errors.
@Suite struct CLIInputTests {
  @Test func bareDatamarketPrintsTheOverviewToStderrAndExits2() throws {
    let r = try BinaryRunner.run([])
    #expect(r.status == 2 && r.stdout.isEmpty && r.stderr.hasPrefix("OVERVIEW: DataMarketSim"))
  }

  @Test func seedOptionHasTheScenarioRange() throws {
    let big = try BinaryRunner.run(["run", "scenarios/mm1.json", "--seed", "9007199254740994"])
    #expect(big.status == 2)
    #expect(big.stderr == "error: the value '9007199254740994' is invalid for '--seed': expected an integer in [0, 9007199254740992]\nSee 'datamarket help run'.\n")
    let negative = try BinaryRunner.run(["run", "scenarios/mm1.json", "--seed", "-3"])
    #expect(negative.status == 2 && negative.stderr.hasPrefix("error: the value '-3' is invalid for '--seed': expected an integer in [0, "))
  }

  /// An integer option's message gives both bounds, so a value above the top is explained.
  @Test func integerOptionsNameTheirUpperBound() throws {
    let jobs = try BinaryRunner.run(["sweep", "scenarios/sweeps/mm1-grid.json", "--jobs", "10000"])
    #expect(jobs.status == 2 && jobs.stderr.hasPrefix("error: the value '10000' is invalid for '--jobs': expected an integer in [1, 4096]\n"),
            "\(jobs.stderr)")
  }

  /// `bench market --only NAME` runs that one row (how the national figure is timed alone); a
  /// name it does not know, or a group other than market, is a usage error.
  @Test func benchOnlyRunsOneMarketRow() throws {
    let one = try BinaryRunner.run(["bench", "market", "--quick", "--csv", "--only", "shapley-exact-10"])
    let rows = one.stdout.split(separator: "\n").dropFirst()
    #expect(one.status == 0 && rows.count == 1 && rows.first?.hasPrefix("market,shapley-exact-10,2000,") == true, "\(one.stdout)")
    let unknown = try BinaryRunner.run(["bench", "market", "--only", "nationwide"])
    #expect(unknown.status == 2 && unknown.stderr.hasPrefix("error: unknown market benchmark 'nationwide': expected one of shapley-exact-10, "))
    let kernel = try BinaryRunner.run(["bench", "kernel", "--only", "national"])
    #expect(kernel.status == 2 && kernel.stderr.hasPrefix("error: --only names a market benchmark: use it with 'bench market', not 'kernel'"))
  }

  @Test func slurmTaskIdOutOfRangeSaysSo() throws {
    for id in ["7", "x", "-1"] {
      let r = try BinaryRunner.run(["sweep", "scenarios/sweeps/mm1-grid.json", "--shard", "auto/4"], environment: ["SLURM_ARRAY_TASK_ID": id])
      #expect(r.status == 2)
      #expect(r.stderr.hasPrefix("error: SLURM_ARRAY_TASK_ID=\(id) is out of range for '--shard auto/4': expected an integer in [0, 3]\n"), "\(r.stderr)")
    }
  }

  @Test func aHundredThousandDigitSetValueGivesAShortError() throws {
    let digits = String(repeating: "9", count: 100_000)
    let r = try BinaryRunner.run(["validate", "scenarios/mm1.json", "--set", "queue.customers=" + digits])
    #expect(r.status == 2 && r.stderr.count < 200 && r.stderr.hasSuffix("…\n"), "\(r.stderr.prefix(300))")
    let deep = try BinaryRunner.run(["validate", "scenarios/mm1.json", "--set", "queue.customers=" + String(repeating: "[", count: 100_000)])
    #expect(deep.status == 2 && deep.stderr.hasSuffix(":1:257: expected at most 256 nested arrays and objects, found a deeper one\n"))
  }
}
