/// The rule for scenario names, which become folder names (`results/<name>/`): 1–100 characters,
/// each an ASCII letter, digit, `-`, `_` or `.`, not starting with `.` — so a name can never be
/// empty, `.`, `..`, hidden, or hold a `/` or a line break that would escape `results/`.
///
/// A `name` written in a scenario is checked and refused with an error naming `$.name`; the
/// default (the scenario file's base name) is sanitised instead: every other character becomes
/// `_`, a leading `.` becomes `_`, and it is cut to 100 characters.
public enum ScenarioName {
  /// The longest name accepted.
  public static let maxLength = 100
  /// What a name may be, for error messages.
  public static let rule = "a name of 1–100 letters, digits, '-', '_' or '.', not starting with '.'"

  /// Whether `name` follows the rule.
  public static func isValid(_ name: String) -> Bool {
    let scalars = Array(name.unicodeScalars)
    guard !scalars.isEmpty, scalars.count <= maxLength, scalars[0] != "." else { return false }
    return scalars.allSatisfy(isAllowed)
  }

  /// `name` made valid: disallowed characters and a leading `.` become `_`; empty becomes `_`.
  public static func sanitised(_ name: String) -> String {
    var out = String.UnicodeScalarView()
    for s in name.unicodeScalars.prefix(maxLength) { out.append(isAllowed(s) ? s : "_") }
    if out.first == "." { out.replaceSubrange(out.startIndex...out.startIndex, with: ["_"]) }
    return out.isEmpty ? "_" : String(out)
  }

  /// Reads the `name` member of a scenario: checked when written, else `fileBase` sanitised.
  public static func read(_ r: inout ConfigReader, fileBase: String) throws(ScenarioError) -> String {
    guard let n = r.raw("name") else { return sanitised(fileBase) }
    let name = try ConfigReader.string(n, path: r.path("name"))
    guard isValid(name) else { throw .invalid(source: n.source, path: r.path("name"), expected: rule, found: n.foundDescription) }
    return name
  }

  static func isAllowed(_ s: Unicode.Scalar) -> Bool {
    switch s {
    case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".": return true
    default: return false
    }
  }
}
