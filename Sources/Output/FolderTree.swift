#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small file-system helpers on folders, with the C library only: list a folder, tell files
/// from folders, remove a whole tree.
public enum FolderTree {
  /// What is at a path.
  public enum Entry: Sendable, Equatable { case none, file, folder }

  /// What `path` is (symbolic links are not followed).
  public static func entry(_ path: String) -> Entry {
    var st = stat()
    guard lstat(path, &st) == 0 else { return .none }
    return (st.st_mode & S_IFMT) == S_IFDIR ? .folder : .file
  }

  /// The names in folder `path` (without `.` and `..`), sorted; nil if it cannot be read.
  public static func names(_ path: String) -> [String]? {
    guard let dir = opendir(path) else { return nil }
    defer { closedir(dir) }
    var out: [String] = []
    while let e = readdir(dir) {
      let name = withUnsafePointer(to: &e.pointee.d_name) { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
      if name != "." && name != ".." { out.append(name) }
    }
    return out.sorted()
  }

  /// Removes `path` and everything under it (a missing path is fine).
  public static func remove(_ path: String) throws(OutputError) {
    switch entry(path) {
    case .none: return
    case .file:
      if unlink(path) != 0 && errno != ENOENT { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
    case .folder:
      for name in names(path) ?? [] { try remove(path + "/" + name) }
      if rmdir(path) != 0 && errno != ENOENT { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
    }
  }

  /// The folder holding `path` ("." for a bare name) and `path`'s last component.
  public static func split(_ path: String) -> (parent: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    let parent = String(path[..<slash])
    return (parent.isEmpty ? "/" : parent, String(path[path.index(after: slash)...]))
  }

  /// `path` without trailing slashes (but "/" stays "/").
  public static func trimmed(_ path: String) -> String {
    var p = Substring(path)
    while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
    return String(p)
  }
}
