/// Names the `--set` that caused an error. A check that reads a value through its parent object
/// (an empty array, a conflict inside one object) reports the file the object came from; when a
/// `--set` wrote that key (or a key above it), the error names the `--set` instead:
///
///     error: --set contracts.allowed=[]: $.contracts.allowed: expected at least one contract type, …
enum OverrideAttribution {
  /// `error` with its source replaced by the label of the last override in `overrides` whose key
  /// path is the error's JSON path or an ancestor of it; unchanged when none is.
  static func attribute(_ error: ScenarioError, overrides: [String]) -> ScenarioError {
    switch error {
    case let .invalid(source, path, expected, found):
      guard let label = label(for: path, overrides: overrides), label != source else { return error }
      return .invalid(source: label, path: path, expected: expected, found: found)
    case let .missing(source, path, expected):
      guard let label = label(for: path, overrides: overrides), label != source else { return error }
      return .missing(source: label, path: path, expected: expected)
    default:
      return error
    }
  }

  /// The label of the last override covering `path` (`$.a.b[2]` is covered by `a` and `a.b`).
  static func label(for path: String, overrides: [String]) -> String? {
    for text in overrides.reversed() {
      guard let eq = text.firstIndex(of: "=") else { continue }
      let key = "$." + text[..<eq]
      if path == key || path.hasPrefix(key + ".") || path.hasPrefix(key + "[") {
        return ScenarioLoader.overrideLabel(text)
      }
    }
    return nil
  }
}
