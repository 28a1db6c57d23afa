#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A lock on a results folder: the file `.datamarket.lock` holding the owner's pid, created with
/// `O_CREAT | O_EXCL` so that only one process holds it. A lock whose pid is no longer running
/// (a killed sweep) is stale and taken over. Released by ``release()``.
public struct FolderLock: Sendable {
  /// The lock's file name inside the folder.
  public static let fileName = ".datamarket.lock"

  public let path: String

  /// Takes the lock of `folder` (which must exist), or throws naming the process holding it.
  public init(folder: String) throws(OutputError) {
    path = folder + "/" + FolderLock.fileName
    for _ in 0..<3 {
      let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
      if fd >= 0 {
        var text = Array("\(getpid())\n".utf8)
        _ = text.withUnsafeMutableBytes { write(fd, $0.baseAddress!, $0.count) }
        close(fd)
        return
      }
      guard errno == EEXIST else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
      if let pid = FolderLock.owner(path), FolderLock.isRunning(pid) {
        throw .refused(path: folder, reason: "another datamarket process (pid \(pid)) is writing into this folder; wait for it to finish")
      }
      unlink(path)  // stale: its process is gone (or the file is unreadable)
    }
    throw .refused(path: folder, reason: "cannot take the folder's lock \(FolderLock.fileName)")
  }

  /// Removes the lock if this process still holds it.
  public func release() { FolderLock.release(path) }

  /// Removes the lock file at `path` if it names this process (safe from a signal handler's queue).
  public static func release(_ path: String) {
    if owner(path) == getpid() { unlink(path) }
  }

  /// The running process other than this one that holds `folder`'s lock, if any.
  public static func liveOwner(ofFolder folder: String) -> pid_t? {
    guard let pid = owner(folder + "/" + fileName), pid != getpid(), isRunning(pid) else { return nil }
    return pid
  }

  /// The pid written in a lock file.
  static func owner(_ path: String) -> pid_t? {
    guard case .success(let bytes) = FileBytes.read(path) else { return nil }
    return pid_t(String(decoding: bytes, as: UTF8.self).filter { $0.isNumber })
  }

  /// Whether a process with `pid` exists.
  static func isRunning(_ pid: pid_t) -> Bool {
    pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
  }
}
