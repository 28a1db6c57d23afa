#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A lock on a results folder: the file `.datamarket.lock` holding the owner's pid and host name,
/// created with `O_CREAT | O_EXCL` so that only one process holds it. A lock of this host whose pid
/// is no longer running (a killed sweep) is stale and taken over. A lock of another host (a folder
/// on a file system shared by a cluster's nodes) cannot be checked from here: it is taken as held,
/// and the refusal says how to remove it once that job is gone. Released by ``release()``.
public struct FolderLock: Sendable {
  /// The lock's file name inside the folder.
  public static let fileName = ".datamarket.lock"

  public let path: String

  /// Who holds a lock: a pid and, for locks written since host names were recorded, a host.
  public struct Holder: Sendable, Equatable {
    public var pid: pid_t
    public var host: String?

    /// Whether the holder is this process.
    var isThisProcess: Bool { pid == getpid() && (host == nil || host == FolderLock.hostName) }

    /// Whether the holder may still be running: a process of this host that exists, or any
    /// process of another host (which cannot be checked from here).
    var mayBeRunning: Bool {
      if let host, host != FolderLock.hostName { return true }
      return FolderLock.isRunning(pid)
    }

    /// "pid N" on this host, "pid N on host H" on another.
    var description: String {
      if let host, host != FolderLock.hostName { return "pid \(pid) on host \(host)" }
      return "pid \(pid)"
    }
  }

  /// Takes the lock of `folder` (which must exist), or throws naming the process holding it.
  public init(folder: String) throws(OutputError) {
    path = folder + "/" + FolderLock.fileName
    for _ in 0..<3 {
      let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
      if fd >= 0 {
        var text = Array("\(getpid()) \(FolderLock.hostName)\n".utf8)
        _ = text.withUnsafeMutableBytes { write(fd, $0.baseAddress!, $0.count) }
        close(fd)
        return
      }
      guard errno == EEXIST else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
      if let holder = FolderLock.holder(path), holder.mayBeRunning {
        throw .refused(path: folder, reason: FolderLock.heldReason(holder, lockPath: path))
      }
      unlink(path)  // stale: its process is gone (or the file is unreadable)
    }
    throw .refused(path: folder, reason: "cannot take the folder's lock \(FolderLock.fileName)")
  }

  /// Removes the lock if this process still holds it.
  public func release() { FolderLock.release(path) }

  /// Removes the lock file at `path` if it names this process (safe from a signal handler's queue).
  public static func release(_ path: String) {
    if holder(path)?.isThisProcess == true { unlink(path) }
  }

  /// The process other than this one that holds `folder`'s lock and may still be running, if any.
  public static func liveHolder(ofFolder folder: String) -> Holder? {
    guard let h = holder(folder + "/" + fileName), !h.isThisProcess, h.mayBeRunning else { return nil }
    return h
  }

  /// Why a folder held by `holder` is refused (`lockPath`: its lock file).
  public static func heldReason(_ holder: Holder, lockPath: String) -> String {
    var reason = "another datamarket process (\(holder.description)) is writing into this folder; wait for it to finish"
    if let host = holder.host, host != hostName { reason += ", or, if no datamarket job runs on \(host) any more, remove \(lockPath)" }
    return reason
  }

  /// The holder written in a lock file: "PID HOST" (or "PID" from earlier versions).
  static func holder(_ path: String) -> Holder? {
    guard case .success(let bytes) = FileBytes.read(path) else { return nil }
    let fields = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isWhitespace)
    guard let first = fields.first, let pid = pid_t(first) else { return nil }
    return Holder(pid: pid, host: fields.count > 1 ? String(fields[1]) : nil)
  }

  /// Whether a process with `pid` exists on this machine.
  static func isRunning(_ pid: pid_t) -> Bool {
    pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
  }

  /// This machine's host name ("localhost" if it cannot be read).
  static let hostName: String = {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
    let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return name.isEmpty ? "localhost" : name.filter { !$0.isWhitespace }
  }()
}
