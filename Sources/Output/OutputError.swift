/// A failure to write an output file, naming the file and the operating system's reason.
public enum OutputError: Error, CustomStringConvertible, Sendable, Equatable {
  case cannotWrite(path: String, reason: String)
  case cannotCreateDirectory(path: String, reason: String)
  /// A results folder that must not be written (another command's or sweep's, not ours, locked).
  case refused(path: String, reason: String)

  public var description: String {
    switch self {
    case let .cannotWrite(path, reason): return "\(path): cannot write: \(reason)"
    case let .cannotCreateDirectory(path, reason): return "\(path): cannot create folder: \(reason)"
    case let .refused(path, reason): return "\(path): \(reason)"
    }
  }
}
