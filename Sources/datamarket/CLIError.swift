/// Everything the command line can fail with, and its exit code: 2 for bad usage or bad input
/// (one `error:` line naming the file, path or line and what was expected), 1 for an internal failure.
enum CLIError: Error, CustomStringConvertible {
  /// A usage mistake in `command` (unknown option, missing argument…): exit 2, with a help hint.
  case usage(command: String, message: String)
  /// Bad input (a file, a scenario key, a CSV line): exit 2.
  case input(String)
  /// A check that found a difference (`--check`): exit 1 with the first differing line.
  case mismatch(String)
  /// Something that should not happen: exit 1.
  case `internal`(String)

  var description: String {
    switch self {
    case .usage(_, let m), .input(let m), .mismatch(let m), .internal(let m): return m
    }
  }

  var exitCode: Int32 {
    switch self {
    case .usage, .input: return 2
    case .mismatch, .internal: return 1
    }
  }
}
