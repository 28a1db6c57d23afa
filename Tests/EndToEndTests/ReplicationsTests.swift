import Foundation
import Testing

/// `run SCENARIO --replications N`: N seeds with common random numbers as a one-point sweep, the
/// per-seed summaries and the aggregate written, each metric's mean and CI printed.
@Suite struct ReplicationsTests {
  @Test func replicationsWriteEverySeedAndTheAggregate() throws {
    let a = BinaryRunner.scratch("replications-a"), b = BinaryRunner.scratch("replications-b")
    let args = ["run", "scenarios/mm1.json", "--set", "queue.customers=3000", "--replications", "4"]
    let r = try BinaryRunner.run(args + ["--out", a, "--force"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("4 replications") && r.stdout.contains("mean_wait") && r.stdout.contains("["))
    let runs = BinaryRunner.read(a + "/runs.csv").split(separator: "\n")
    #expect(runs.count == 5)                                   // header + 4 seeds
    #expect(runs.dropFirst().map { $0.split(separator: ",")[2] }.count == 4)
    let aggregate = BinaryRunner.read(a + "/aggregate.csv")
    #expect(aggregate.contains("mean_wait_ci95_low") && aggregate.split(separator: "\n").count == 2)
    // the same command gives the same files
    #expect(try BinaryRunner.run(args + ["--out", b, "--force", "--quiet"]).status == 0)
    #expect(BinaryRunner.read(b + "/runs.csv") == BinaryRunner.read(a + "/runs.csv"))
    #expect(BinaryRunner.read(b + "/aggregate.csv") == aggregate)
  }

  @Test func zeroReplicationsIsAUsageError() throws {
    let r = try BinaryRunner.run(["run", "scenarios/mm1.json", "--replications", "0"])
    #expect(r.status == 2 && r.stderr.contains("--replications"))
  }
}
