import Foundation
import Testing

/// `datamarket analyze` through the binary: a Sobol sweep of Ishigami's function and a Morris
/// sweep of the g-function give their known answers in `sensitivity.csv`; bad folders exit 2
/// with one `error:` line; and the `testFunction` verification kind runs and documents its keys.
@Suite(.serialized) struct SensitivityTests {
  func sweep(_ file: String, _ out: String) throws -> BinaryRunner.Result {
    try BinaryRunner.run(["sweep", file, "--out", out, "--quiet", "--jobs", "2"])
  }

  /// sensitivity.csv as [metric|parameter|index: (estimate, low, high)].
  func table(_ dir: String) -> [String: (Double, Double, Double)] {
    var out: [String: (Double, Double, Double)] = [:]
    for line in BinaryRunner.read(dir + "/sensitivity.csv").split(separator: "\n").dropFirst() {
      let c = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      out[c[0] + "|" + c[1] + "|" + c[2]] = (Double(c[3]) ?? .nan, Double(c[4]) ?? .nan, Double(c[5]) ?? .nan)
    }
    return out
  }

  @Test func aSobolSweepOfIshigamiFindsItsIndices() throws {
    let dir = BinaryRunner.scratch("sens-ishigami")
    #expect(try sweep("scenarios/testfunctions/ishigami-sobol.json", dir).status == 0)
    let r = try BinaryRunner.run(["analyze", dir])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("Sobol indices") && r.stdout.contains("inputs.x1") && r.stdout.contains("wrote \(dir)/sensitivity.csv"))
    let csv = BinaryRunner.read(dir + "/sensitivity.csv")
    #expect(csv.hasPrefix("metric,parameter,index,estimate,ci95_low,ci95_high\ny,inputs.x1,S1,"))
    let t = table(dir)
    #expect(t.count == 3 * 2 + 2 && t["y||n"]?.0 == 256)
    let known: [(String, Double)] = [("inputs.x1|S1", 0.3139), ("inputs.x2|S1", 0.4424), ("inputs.x3|S1", 0),
                                      ("inputs.x1|ST", 0.5576), ("inputs.x2|ST", 0.4424), ("inputs.x3|ST", 0.2437)]
    for (key, value) in known {
      let e = try #require(t["y|" + key])
      #expect(abs(e.0 - value) < 0.06 && e.1 <= value && value <= e.2, "\(key): \(e), analytic \(value)")
    }
    // deterministic: analysing again gives the same bytes
    #expect(try BinaryRunner.run(["analyze", dir]).status == 0)
    #expect(BinaryRunner.read(dir + "/sensitivity.csv") == csv)
    // the folder's report is the sensitivity page: y's indices charted per parameter
    #expect(try BinaryRunner.run(["report", dir]).status == 0)
    let page = BinaryRunner.read(dir + "/report.html")
    #expect(page.contains("sensitivity report") && page.contains("P1 = inputs.x1") && page.contains("<svg") && page.contains(">ST<"), "\(page.prefix(400))")
  }

  @Test func aMorrisSweepOfTheGFunctionRanksItsInputs() throws {
    let dir = BinaryRunner.scratch("sens-morris")
    #expect(try sweep("scenarios/testfunctions/gfunction-morris.json", dir).status == 0)
    let r = try BinaryRunner.run(["analyze", dir, "--top", "4"])
    #expect(r.status == 0, "\(r.stderr)")
    let t = table(dir)
    let stars = (1...4).map { t["y|inputs.x\($0)|mu_star"]?.0 ?? .nan }
    #expect(stars[0] > stars[1] && stars[1] > stars[2] && stars[2] > stars[3], "mu* = \(stars)")
    #expect(t["y||n"]?.0 == 50 && t["y|inputs.x1|sigma"] != nil && t["y|inputs.x1|mu"] != nil)
    // runs done after the analysis (here the journal's last run, lost and redone) leave no stale
    // indices behind: sensitivity.csv goes until analyze runs again
    let journal = BinaryRunner.read(dir + "/journal.csv")
    try String(journal.split(separator: "\n").dropLast().joined(separator: "\n") + "\n")
      .write(toFile: dir + "/journal.csv", atomically: true, encoding: .utf8)
    #expect(try sweep("scenarios/testfunctions/gfunction-morris.json", dir).status == 0)
    #expect(!FileManager.default.fileExists(atPath: dir + "/sensitivity.csv"))
  }

  @Test func badFoldersExitTwoWithOneErrorLine() throws {
    let none = BinaryRunner.scratch("sens-none")
    let a = try BinaryRunner.run(["analyze", none])
    #expect(a.status == 2 && a.stderr == "error: \(none): not a sweep folder (no readable sweep.json)\n")

    let grid = BinaryRunner.scratch("sens-grid")
    #expect(try sweep("scenarios/sweeps/mm1-grid.json", grid).status == 0)
    let b = try BinaryRunner.run(["analyze", grid])
    #expect(b.status == 2 && b.stderr.hasPrefix("error: \(grid)/sweep.json: design \"grid\" is not a sensitivity design"), "\(b.stderr)")

    let cut = BinaryRunner.scratch("sens-cut")
    #expect(try sweep("scenarios/testfunctions/gfunction-morris.json", cut).status == 0)
    try FileManager.default.removeItem(atPath: cut + "/runs.csv")
    let c = try BinaryRunner.run(["analyze", cut])
    #expect(c.status == 2 && c.stderr.hasPrefix("error: \(cut): no runs.csv — the sweep is unfinished"), "\(c.stderr)")

    let runs = BinaryRunner.read(grid + "/runs.csv")
    let short = BinaryRunner.scratch("sens-short")
    #expect(try sweep("scenarios/testfunctions/gfunction-morris.json", short).status == 0)
    let lines = BinaryRunner.read(short + "/runs.csv").split(separator: "\n")
    try (lines.dropLast(3).joined(separator: "\n") + "\n").write(toFile: short + "/runs.csv", atomically: true, encoding: .utf8)
    let d = try BinaryRunner.run(["analyze", short])
    #expect(d.status == 2 && d.stderr == "error: \(short)/runs.csv: point 247 has no run — the sweep is unfinished or its runs failed (see failures.csv)\n", "\(d.stderr)")

    try runs.write(toFile: short + "/runs.csv", atomically: true, encoding: .utf8)
    let e = try BinaryRunner.run(["analyze", short])
    #expect(e.status == 2 && e.stderr.hasPrefix("error: \(short)/runs.csv: line 1: expected point,replicate,seed,inputs.x1,"), "\(e.stderr)")
    #expect(!FileManager.default.fileExists(atPath: short + "/sensitivity.csv"))

    let json = BinaryRunner.read(cut + "/sweep.json")
    #expect(json.contains("\"delta\": 0.6666666666666666"))
    try json.replacingOccurrences(of: "\"delta\": 0.6666666666666666", with: "\"delta\": -1").write(toFile: cut + "/sweep.json", atomically: true, encoding: .utf8)
    let g = try BinaryRunner.run(["analyze", cut])
    #expect(g.status == 2 && g.stderr == "error: \(cut)/sweep.json: $.sensitivity: expected delta and steps\n", "\(g.stderr)")

    let f = try BinaryRunner.run(["analyze", cut, "--top", "0"])
    #expect(f.status == 2 && f.stderr.contains("--top: expected an integer from 1 to 1000000, found '0'"))
    // one resample would give a point, not an interval
    let few = try BinaryRunner.run(["analyze", none, "--resamples", "1"])
    #expect(few.status == 2 && few.stderr.contains("--resamples: expected an integer from 100 to 1000000, found '1'"))
  }

  @Test func theTestFunctionKindRunsAndDocumentsItself() throws {
    let dir = BinaryRunner.scratch("sens-kind")
    let r = try BinaryRunner.run(["run", "scenarios/testfunctions/ishigami.json", "--set", "inputs.x1=1", "--set", "inputs.x2=0.5", "--out", dir])
    #expect(r.status == 0, "\(r.stderr)")
    let y = sin(1.0) + 7 * sin(0.5) * sin(0.5)
    #expect(BinaryRunner.read(dir + "/summary.csv") == "scenario,seed,overrides,y\nishigami,1,inputs.x1=1;inputs.x2=0.5,\(y)\n")
    let keys = try BinaryRunner.run(["keys", "testFunction"])
    #expect(keys.status == 0 && keys.stdout.contains("verification kind") && keys.stdout.contains("inputs.x16"))
    let bad = try BinaryRunner.run(["validate", "scenarios/testfunctions/gfunction.json", "--set", "coefficients=[1, -2]"])
    #expect(bad.status == 2 && bad.stderr.contains("$.coefficients[1]: expected a number ≥ 0"), "\(bad.stderr)")
  }
}
