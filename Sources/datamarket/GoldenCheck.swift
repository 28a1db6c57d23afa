import Foundation

/// Compares output files with golden copies byte for byte and reports the first differing line.
enum GoldenCheck {
  static func compare(files: [String], actualFolder: String, expectedFolder: String) throws(CLIError) {
    for f in files {
      try compareFile(actual: actualFolder + "/" + f, expected: expectedFolder + "/" + f)
    }
  }

  static func compareFile(actual: String, expected: String) throws(CLIError) {
    guard let got = FileManager.default.contents(atPath: actual) else {
      throw .input("\(actual): cannot read: no such file")
    }
    try compareBytes([UInt8](got), label: actual, expected: expected)
  }

  /// Compares `bytes` (named `label` in messages) with the file `expected`.
  static func compareBytes(_ bytes: [UInt8], label actual: String, expected: String) throws(CLIError) {
    guard let wantData = FileManager.default.contents(atPath: expected) else {
      throw .input("\(expected): cannot read: no such file")
    }
    let want = [UInt8](wantData)
    let got = bytes
    if want == got { return }
    let a = String(decoding: got, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    let e = String(decoding: want, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    for i in 0..<max(a.count, e.count) {
      let x = i < a.count ? String(a[i]) : "<end of file>"
      let y = i < e.count ? String(e[i]) : "<end of file>"
      if x != y {
        throw .mismatch("\(actual) differs from \(expected) at line \(i + 1):\n  expected: \(y)\n  actual:   \(x)")
      }
    }
    throw .mismatch("\(actual) differs from \(expected) in line endings or trailing bytes")
  }
}
