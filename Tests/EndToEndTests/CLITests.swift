import Foundation
import Testing

@Suite struct CLITests {
  @Test func versionAndHelp() throws {
    let v = try BinaryRunner.run(["--version"])
    #expect(v.status == 0 && v.stdout == "datamarket 0.1.0\n" && v.stderr.isEmpty)
    let h = try BinaryRunner.run(["--help"])
    #expect(h.status == 0 && h.stdout.contains("SUBCOMMANDS:") && h.stdout.contains("run "))
    let rh = try BinaryRunner.run(["run", "--help"])
    #expect(rh.status == 0 && rh.stdout.hasPrefix("OVERVIEW: Run one scenario") && rh.stdout.contains("--seed <N>"))
    let hr = try BinaryRunner.run(["help", "run"])
    #expect(hr.stdout == rh.stdout)
    // `help help` and `help --help` print the overview (help is listed among the subcommands)
    for topic in ["help", "--help"] {
      let hh = try BinaryRunner.run(["help", topic])
      #expect(hh.status == 0 && hh.stdout == h.stdout, "help \(topic): \(hh.status) \(hh.stderr)")
    }
  }

  @Test func unknownOptionGetsADidYouMeanAndExit2() throws {
    let r = try BinaryRunner.run(["run", "scenarios/mm1.json", "--sed", "3"])
    #expect(r.status == 2)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr == "error: unknown option '--sed' (did you mean '--seed'?)\nSee 'datamarket help run'.\n")
  }

  @Test func unknownSubcommandAndMissingArguments() throws {
    let r = try BinaryRunner.run(["rnu"])
    #expect(r.status == 2 && r.stderr.hasPrefix("error: unknown subcommand 'rnu' (did you mean 'run'?)\n"))
    let m = try BinaryRunner.run(["run"])
    #expect(m.status == 2 && m.stderr.hasPrefix("error: missing expected argument"))
    let s = try BinaryRunner.run(["run", "scenarios/mm1.json", "--seed", "x"])
    #expect(s.status == 2 && s.stderr.hasPrefix("error: the value 'x' is invalid for '--seed'"))
  }

  @Test func missingScenarioFileExits2NamingIt() throws {
    let r = try BinaryRunner.run(["run", "scenarios/nope.json"])
    #expect(r.status == 2)
    #expect(r.stderr == "error: scenarios/nope.json: cannot read: no such file\n")
  }

  @Test func runWritesFilesAndIsByteIdenticalAcrossRuns() throws {
    let a = BinaryRunner.scratch("det-a"), b = BinaryRunner.scratch("det-b")
    let args = ["run", "scenarios/mm1.json", "--set", "queue.customers=20000", "--quiet"]
    let ra = try BinaryRunner.run(args + ["--out", a])
    let rb = try BinaryRunner.run(args + ["--out", b])
    #expect(ra.status == 0 && rb.status == 0 && ra.stdout.isEmpty, "\(ra.stderr)")
    for f in ["summary.csv", "periods.csv"] {
      #expect(BinaryRunner.read(a + "/" + f) == BinaryRunner.read(b + "/" + f), "\(f) differs between identical runs")
    }
    #expect(BinaryRunner.read(a + "/summary.csv").hasPrefix("scenario,seed,overrides,customers,"))
    #expect(BinaryRunner.read(a + "/run.json").contains("\"overrides\": [\n    \"queue.customers=20000\"\n  ]"))
    let other = BinaryRunner.scratch("det-c")
    _ = try BinaryRunner.run(args + ["--out", other, "--seed", "2"])
    #expect(BinaryRunner.read(a + "/summary.csv") != BinaryRunner.read(other + "/summary.csv"))
  }

  @Test func checkReportsTheFirstDifferingLine() throws {
    let a = BinaryRunner.scratch("check-a")
    let args = ["run", "scenarios/mm1.json", "--set", "queue.customers=5000", "--quiet"]
    #expect(try BinaryRunner.run(args + ["--out", a]).status == 0)
    let same = try BinaryRunner.run(args + ["--out", BinaryRunner.scratch("check-b"), "--check", a])
    #expect(same.status == 0, "\(same.stderr)")
    let diff = try BinaryRunner.run(args + ["--out", BinaryRunner.scratch("check-c"), "--seed", "9", "--check", a])
    #expect(diff.status == 1)
    #expect(diff.stderr.contains("differs from \(a)/summary.csv at line 2:\n  expected: mm1,1,"))
  }
}
