#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open file read front to back in caller-sized chunks with `read(2)`: the input of a
/// streaming reader (`replay`), which holds one window of a file of any size, never the file.
/// A class: it owns the descriptor and closes it in `deinit`.
public final class FileChunkReader {
  let fd: Int32
  /// The path, for error messages.
  public let path: String
  /// The file's size when opened (0 for a pipe): a hint for sizing tables, never a limit.
  public let sizeHint: Int

  /// Opens `path` for reading, or says why it cannot be read (as ``FileBytes/read(_:)`` does).
  public init(path: String) throws(FileReadError) {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw FileReadError(path: path, errno: errno) }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      let code = errno
      _ = closeFile(fd)
      throw FileReadError(path: path, errno: code)
    }
    if (info.st_mode & S_IFMT) == S_IFDIR {
      _ = closeFile(fd)
      throw FileReadError(path: path, errno: EISDIR)
    }
    self.fd = fd
    self.path = path
    sizeHint = (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : 0
  }

  /// Reads the open descriptor `fd` (it is closed with the reader), named `path` in errors.
  public init(descriptor fd: Int32, path: String) {
    self.fd = fd
    self.path = path
    sizeHint = 0
  }

  deinit { _ = closeFile(fd) }

  /// Reads up to `count` bytes at `offset` into `buffer` (`pread(2)`, the position is unchanged);
  /// fewer than `count` means the end of the file was reached.
  public func read(at offset: Int, into buffer: UnsafeMutableRawPointer, count: Int) throws(FileReadError) -> Int {
    try fill(buffer, count) { got in pread(fd, buffer + got, count - got, off_t(offset + got)) }
  }

  /// Reads up to `count` bytes into `buffer`, looping until `count` bytes have come or the file
  /// has ended; fewer than `count` means the end of the file was reached.
  public func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(FileReadError) -> Int {
    try fill(buffer, count) { got in readFile(fd, buffer + got, count - got) }
  }

  /// Calls `call(bytesSoFar)` until `count` bytes have come or it returns 0 (end of file),
  /// retrying on EINTR; a negative return is a read error.
  func fill(_ buffer: UnsafeMutableRawPointer, _ count: Int, _ call: (Int) -> Int) throws(FileReadError) -> Int {
    var got = 0
    while got < count {
      let n = call(got)
      if n < 0 {
        if errno == EINTR { continue }
        throw FileReadError(path: path, errno: errno)
      }
      if n == 0 { break }
      got += n
    }
    return got
  }
}

/// `read(2)` and `close(2)` (the names are taken inside the type).
private func readFile(_ fd: Int32, _ p: UnsafeMutableRawPointer, _ n: Int) -> Int { read(fd, p, n) }
private func closeFile(_ fd: Int32) -> Int32 { close(fd) }
