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
  /// Writes `bytes` to `path` atomically (see ``PendingOutput`` for symbolic links and devices).
  public static func write(_ bytes: [UInt8], to path: String) throws(OutputError) {
    let output = try PendingOutput(path: path)
    try output.sink.write(bytes)
    try output.commit()
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

  /// Where an output named `path` is written, and how. A symbolic link is followed (through at
  /// most 40 links, a relative target read against the link's folder), so that the rename
  /// replaces its target and the link stays a link. A path that is not a regular file — a
  /// terminal, a pipe, `/dev/null` — or that goes through a process's descriptor links
  /// (`/dev/stdout` → `/proc/self/fd/1`, `/dev/fd/N`) cannot be replaced by a rename: it is
  /// written in place. A folder is an error.
  public static func destination(of path: String) throws(OutputError) -> (path: String, inPlace: Bool) {
    var named = stat()
    if stat(path, &named) == 0 {
      let kind = named.st_mode & S_IFMT
      if kind == S_IFDIR { throw .cannotWrite(path: path, reason: "it is a folder; expected a file") }
      if kind != S_IFREG { return (path, true) }
    }
    var current = path
    for _ in 0..<40 {
      if isDescriptorAlias(current) { return (current, true) }
      var link = stat()
      guard lstat(current, &link) == 0, link.st_mode & S_IFMT == S_IFLNK else { return (current, false) }
      guard let target = readLink(current) else {
        throw .cannotWrite(path: path, reason: "cannot read the symbolic link \(current): \(String(cString: strerror(errno)))")
      }
      if target.hasPrefix("/") {
        current = target
      } else {
        let slash = current.lastIndex(of: "/")
        current = (slash.map { String(current[...$0]) } ?? "") + target
      }
    }
    throw .cannotWrite(path: path, reason: "too many levels of symbolic links")
  }

  /// Whether `path` names a process's open descriptor rather than a file of its own.
  static func isDescriptorAlias(_ path: String) -> Bool {
    path.hasPrefix("/proc/") || path.hasPrefix("/dev/fd/") || path == "/dev/stdout" || path == "/dev/stderr"
  }

  /// This process's descriptor that `path` names (`/dev/stdout`, `/dev/stderr`, `/dev/fd/N`,
  /// `/proc/self/fd/N`), or nil.
  static func descriptorNumber(of path: String) -> Int32? {
    switch path {
    case "/dev/stdout": return 1
    case "/dev/stderr": return 2
    default:
      for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
        return Int32(path.dropFirst(prefix.count))
      }
      return nil
    }
  }

  /// The target of the symbolic link `path`, or nil (errno set).
  static func readLink(_ path: String) -> String? {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let n = readlink(path, &buffer, buffer.count - 1)
    guard n >= 0 else { return nil }
    return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
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

/// One output file being written. Into a temporary file beside its destination, renamed over it
/// by ``commit()``: a reader sees the old file or the whole new one. Or, where the destination
/// cannot be replaced by a rename (a terminal, a pipe, `/dev/stdout`, `/dev/null`; see
/// ``AtomicFile/destination(of:)``), into the destination itself. A symbolic link's target is
/// written and the link kept. If the object goes away uncommitted, the temporary file is removed
/// and the destination is untouched.
public final class PendingOutput {
  /// Where the bytes go until ``commit()``.
  public let sink: ByteSink
  /// The path as named.
  public let path: String
  /// Whether the destination is written in place (not atomically: it is not a regular file).
  public let inPlace: Bool
  private let destination: String
  /// The temporary file, until it is renamed or removed.
  private var temporary: String?
  private var closed = false

  public init(path: String) throws(OutputError) {
    let (destination, inPlace) = try AtomicFile.destination(of: path)
    self.path = path; self.destination = destination; self.inPlace = inPlace
    if inPlace, let fd = AtomicFile.descriptorNumber(of: destination), fcntl(fd, F_GETFD) >= 0 {
      // a duplicate shares the descriptor's offset: written beside what the process itself
      // writes there (standard output redirected to a file), not over it
      sink = ByteSink(descriptor: dup(fd), path: path)
    } else if inPlace {
      sink = try ByteSink(path: destination)
    } else {
      let temp = AtomicFile.temporaryPath(for: destination)
      sink = try ByteSink(path: temp)
      temporary = temp
    }
  }

  deinit {
    if !closed { try? sink.close() }
    if let temporary { unlink(temporary) }
  }

  /// Closes the file and renames it over its destination (or just closes an in-place output).
  public func commit() throws(OutputError) {
    closed = true
    try sink.close()
    if let temp = temporary {
      temporary = nil
      try AtomicFile.commit(temporary: temp, to: destination)
    }
  }
}
