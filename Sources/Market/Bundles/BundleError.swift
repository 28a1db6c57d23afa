/// Why a bundle game, similarity matrix or split request was refused: a whole sentence naming
/// the argument and what was expected, for the caller to put on its `error:` line. The bundle
/// mechanisms never trap on bad input; they throw this instead.
public struct BundleError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The sentence, e.g. "coverage row 2 has 3 features; expected 8".
  public let message: String

  public init(_ message: String) { self.message = message }

  public var description: String { message }
}
