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

  /// Writing through a symbolic link replaces its target's contents and keeps the link, a
  /// relative link's target is found against the link's folder, and a dangling link creates its
  /// target.
  @Test func aSymbolicLinkIsFollowedAndKept() throws {
    try AtomicFile.createDirectory(folder + "/links/real")
    let target = folder + "/links/real/target.csv", link = folder + "/links/link.csv"
    try AtomicFile.write("old\n", to: target)
    unlink(link)
    #expect(symlink("real/target.csv", link) == 0)
    try AtomicFile.write("new\n", to: link)
    var st = stat()
    #expect(lstat(link, &st) == 0 && st.st_mode & S_IFMT == S_IFLNK)   // still a link
    #expect(try readFile(target) == "new\n")
    let dangling = folder + "/links/dangling.csv", missing = folder + "/links/real/created.csv"
    unlink(dangling); unlink(missing)
    #expect(symlink(missing, dangling) == 0)
    try AtomicFile.write("made\n", to: dangling)
    #expect(lstat(dangling, &st) == 0 && st.st_mode & S_IFMT == S_IFLNK)
    #expect(try readFile(missing) == "made\n")
  }

  /// A device (here /dev/null) is written in place, not replaced by a regular file; a folder is
  /// refused with its name; descriptor aliases such as /dev/stdout are never renamed over.
  @Test func devicesAreWrittenInPlaceAndFoldersRefused() throws {
    try AtomicFile.write("discarded\n", to: "/dev/null")
    var st = stat()
    #expect(stat("/dev/null", &st) == 0 && st.st_mode & S_IFMT == S_IFCHR)
    #expect(try AtomicFile.destination(of: "/dev/null") == ("/dev/null", true))
    #expect(try AtomicFile.destination(of: "/dev/stdout").inPlace)
    #expect(try AtomicFile.destination(of: "/dev/fd/1").inPlace)
    #expect(AtomicFile.descriptorNumber(of: "/dev/stdout") == 1 && AtomicFile.descriptorNumber(of: "/dev/stderr") == 2)
    #expect(AtomicFile.descriptorNumber(of: "/dev/fd/7") == 7 && AtomicFile.descriptorNumber(of: "/proc/self/fd/12") == 12)
    #expect(AtomicFile.descriptorNumber(of: "out/x.csv") == nil && AtomicFile.descriptorNumber(of: "/dev/fd/x") == nil)
    try AtomicFile.createDirectory(folder + "/afolder")
    #expect(throws: OutputError.cannotWrite(path: folder + "/afolder", reason: "it is a folder; expected a file")) {
      try AtomicFile.write("x", to: folder + "/afolder")
    }
  }

  /// A link loop is an error, not a hang.
  @Test func aLinkLoopIsAnError() throws {
    try AtomicFile.createDirectory(folder + "/loop")
    let a = folder + "/loop/a", b = folder + "/loop/b"
    unlink(a); unlink(b)
    #expect(symlink(b, a) == 0 && symlink(a, b) == 0)
    #expect(throws: OutputError.cannotWrite(path: a, reason: "too many levels of symbolic links")) { try AtomicFile.write("x", to: a) }
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
