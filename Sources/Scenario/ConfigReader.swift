/// Reads typed, validated values out of one JSON object of a scenario, tracking its path
/// (`$.buyers.arrivalRate`) so that every error names the key, and the keys it was asked for, so
/// that ``finish()`` can reject unknown keys with a "did you mean" hint.
///
/// Every read states a default: a scenario only writes what differs.
public struct ConfigReader {
  /// The object being read.
  public let node: JSONNode
  /// Its JSON path, `$` for the root.
  public let path: String
  var known: [String] = []

  /// Reads `node`, which must be an object (or absent: then every key takes its default).
  public init(_ node: JSONNode?, path: String = "$", source: String = "") throws(ScenarioError) {
    let n = node ?? JSONNode(.object([]), source: source)
    guard case .object = n.value else {
      throw .invalid(source: n.source, path: path, expected: "an object", found: n.foundDescription)
    }
    self.node = n; self.path = path
  }

  /// The path of member `key`.
  public func path(_ key: String) -> String { path + "." + key }

  /// Marks `key` as a known key without reading it.
  public mutating func allow(_ key: String) { known.append(key) }

  /// The raw member `key`, marked as known.
  public mutating func raw(_ key: String) -> JSONNode? {
    known.append(key)
    guard let n = node[key] else { return nil }
    if case .null = n.value { return nil }
    return n
  }

  /// A number, checked against `rule`.
  public mutating func number(_ key: String, default value: Double, _ rule: NumberRule = .finite) throws(ScenarioError) -> Double {
    guard let n = raw(key) else { return value }
    return try ConfigReader.number(n, path: path(key), rule)
  }

  /// A number node checked against `rule`.
  public static func number(_ n: JSONNode, path: String, _ rule: NumberRule) throws(ScenarioError) -> Double {
    guard case .number(let d, _) = n.value else {
      throw .invalid(source: n.source, path: path, expected: rule.expectation, found: n.foundDescription)
    }
    guard rule.admits(d) else { throw .invalid(source: n.source, path: path, expected: rule.expectation, found: n.foundDescription) }
    return d
  }

  /// An integer in `range`.
  public mutating func integer(_ key: String, default value: Int, _ range: ClosedRange<Int> = Int.min...Int.max) throws(ScenarioError) -> Int {
    guard let n = raw(key) else { return value }
    return try ConfigReader.integer(n, path: path(key), range)
  }

  /// An integer node in `range`.
  public static func integer(_ n: JSONNode, path: String, _ range: ClosedRange<Int>) throws(ScenarioError) -> Int {
    let expected = NumberRule.integerExpectation(range)
    guard case .number(let d, let text) = n.value, d.isFinite, d == d.rounded(), abs(d) <= 9_007_199_254_740_992, range.contains(Int(d)) else {
      throw .invalid(source: n.source, path: path, expected: expected, found: n.foundDescription)
    }
    // an integer literal the double rounded (above 2^53, 9007199254740993 reads as ...992) is not
    // the number the file wrote
    if let written = Int(text), written != Int(d) {
      throw .invalid(source: n.source, path: path, expected: expected + " (a whole number up to 2^53, exact as a JSON number)", found: text)
    }
    return Int(d)
  }

  /// The largest seed (2^53, so that every seed is exact as a JSON number).
  public static let maxSeed: UInt64 = 1 << 53

  /// A seed: an integer in [0, ``maxSeed``].
  public mutating func seed(_ key: String, default value: UInt64) throws(ScenarioError) -> UInt64 {
    guard let n = raw(key) else { return value }
    return UInt64(try ConfigReader.integer(n, path: path(key), 0...Int(ConfigReader.maxSeed)))
  }

  /// A string, one of `allowed` when given.
  public mutating func string(_ key: String, default value: String, allowed: [String]? = nil) throws(ScenarioError) -> String {
    guard let n = raw(key) else { return value }
    return try ConfigReader.string(n, path: path(key), allowed: allowed)
  }

  /// A string node, one of `allowed` when given.
  public static func string(_ n: JSONNode, path: String, allowed: [String]? = nil) throws(ScenarioError) -> String {
    let expected = allowed.map { "one of " + $0.map { "\"\($0)\"" }.joined(separator: ", ") } ?? "a string"
    guard case .string(let s) = n.value else {
      throw .invalid(source: n.source, path: path, expected: expected, found: n.foundDescription)
    }
    if let allowed, !allowed.contains(s) {
      let hint = EditDistance.suggestion(for: s, among: allowed).map { " (did you mean \"\($0)\"?)" } ?? ""
      throw .invalid(source: n.source, path: path, expected: expected, found: n.foundDescription + hint)
    }
    return s
  }

  /// A boolean.
  public mutating func bool(_ key: String, default value: Bool) throws(ScenarioError) -> Bool {
    guard let n = raw(key) else { return value }
    guard case .bool(let b) = n.value else {
      throw .invalid(source: n.source, path: path(key), expected: "true or false", found: n.foundDescription)
    }
    return b
  }

  /// A nested object (empty when absent, so its keys take their defaults).
  public mutating func object(_ key: String) throws(ScenarioError) -> ConfigReader {
    try ConfigReader(raw(key), path: path(key), source: node.source)
  }

  /// An array's elements (nil when absent).
  public mutating func array(_ key: String) throws(ScenarioError) -> [JSONNode]? {
    guard let n = raw(key) else { return nil }
    guard case .array(let items) = n.value else {
      throw .invalid(source: n.source, path: path(key), expected: "an array", found: n.foundDescription)
    }
    return items
  }

  /// Throws for the first key that no read asked for, suggesting the nearest known key.
  public func finish() throws(ScenarioError) {
    guard case .object(let members) = node.value else { return }
    for m in members where !known.contains(m.key) {
      // a quoted "market.periods" is one key named market.periods, not a path
      if let dot = m.key.firstIndex(of: "."), known.contains(String(m.key[..<dot])) {
        let outer = m.key[..<dot], inner = m.key[m.key.index(after: dot)...]
        throw .invalid(source: m.value.source, path: path + ".\"\(m.key)\"",
                       expected: "a key without a dot (a quoted key is one name, not a path: nest it as \(outer): { \(inner): ... })",
                       found: "\"\(m.key)\"")
      }
      throw .unknownKey(source: m.value.source, path: path(m.key),
                        suggestion: EditDistance.suggestion(for: m.key, among: known))
    }
  }
}

/// What a numeric scenario value must satisfy, and how to say so in an error.
public enum NumberRule: Sendable {
  case finite, nonNegative, positive, unitInterval, atLeast(Double), range(Double, Double), positiveOrInfinite

  /// Whether `d` satisfies the rule.
  public func admits(_ d: Double) -> Bool {
    switch self {
    case .finite: return d.isFinite
    case .nonNegative: return d.isFinite && d >= 0
    case .positive: return d.isFinite && d > 0
    case .unitInterval: return d >= 0 && d <= 1
    case .atLeast(let a): return d.isFinite && d >= a
    case .range(let a, let b): return d >= a && d <= b
    case .positiveOrInfinite: return d > 0 && !d.isNaN
    }
  }

  /// "a number ≥ 0", "a number in [0, 1]", …
  public var expectation: String {
    switch self {
    case .finite: return "a finite number"
    case .nonNegative: return "a number ≥ 0"
    case .positive: return "a number > 0"
    case .unitInterval: return "a number in [0, 1]"
    case .atLeast(let a): return "a number ≥ \(NumberRule.show(a))"
    case .range(let a, let b): return "a number in [\(NumberRule.show(a)), \(NumberRule.show(b))]"
    case .positiveOrInfinite: return "a number > 0 or Infinity"
    }
  }

  static func show(_ d: Double) -> String { d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : d.description }

  static func integerExpectation(_ r: ClosedRange<Int>) -> String {
    switch (r.lowerBound, r.upperBound) {
    case (Int.min, Int.max): return "an integer"
    case (let a, Int.max): return "an integer ≥ \(a)"
    case (let a, let b): return "an integer in [\(a), \(b)]"
    }
  }
}
