import Foundation
import Testing

/// Issue 15 (B): `run --check-invariants` checks every event and leaves the results unchanged.
@Suite struct InvariantsE2ETests {
  @Test(arguments: [
    ["scenarios/baseline.json", "--set", "market.periods=8", "--set", "market.warmupPeriods=2"],
    ["scenarios/canonical/gs1.json"],
    ["scenarios/mm1.json", "--set", "queue.customers=5000"],
  ])
  func checkedRunsWriteTheSameFiles(args: [String]) throws {
    let tag = URL(fileURLWithPath: args[0]).deletingPathExtension().lastPathComponent
    let plain = BinaryRunner.scratch("inv-plain-" + tag), checked = BinaryRunner.scratch("inv-checked-" + tag)
    let a = try BinaryRunner.run(["run"] + args + ["--quiet", "--out", plain])
    let b = try BinaryRunner.run(["run"] + args + ["--quiet", "--check-invariants", "--out", checked])
    #expect(a.status == 0 && b.status == 0, "\(b.stderr)")
    for f in ["summary.csv", "periods.csv"] {
      #expect(BinaryRunner.read(plain + "/" + f) == BinaryRunner.read(checked + "/" + f), "\(f) differs with --check-invariants")
    }
  }
}
