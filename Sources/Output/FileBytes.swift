#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file into one byte array with `read(2)`: the input of `replay` and of
/// `bench --orders`, which can be gigabytes, read once and never copied.
public enum FileBytes {
  /// The bytes of `path`, or why it cannot be read ("no such file", "not readable", "is a
  /// folder", or the operating system's words).
  public static func read(_ path: String) -> Result<[UInt8], FileReadError> {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return .failure(FileReadError(path: path, errno: errno)) }
    defer { _ = close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { return .failure(FileReadError(path: path, errno: errno)) }
    if (info.st_mode & S_IFMT) == S_IFDIR { return .failure(FileReadError(path: path, errno: EISDIR)) }
    var size = Int(info.st_size)
    var bytes: [UInt8] = []
    var failure: Int32 = 0
    while true {
      // Size from fstat; a file that turns out longer (or is a pipe) is read on in larger chunks.
      let start = bytes.count
      let room = max(size - start, 1 << 16)
      bytes.append(contentsOf: repeatElement(0, count: room))
      var got = 0
      bytes.withUnsafeMutableBytes { raw in
        while got < room {
          let n = systemRead(fd, raw.baseAddress! + start + got, room - got)
          if n < 0 { if errno == EINTR { continue }; failure = errno; return }
          if n == 0 { break }
          got += n
        }
      }
      bytes.removeLast(room - got)
      if failure != 0 { return .failure(FileReadError(path: path, errno: failure)) }
      if got < room { return .success(bytes) }
      size = bytes.count * 2
    }
  }
}

/// A file that cannot be read: its path and the operating system's reason.
public struct FileReadError: Error, Sendable, Equatable, CustomStringConvertible {
  public var path: String
  public var reason: String
  public var description: String { "\(path): cannot read: \(reason)" }

  init(path: String, errno code: Int32) {
    self.path = path
    switch code {
    case ENOENT: reason = "no such file"
    case EACCES: reason = "not readable"
    case EISDIR: reason = "is a folder"
    default: reason = String(cString: strerror(code))
    }
  }
}

/// `read(2)` (the name `read` is taken by ``FileBytes/read(_:)`` inside the type).
private func systemRead(_ fd: Int32, _ p: UnsafeMutableRawPointer, _ n: Int) -> Int { read(fd, p, n) }
