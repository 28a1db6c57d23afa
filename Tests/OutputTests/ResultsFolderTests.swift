import Foundation
import Testing
@testable import Output

/// Issue 15: a results folder is written whole, marked, never mixed with another command's or
/// sweep's files, and locked while a sweep writes into it.
@Suite(.serialized) struct ResultsFolderTests {
  let dir: String = {
    let d = NSTemporaryDirectory() + "datamarket-folders-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
    try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
    return d
  }()

  func names(_ path: String) -> [String] { FolderTree.names(path) ?? ["<missing>"] }

  struct Boom: Error {}

  @Test func buildReplacesTheWholeFolder() throws {
    let out = dir + "/run"
    try ResultsFolder.build(out, as: FolderMarker(kind: .run), force: false) { t throws(OutputError) in
      try AtomicFile.write("a", to: t + "/summary.csv"); try AtomicFile.write("t", to: t + "/trades.csv")
    }
    try ResultsFolder.build(out, as: FolderMarker(kind: .run), force: false) { t throws(OutputError) in
      try AtomicFile.write("b", to: t + "/summary.csv")
    }
    #expect(names(out) == [".datamarket", "summary.csv"])
    #expect(names(dir) == ["run"])  // no temporary or old sibling left
    #expect(FolderMarker.read(folder: out) == FolderMarker(kind: .run))
  }

  @Test func aFailureMidWayLeavesTheOldFolderUntouched() throws {
    let out = dir + "/fail"
    try ResultsFolder.build(out, as: FolderMarker(kind: .run), force: false) { t throws(OutputError) in
      try AtomicFile.write("old", to: t + "/summary.csv")
    }
    #expect(throws: OutputError.self) {
      try ResultsFolder.build(out, as: FolderMarker(kind: .run), force: false) { t throws(OutputError) in
        try AtomicFile.write("new", to: t + "/summary.csv")
        throw OutputError.cannotWrite(path: t + "/periods.csv", reason: "disk full")
      }
    }
    #expect(try String(contentsOfFile: out + "/summary.csv", encoding: .utf8) == "old")
    #expect(names(dir).filter { $0.hasPrefix(".fail") }.isEmpty)
  }

  @Test func siblingsOfKilledCommandsAreRemoved() throws {
    let out = dir + "/killed"
    let dead = deadPid()
    try FileManager.default.createDirectory(atPath: dir + "/.killed.tmp-\(dead)", withIntermediateDirectories: true)
    try "x".write(toFile: dir + "/.killed.tmp-\(dead)/summary.csv", atomically: true, encoding: .utf8)
    try ResultsFolder.build(out, as: FolderMarker(kind: .run), force: false) { _ throws(OutputError) in }
    #expect(!FileManager.default.fileExists(atPath: dir + "/.killed.tmp-\(dead)"))
  }

  @Test func foldersOfAnotherKindOrSweepOrNotOursAreRefusedUnlessForced() throws {
    let sweep = dir + "/sweep"
    try FileManager.default.createDirectory(atPath: sweep, withIntermediateDirectories: true)
    try FolderMarker(kind: .sweep, identity: "aaaa").write(into: sweep)
    func refusal(_ path: String, _ m: FolderMarker) -> String {
      do { _ = try ResultsFolder.admit(path, as: m, force: false); return "admitted" } catch { return error.description }
    }
    #expect(refusal(sweep, FolderMarker(kind: .run)) == "\(sweep): holds the results of a sweep, not of a run; choose another --out, remove it, or use --force")
    #expect(refusal(sweep, FolderMarker(kind: .sweep, identity: "bbbb"))
            == "\(sweep): holds a different sweep (it holds another sweep's results); choose another --out, remove it, or use --force")
    #expect(refusal(sweep, FolderMarker(kind: .sweep, identity: "aaaa")) == "admitted")
    #expect(try ResultsFolder.admit(sweep, as: FolderMarker(kind: .run), force: true) == .forced)
    let mine = dir + "/mine"
    try FileManager.default.createDirectory(atPath: mine, withIntermediateDirectories: true)
    try "thesis".write(toFile: mine + "/chapter1.tex", atomically: true, encoding: .utf8)
    #expect(refusal(mine, FolderMarker(kind: .run))
            == "\(mine): is not empty and has no .datamarket marker (not a datamarket results folder); choose another --out, or use --force to replace it")
    #expect(refusal(mine + "/chapter1.tex", FolderMarker(kind: .run)) == "\(mine)/chapter1.tex: is a file, not a folder")
    #expect(refusal(dir + "/absent", FolderMarker(kind: .run)) == "admitted")
  }

  /// A folder another live process holds locked (a sweep at work) is refused even with
  /// `--force`: replacing it would delete the sweep's finished runs and its lock. A stale lock
  /// (its process gone) and this process's own lock do not stand in the way.
  @Test func aFolderLockedByALiveProcessIsRefusedEvenWhenForced() throws {
    let locked = dir + "/locked"
    try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: true)
    try FolderMarker(kind: .sweep, identity: "aaaa").write(into: locked)
    let parent = getppid()   // running, and not this process
    try "\(parent)\n".write(toFile: locked + "/" + FolderLock.fileName, atomically: true, encoding: .utf8)
    for force in [false, true] {
      do {
        _ = try ResultsFolder.admit(locked, as: FolderMarker(kind: .run), force: force)
        Issue.record("a live lock admitted (force \(force))")
      } catch {
        #expect(error.description == "\(locked): another datamarket process (pid \(parent)) is writing into this folder; wait for it to finish (even with --force)")
      }
    }
    try "\(getpid())\n".write(toFile: locked + "/" + FolderLock.fileName, atomically: true, encoding: .utf8)
    #expect(try ResultsFolder.admit(locked, as: FolderMarker(kind: .run), force: true) == .forced)
    try "999999999\n".write(toFile: locked + "/" + FolderLock.fileName, atomically: true, encoding: .utf8)
    #expect(try ResultsFolder.admit(locked, as: FolderMarker(kind: .run), force: true) == .forced)
  }

  #if os(Linux)
  /// A folder that cannot be created is named as asked, not by its temporary sibling.
  @Test func anUncreatableFolderIsNamedAsAsked() {
    do {
      try ResultsFolder.build("/proc/datamarket-x", as: FolderMarker(kind: .run), force: false) { _ throws(OutputError) in }
      Issue.record("built a folder in /proc")
    } catch {
      #expect(error.description.hasPrefix("/proc/datamarket-x: cannot create folder: ") && error.description.contains("temporary sibling"),
              "\(error.description)")
    }
  }
  #endif

  @Test func foldersOfEarlierVersionsAreRecognised() throws {
    let run = dir + "/legacy-run", sweep = dir + "/legacy-sweep"
    for f in [run, sweep] { try FileManager.default.createDirectory(atPath: f, withIntermediateDirectories: true) }
    try "{}".write(toFile: run + "/run.json", atomically: true, encoding: .utf8)
    try "s".write(toFile: run + "/summary.csv", atomically: true, encoding: .utf8)
    try "{ sweep }\n".write(toFile: sweep + "/sweep.json", atomically: true, encoding: .utf8)
    try "".write(toFile: sweep + "/journal.csv", atomically: true, encoding: .utf8)
    #expect(ResultsFolder.inspect(run) == .unmarked(FolderMarker(kind: .run)))
    #expect(ResultsFolder.inspect(sweep) == .unmarked(FolderMarker(kind: .sweep, identity: FNV1a.hex("{ sweep }\n"))))
    #expect(try ResultsFolder.admit(sweep, as: FolderMarker(kind: .sweep, identity: FNV1a.hex("{ sweep }\n")), force: false) == .same)
  }

  @Test func theCurrentFolderIsNeverReplaced() {
    #expect(throws: OutputError.self) { try ResultsFolder.admit(".", as: FolderMarker(kind: .run), force: true) }
    #expect(throws: OutputError.self) { try ResultsFolder.admit("/", as: FolderMarker(kind: .run), force: true) }
  }

  @Test func aLockIsExclusiveAndAStaleOneIsTakenOver() throws {
    let folder = dir + "/locked"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let lock = try FolderLock(folder: folder)
    #expect(throws: OutputError.refused(path: folder, reason: "another datamarket process (pid \(getpid())) is writing into this folder; wait for it to finish")) {
      _ = try FolderLock(folder: folder)
    }
    lock.release()
    #expect(!FileManager.default.fileExists(atPath: folder + "/.datamarket.lock"))
    try "\(deadPid())\n".write(toFile: folder + "/.datamarket.lock", atomically: true, encoding: .utf8)
    let taken = try FolderLock(folder: folder)
    #expect(try String(contentsOfFile: folder + "/.datamarket.lock", encoding: .utf8) == "\(getpid()) \(FolderLock.hostName)\n")
    taken.release()
  }

  /// A lock written on another host (a folder on a cluster's shared file system) cannot be
  /// checked from here: it is taken as held, and the refusal says how to remove it; this host's
  /// pid with another host's name is not this process's lock.
  @Test func aLockOfAnotherHostIsHeldAndTheRefusalSaysHowToRemoveIt() throws {
    let folder = dir + "/foreign"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let lockPath = folder + "/.datamarket.lock"
    try "\(deadPid()) node-elsewhere-17\n".write(toFile: lockPath, atomically: true, encoding: .utf8)
    #expect(throws: OutputError.refused(path: folder, reason: "another datamarket process (pid \(try String(contentsOfFile: lockPath, encoding: .utf8).split(separator: " ")[0]) on host node-elsewhere-17) is writing into this folder; wait for it to finish, or, if no datamarket job runs on node-elsewhere-17 any more, remove \(lockPath)")) {
      _ = try FolderLock(folder: folder)
    }
    FolderLock.release(lockPath)   // not this process's, though the pid may match one here
    #expect(FileManager.default.fileExists(atPath: lockPath))
    try "\(getpid()) node-elsewhere-17\n".write(toFile: lockPath, atomically: true, encoding: .utf8)
    FolderLock.release(lockPath)
    #expect(FileManager.default.fileExists(atPath: lockPath))
    // an earlier version's lock (pid only) is this host's
    try "\(deadPid())\n".write(toFile: lockPath, atomically: true, encoding: .utf8)
    let taken = try FolderLock(folder: folder)
    taken.release()
    #expect(!FileManager.default.fileExists(atPath: lockPath))
  }

  /// The pid of a process that has exited.
  func deadPid() -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/true")
    try? p.run()
    p.waitUntilExit()
    return p.processIdentifier
  }
}
