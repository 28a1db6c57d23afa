import Output

/// One scenario key, declared once: where it sits, what it holds (type and range), its default,
/// unit, symbol and meaning, and how it is read into the configuration `Config`. The same
/// declaration decodes and validates the key, names it in errors, and prints it in
/// `datamarket keys` and the README's scenario reference.
public struct ScenarioKey<Config> {
  /// The object the key sits in, as a path from the scenario's root (`market`, `exchanges.defaults`,
  /// `regions[]`); empty for the root.
  public let section: String
  /// The key's own name (`periods`).
  public let name: String
  /// `number`, `integer`, `boolean`, `string`, `array`.
  public let type: String
  /// What values are allowed, as people write it: `> 0`, `[0, 1]`, `1–10,000`, `"off", "regional"`.
  public let range: String
  /// The numeric bounds when both are finite (for tests that try every key at its extremes).
  public var bounds: ClosedRange<Double>? = nil
  /// The unit (`days`, `RMB 10,000`, `per day`, `share`), empty when none.
  public let unit: String
  /// DOMAIN's symbol (`φ_s`), empty when none.
  public let symbol: String
  /// One line: what the key means, and where its default comes from ([S17], or "assumed").
  public let meaning: String
  /// The default as text, from the configuration's own default value.
  public let defaultText: (Config) -> String
  /// Reads the key from `reader` (absent: the default stays) into `config`.
  public let read: (inout ConfigReader, inout Config) throws(ScenarioError) -> Void

  /// The full key path, `market.periods`.
  public var path: String { section.isEmpty ? name : section + "." + name }

  public init(section: String, name: String, type: String, range: String, unit: String, symbol: String, meaning: String,
              defaultText: @escaping (Config) -> String,
              read: @escaping (inout ConfigReader, inout Config) throws(ScenarioError) -> Void) {
    self.section = section; self.name = name; self.type = type; self.range = range; self.unit = unit; self.symbol = symbol
    self.meaning = meaning; self.defaultText = defaultText; self.read = read
  }

  /// A real number checked against `rule`.
  public static func number(_ section: String, _ name: String, _ key: WritableKeyPath<Config, Double>, _ rule: NumberRule,
                            unit: String = "", symbol: String = "", _ meaning: String) -> ScenarioKey {
    var k = ScenarioKey(section: section, name: name, type: "number", range: rule.shortText, unit: unit, symbol: symbol, meaning: meaning,
                        defaultText: { ScenarioKeyText.number($0[keyPath: key]) },
                        read: { (r: inout ConfigReader, c: inout Config) throws(ScenarioError) in
                          c[keyPath: key] = try r.number(name, default: c[keyPath: key], rule)
                        })
    k.bounds = rule.finiteBounds
    return k
  }

  /// An integer in `range`.
  public static func integer(_ section: String, _ name: String, _ key: WritableKeyPath<Config, Int>, _ range: ClosedRange<Int>,
                             unit: String = "", symbol: String = "", _ meaning: String) -> ScenarioKey {
    var k = ScenarioKey(section: section, name: name, type: "integer", range: ScenarioKeyText.integerRange(range), unit: unit,
                        symbol: symbol, meaning: meaning, defaultText: { ScenarioKeyText.integer($0[keyPath: key]) },
                        read: { (r: inout ConfigReader, c: inout Config) throws(ScenarioError) in
                          c[keyPath: key] = try r.integer(name, default: c[keyPath: key], range)
                        })
    if range.upperBound < Int.max { k.bounds = Double(range.lowerBound)...Double(range.upperBound) }
    return k
  }

  /// `true` or `false`.
  public static func bool(_ section: String, _ name: String, _ key: WritableKeyPath<Config, Bool>, symbol: String = "",
                          _ meaning: String) -> ScenarioKey {
    ScenarioKey(section: section, name: name, type: "boolean", range: "true, false", unit: "", symbol: symbol, meaning: meaning,
                defaultText: { String($0[keyPath: key]) },
                read: { (r: inout ConfigReader, c: inout Config) throws(ScenarioError) in
                  c[keyPath: key] = try r.bool(name, default: c[keyPath: key])
                })
  }

  /// One of an enumeration's raw values.
  public static func choice<E: RawRepresentable & CaseIterable>(_ section: String, _ name: String, _ key: WritableKeyPath<Config, E>,
                                                                 symbol: String = "", _ meaning: String) -> ScenarioKey
  where E.RawValue == String {
    let allowed = E.allCases.map(\.rawValue)
    return ScenarioKey(section: section, name: name, type: "string", range: allowed.map { "\"\($0)\"" }.joined(separator: ", "),
                       unit: "", symbol: symbol, meaning: meaning, defaultText: { "\"\($0[keyPath: key].rawValue)\"" },
                       read: { (r: inout ConfigReader, c: inout Config) throws(ScenarioError) in
                         c[keyPath: key] = E(rawValue: try r.string(name, default: c[keyPath: key].rawValue, allowed: allowed))!
                       })
  }

  /// A key read by hand-written code (arrays of objects, names of other entries): declared here
  /// for the reference, with its reader.
  public static func custom(_ section: String, _ name: String, type: String, range: String, unit: String = "", symbol: String = "",
                            default text: String, _ meaning: String,
                            read: @escaping (inout ConfigReader, inout Config) throws(ScenarioError) -> Void) -> ScenarioKey {
    ScenarioKey(section: section, name: name, type: type, range: range, unit: unit, symbol: symbol, meaning: meaning,
                defaultText: { _ in text }, read: read)
  }
}

/// How key tables print numbers and ranges: shortest form, thousands separators for integers.
public enum ScenarioKeyText {
  public static func number(_ d: Double) -> String {
    if d.isInfinite { return d > 0 ? "Infinity" : "-Infinity" }
    if d == d.rounded() && abs(d) <= 1e15 { return integer(Int(d)) }
    return d.description
  }

  public static func integer(_ i: Int) -> String { SVGText.grouped(i, minus: "-") }

  public static func integerRange(_ r: ClosedRange<Int>) -> String {
    switch (r.lowerBound, r.upperBound) {
    case (Int.min, Int.max): return "any integer"
    case (let a, Int.max): return "≥ \(integer(a))"
    case (let a, let b): return "\(integer(a))–\(integer(b))"
    }
  }
}

extension NumberRule {
  /// [low, high] when both ends are finite.
  var finiteBounds: ClosedRange<Double>? {
    switch self {
    case .unitInterval: return 0...1
    case .range(let a, let b) where a.isFinite && b.isFinite: return a...b
    default: return nil
    }
  }

  /// The rule as a range people read: `> 0`, `≥ 0`, `[0, 1]`.
  public var shortText: String {
    switch self {
    case .finite: return "finite"
    case .nonNegative: return "≥ 0"
    case .positive: return "> 0"
    case .unitInterval: return "[0, 1]"
    case .atLeast(let a): return "≥ \(ScenarioKeyText.number(a))"
    case .range(let a, let b): return "[\(ScenarioKeyText.number(a)), \(ScenarioKeyText.number(b))]"
    case .positiveOrInfinite: return "> 0 or Infinity"
    }
  }
}

/// Reading a scenario object through its declared keys.
enum ScenarioKeyReading {
  /// Reads the object `name` of `root` with `keys` into `c`, then `more` (hand-read keys and
  /// checks across keys), then rejects unknown keys.
  static func readSection<C>(_ root: inout ConfigReader, _ name: String, _ keys: [ScenarioKey<C>], into c: inout C,
                             more: (inout ConfigReader, inout C) throws(ScenarioError) -> Void = { (_, _) throws(ScenarioError) in })
    throws(ScenarioError) {
    var r = try root.object(name)
    try read(&r, keys, into: &c)
    try more(&r, &c)
    try r.finish()
  }

  /// Applies every key of `keys` to `c` from the object `r` reads.
  static func read<C>(_ r: inout ConfigReader, _ keys: [ScenarioKey<C>], into c: inout C) throws(ScenarioError) {
    for k in keys { try k.read(&r, &c) }
  }
}
