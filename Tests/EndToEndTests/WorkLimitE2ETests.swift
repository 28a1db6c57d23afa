import Foundation
import Testing

/// Issue 15 (A): `validate` prints the work estimate; `run` and sweeps refuse work above the limits.
@Suite struct WorkLimitE2ETests {
  @Test func validatePrintsTheEstimateNextToOk() throws {
    let r = try BinaryRunner.run(["validate", "scenarios/mm1.json"])
    #expect(r.status == 0)
    #expect(r.stdout == "scenarios/mm1.json: ok (mm1, mm1; ≈ 400022 events, 200000 entities, 65.0 KB peak memory)\n")
  }

  @Test func runRefusesAboveTheLimitsWithOneErrorLine() throws {
    let out = BinaryRunner.scratch("limit-refused")
    let r = try BinaryRunner.run(["run", "scenarios/mm1.json", "--set", "queue.customers=9000000000000", "--out", out])
    #expect(r.status == 2)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr == "error: scenarios/mm1.json: the run would handle ≈ 1.8e13 events, above the limit of 2e9 (driven by "
            + "queue.customers); lower them, raise the event limit with --max-events N, or ignore the limits with --ignore-limits\n")
    #expect(!FileManager.default.fileExists(atPath: out + "/summary.csv"))
  }

  @Test func maxEventsMovesTheLimitAndIgnoreLimitsIgnoresIt() throws {
    let args = ["run", "scenarios/mm1.json", "--set", "queue.customers=1000", "--quiet"]
    let low = try BinaryRunner.run(args + ["--out", BinaryRunner.scratch("limit-low"), "--max-events", "100"])
    #expect(low.status == 2 && low.stderr.contains("events, above the limit of 100 (driven by queue.customers)"))
    let raised = try BinaryRunner.run(args + ["--out", BinaryRunner.scratch("limit-raised"), "--max-events", "100000"])
    #expect(raised.status == 0, "\(raised.stderr)")
    let ignored = try BinaryRunner.run(args + ["--out", BinaryRunner.scratch("limit-ignored"), "--max-events", "100", "--ignore-limits"])
    #expect(ignored.status == 0, "\(ignored.stderr)")
    // --force replaces an output folder; it does not lift the limits
    let forced = try BinaryRunner.run(args + ["--out", BinaryRunner.scratch("limit-forced"), "--max-events", "100", "--force"])
    #expect(forced.status == 2 && forced.stderr.contains("above the limit of 100"), "\(forced.stderr)")
    let bad = try BinaryRunner.run(args + ["--max-events", "0"])
    #expect(bad.status == 2 && bad.stderr.hasPrefix("error: the value '0' is invalid for '--max-events'"))
  }

  @Test func aSweepPointAboveTheLimitsFailsBeforeAnyRun() throws {
    let dir = BinaryRunner.scratch("limit-sweep")
    let file = dir + "/big.json"
    try """
    { base: "\(BinaryRunner.packageRoot.path)/scenarios/mm1.json", parameters: { "queue.customers": { values: [1000, 9000000000000] } } }
    """.write(toFile: file, atomically: true, encoding: .utf8)
    let r = try BinaryRunner.run(["validate", file])
    #expect(r.status == 2)
    #expect(r.stderr.hasPrefix("error: \(file): design point 1 (queue.customers=9000000000000.0): expected a run within the work limits, "
                               + "found the run would handle ≈ 1.8e13 events"))
  }
}
