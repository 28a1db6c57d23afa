#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The rules that keep results folders whole and apart:
///
/// - a folder is marked with what produced it (``FolderMarker``); a command writes only into an
///   absent or empty folder, or one of its own kind (and, for sweeps and merges, of the same
///   sweep); anything else is refused unless forced — a folder of another kind or sweep, or a
///   non-empty folder with no marker (folders of earlier versions are recognised by their
///   `run.json` or `sweep.json`). Forcing never replaces the current folder or one above it.
/// - `run` and `merge` build their whole folder in a temporary sibling `.DIR.tmp-<pid>` and then
///   ``install(_:at:)`` it: the old folder is renamed aside, the new one renamed in, the old one
///   deleted. A failure or a kill leaves the old folder as it was (and a hidden sibling, removed
///   by the next command writing there).
public enum ResultsFolder {
  /// What a path holds.
  public enum Contents: Sendable, Equatable {
    case absent, empty, file
    /// A folder with our marker.
    case marked(FolderMarker)
    /// A non-empty folder without a marker: of an earlier version (what it holds), or not ours (nil).
    case unmarked(FolderMarker?)
  }

  /// What writing into a folder means.
  public enum Admission: Sendable, Equatable {
    /// The folder is absent or empty.
    case fresh
    /// It holds results of the same kind (and sweep): a sweep resumes, a run or merge replaces it.
    case same
    /// It holds something else and `force` was given: it is replaced.
    case forced
  }

  /// Inspects `path`.
  public static func inspect(_ path: String) -> Contents {
    switch FolderTree.entry(path) {
    case .none: return .absent
    case .file: return .file
    case .folder:
      let names = (FolderTree.names(path) ?? []).filter { $0 != FolderLock.fileName }
      if names.isEmpty { return .empty }
      if let marker = FolderMarker.read(folder: path) { return .marked(marker) }
      if names.contains("sweep.json"), case .success(let bytes) = FileBytes.read(path + "/sweep.json") {
        let kind: FolderMarker.Kind = names.contains("journal.csv") ? .sweep : .merge
        return .unmarked(FolderMarker(kind: kind, identity: FNV1a.hex(String(decoding: bytes, as: UTF8.self))))
      }
      if names.contains("run.json") && names.contains("summary.csv") { return .unmarked(FolderMarker(kind: .run)) }
      return .unmarked(nil)
    }
  }

  /// Decides whether results described by `marker` may go into `path`; throws ``OutputError/refused(path:reason:)``
  /// when not (unless `force`). `otherSweep` says how a different sweep differs, for the message.
  public static func admit(_ path: String, as marker: FolderMarker, force: Bool,
                           otherSweep: String = "it holds another sweep's results") throws(OutputError) -> Admission {
    let existing: FolderMarker
    let state = inspect(path)
    switch state {
    case .absent, .file: break
    case .empty, .marked, .unmarked:
      // a sweep at work there: replacing the folder would delete its finished runs and its lock
      if let holder = FolderLock.liveHolder(ofFolder: path) {
        throw .refused(path: path, reason: FolderLock.heldReason(holder, lockPath: path + "/" + FolderLock.fileName) + " (even with --force)")
      }
    }
    switch state {
    case .absent, .empty: return .fresh
    case .file: throw .refused(path: path, reason: "is a file, not a folder")
    case .unmarked(nil):
      guard force else {
        throw .refused(path: path, reason: "is not empty and has no \(FolderMarker.fileName) marker (not a datamarket results folder); choose another --out, or use --force to replace it")
      }
      try refuseCurrentFolder(path)
      return .forced
    case .unmarked(let m?), .marked(let m): existing = m
    }
    var reason: String?
    if existing.kind != marker.kind {
      reason = "holds the results of a \(existing.kind.rawValue), not of a \(marker.kind.rawValue)"
    } else if marker.kind != .run && existing.identity != marker.identity {
      reason = "holds a different \(marker.kind == .calibration ? "calibration" : "sweep") (\(otherSweep))"
    }
    guard let reason else { return .same }
    guard force else { throw .refused(path: path, reason: reason + "; choose another --out, remove it, or use --force") }
    try refuseCurrentFolder(path)
    return .forced
  }

  /// Refuses to replace the current folder, one above it, or `/`.
  static func refuseCurrentFolder(_ path: String) throws(OutputError) {
    guard let real = realpath(path, nil) else { return }
    defer { free(real) }
    let folder = String(cString: real)
    var buffer = [CChar](repeating: 0, count: 4096)
    let cwd = getcwd(&buffer, buffer.count).map { String(cString: $0) } ?? "/"
    if folder == "/" || cwd == folder || cwd.hasPrefix(folder + "/") {
      throw .refused(path: path, reason: "will not replace the current folder or a folder above it, even with --force")
    }
  }

  /// Writes a whole results folder at `path`: checks it may (``admit(_:as:force:otherSweep:)``),
  /// lets `body` fill a temporary sibling, marks it and installs it in one swap.
  public static func build(_ path: String, as marker: FolderMarker, force: Bool, otherSweep: String = "it holds another sweep's results",
                           _ body: (String) throws(OutputError) -> Void) throws(OutputError) {
    _ = try admit(path, as: marker, force: force, otherSweep: otherSweep)
    let (parent, _) = FolderTree.split(path)
    try AtomicFile.createDirectory(parent)
    removeStaleSiblings(of: path)
    let temp = sibling(of: path, "tmp")
    try FolderTree.remove(temp)
    do {
      try AtomicFile.createDirectory(temp)
    } catch .cannotCreateDirectory(_, let reason) {
      // named by the folder asked for: the temporary sibling is an implementation detail
      throw .cannotCreateDirectory(path: path, reason: reason + " (creating its temporary sibling \(FolderTree.split(temp).1))")
    }
    do {
      try body(temp)
      try marker.write(into: temp)
      try install(temp, at: path)
    } catch {
      try? FolderTree.remove(temp)
      throw error
    }
  }

  /// Puts the finished folder `temp` at `path`, replacing what is there: old aside, new in, old deleted.
  public static func install(_ temp: String, at path: String) throws(OutputError) {
    guard FolderTree.entry(path) != .none else {
      guard rename(temp, path) == 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
      return
    }
    let old = sibling(of: path, "old")
    try FolderTree.remove(old)
    guard rename(path, old) == 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
    guard rename(temp, path) == 0 else {
      let reason = String(cString: strerror(errno))
      rename(old, path)
      throw .cannotWrite(path: path, reason: reason)
    }
    try? FolderTree.remove(old)
  }

  /// Replaces everything in `path` but its lock by nothing (a forced sweep starts afresh).
  public static func empty(_ path: String) throws(OutputError) {
    try refuseCurrentFolder(path)
    for name in FolderTree.names(path) ?? [] where name != FolderLock.fileName { try FolderTree.remove(path + "/" + name) }
  }

  /// The hidden sibling `.NAME.<tag>-<pid>` of `path`.
  static func sibling(of path: String, _ tag: String, pid: pid_t = getpid()) -> String {
    let (parent, name) = FolderTree.split(path)
    return parent + "/." + name + ".\(tag)-\(pid)"
  }

  /// Removes siblings left by killed commands (`.NAME.tmp-<pid>`, `.NAME.old-<pid>` of dead pids).
  static func removeStaleSiblings(of path: String) {
    let (parent, name) = FolderTree.split(path)
    for entry in FolderTree.names(parent) ?? [] {
      for tag in ["tmp", "old"] where entry.hasPrefix("." + name + ".\(tag)-") {
        guard let pid = pid_t(entry.dropFirst(name.count + tag.count + 3)), !FolderLock.isRunning(pid) else { continue }
        try? FolderTree.remove(parent + "/" + entry)
      }
    }
  }
}
