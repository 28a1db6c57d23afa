#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Refuses command lines that name one file twice where that would destroy or corrupt it
/// (`replay --out F --events F`, an output over the input): paths are compared as absolute,
/// standardized paths with symbolic links resolved (`./F`, `F`, `dir/../F` and a link to F are
/// one file), and existing files also by device and inode (hard links).
enum SamePathCheck {
  /// Throws a usage error for the first pair `(i, j)` of `named` (option name, path or nil)
  /// whose paths are the same file.
  static func refuse(_ named: [(option: String, path: String?)], pairs: [(Int, Int)], command: String) throws(CLIError) {
    for (i, j) in pairs {
      guard let a = named[i].path, let b = named[j].path, sameFile(a, b) else { continue }
      throw .usage(command: command, message: "\(named[i].option) and \(named[j].option) name the same file ('\(a)', '\(b)'): expected different files")
    }
  }

  /// Whether `a` and `b` name the same file.
  static func sameFile(_ a: String, _ b: String) -> Bool {
    if canonical(a) == canonical(b) { return true }
    var sa = stat(), sb = stat()
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
  }

  /// `path` made absolute, with `.`/`..` and symbolic links resolved; a file that does not
  /// exist yet is its resolved folder plus its name.
  static func canonical(_ path: String) -> String {
    let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    if let resolved = realPath(absolute) { return resolved }
    let url = URL(fileURLWithPath: absolute)
    let name = url.lastPathComponent
    if let folder = realPath(url.deletingLastPathComponent().path) { return (folder == "/" ? "" : folder) + "/" + name }
    return url.standardizedFileURL.path
  }

  static func realPath(_ path: String) -> String? {
    guard let p = realpath(path, nil) else { return nil }
    defer { free(p) }
    return String(cString: p)
  }
}
