#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Writes files atomically: the bytes go to a temporary file in the same folder, which is flushed
/// and then renamed over the target. A reader sees the old file or the whole new one, never half;
/// a failure or a kill leaves the target untouched (and at most a `.tmp` file beside it).
public enum AtomicFile {
  /// Writes `bytes` to `path` atomically.
  public static func write(_ bytes: [UInt8], to path: String) throws(OutputError) {
    let temp = temporaryPath(for: path)
    let sink = try ByteSink(path: temp)
    do {
      try sink.write(bytes)
      try sink.close()
    } catch {
      unlink(temp)
      throw error
    }
    try commit(temporary: temp, to: path)
  }

  /// Writes `text` (UTF-8) to `path` atomically.
  public static func write(_ text: String, to path: String) throws(OutputError) {
    try write(Array(text.utf8), to: path)
  }

  /// A temporary path beside `path`, unique to this call: the target's name, the process id and
  /// a per-process counter, so two outputs (even of one target) never share a temporary file.
  public static func temporaryPath(for path: String) -> String {
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { String(path[...$0]) } ?? ""
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    let serial = temporaryCounter.wrappingAdd(1, ordering: .relaxed).oldValue
    return "\(folder).\(name).\(getpid()).\(serial).tmp"
  }

  /// Temporary paths handed out by this process.
  static let temporaryCounter = Atomic<Int>(0)

  /// Renames a finished temporary file over `path`.
  public static func commit(temporary: String, to path: String) throws(OutputError) {
    if rename(temporary, path) != 0 {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw .cannotWrite(path: path, reason: reason)
    }
  }

  /// Creates `path` and its parents if missing.
  public static func createDirectory(_ path: String) throws(OutputError) {
    var current = path.hasPrefix("/") ? "/" : ""
    for part in path.split(separator: "/") {
      current += part
      if mkdir(current, 0o755) != 0 && errno != EEXIST {
        throw .cannotCreateDirectory(path: path, reason: String(cString: strerror(errno)))
      }
      current += "/"
    }
  }
}
