/// A problem with a scenario or sweep file, rendered as one line that names the file, the JSON
/// path (or line and column for syntax) and what was expected:
///
///     error: scenarios/w1.json: $.buyers.arrivalRate: expected a number ≥ 0, found -3
///     error: scenarios/w1.json:4:17: expected ',' or '}', found 'x'
public enum ScenarioError: Error, CustomStringConvertible, Sendable, Equatable {
  case syntax(source: String, line: Int, column: Int, expected: String, found: String)
  case invalid(source: String, path: String, expected: String, found: String)
  case unknownKey(source: String, path: String, suggestion: String?)
  case missing(source: String, path: String, expected: String)
  case cannotRead(path: String, reason: String)
  case extendsCycle(chain: [String])
  case badOverride(text: String, reason: String)

  public var description: String {
    switch self {
    case let .syntax(source, line, column, expected, found):
      return "\(source):\(line):\(column): expected \(expected), found \(found)"
    case let .invalid(source, path, expected, found):
      return "\(source): \(path): expected \(expected), found \(found)"
    case let .unknownKey(source, path, suggestion):
      return "\(source): \(path): unknown key" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
    case let .missing(source, path, expected):
      return "\(source): \(path): expected \(expected), found nothing"
    case let .cannotRead(path, reason):
      return "\(path): cannot read: \(reason)"
    case let .extendsCycle(chain):
      return "\(chain.first ?? "?"): extends cycle: " + chain.joined(separator: " → ")
    case let .badOverride(text, reason):
      return "\(ScenarioLoader.overrideLabel(text)): \(reason)"
    }
  }
}
