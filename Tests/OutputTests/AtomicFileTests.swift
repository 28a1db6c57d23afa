import Foundation
import Testing
@testable import Output
#if canImport(Glibc)
import Glibc
#endif

func getpidSafe() -> Int32 { getpid() }

/// A scratch folder under the system's temporary directory (TMPDIR).
func scratchFolder(_ name: String) -> String {
  let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? NSTemporaryDirectory()
  return (base.hasSuffix("/") ? base : base + "/") + "datamarket-\(name)-\(getpidSafe())"
}

func readFile(_ path: String) throws -> String {
  guard let f = fopen(path, "r") else { throw OutputError.cannotWrite(path: path, reason: "cannot open") }
  defer { fclose(f) }
  var out = [UInt8]()
  var buffer = [UInt8](repeating: 0, count: 4096)
  while true {
    let n = fread(&buffer, 1, 4096, f)
    if n <= 0 { break }
    out.append(contentsOf: buffer[0..<n])
  }
  return String(decoding: out, as: UTF8.self)
}

@Suite struct AtomicFileTests {
  let folder = scratchFolder("atomic")

  @Test func writesAndReplacesWholeFiles() throws {
    try AtomicFile.createDirectory(folder + "/a/b")
    let path = folder + "/a/b/out.csv"
    try AtomicFile.write("first\n", to: path)
    try AtomicFile.write("second\n", to: path)
    #expect(try readFile(path) == "second\n")
    #expect(access(AtomicFile.temporaryPath(for: path), F_OK) != 0)  // no temp file left
  }

  @Test func aFailedWriteLeavesTheOldFileIntact() throws {
    try AtomicFile.createDirectory(folder)
    let path = folder + "/keep.csv"
    try AtomicFile.write("old\n", to: path)
    // The temporary file cannot be created inside a missing folder: the target must survive.
    #expect(throws: OutputError.self) { try AtomicFile.write("new\n", to: folder + "/missing/keep.csv") }
    #expect(try readFile(path) == "old\n")
  }

  @Test func temporaryFileSitsBesideTheTarget() {
    let t = AtomicFile.temporaryPath(for: "results/x/summary.csv")
    #expect(t.hasPrefix("results/x/.summary.csv."))
    #expect(t.hasSuffix(".tmp"))
  }

  /// Two outputs never share a temporary file, even two of the same target in one process.
  @Test func temporaryPathsAreUniquePerCall() {
    let a = AtomicFile.temporaryPath(for: "out/trades.csv"), b = AtomicFile.temporaryPath(for: "out/trades.csv")
    let c = AtomicFile.temporaryPath(for: "out/events.csv")
    #expect(a != b && a != c && b != c)
    #expect(a.hasPrefix("out/.trades.csv.\(getpid()).") && c.hasPrefix("out/.events.csv.\(getpid())."))
  }

  @Test func runMetadataIsDeterministicJSON() {
    let m = RunMetadata(version: "1", scenarioName: "s", scenarioFile: "f.json", scenarioHash: RunMetadata.hash("x"),
                        seed: 7, overrides: ["a.b=1"], eventsProcessed: 10, wallSeconds: 0.5)
    #expect(JSONText.render(m.json) == """
    {
      "version": "1",
      "scenario": "s",
      "scenario_file": "f.json",
      "scenario_hash": "af63f54c86021707",
      "seed": "7",
      "overrides": [
        "a.b=1"
      ],
      "events_processed": 10,
      "wall_seconds": 0.5
    }
    """)
    #expect(JSONText.quote("a\"b\\\n\u{1}") == "\"a\\\"b\\\\\\n\\u0001\"")
  }
}
