/// Shortens values quoted in error messages, so that a 100,000-digit number or a huge string
/// gives a one-line error: text longer than ``limit`` characters keeps its first ``limit`` and
/// ends in `…`.
public enum Abbreviation {
  /// The most characters of a value an error message quotes.
  public static let limit = 40

  /// `text`, cut to `limit` characters plus `…` when longer.
  public static func of(_ text: String, limit: Int = Abbreviation.limit) -> String {
    guard text.count > limit else { return text }
    return String(text.prefix(limit)) + "…"
  }
}
