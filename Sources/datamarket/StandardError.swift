#if canImport(Glibc)
import Glibc
#endif

/// Writes `text` to standard error (file descriptor 2) unbuffered.
func writeStandardError(_ text: String) {
  var bytes = Array(text.utf8)
  var offset = 0
  while offset < bytes.count {
    let n = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress! + offset, $0.count - offset) }
    if n <= 0 { return }
    offset += n
  }
}

/// Whether standard error is a terminal (progress is shown only then, or with --progress).
var standardErrorIsTerminal: Bool { isatty(2) != 0 }
