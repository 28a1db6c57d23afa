/// A parsed JSON5 value together with where it came from, so every later error can name a file
/// and line. Objects keep their keys in source order.
public struct JSONNode: Sendable {
  /// The value.
  public indirect enum Value: Sendable {
    case null
    case bool(Bool)
    /// A number, with its source text (to tell integers from reals and report what was found).
    case number(Double, text: String)
    case string(String)
    case array([JSONNode])
    case object([Member])
  }

  /// One `key: value` member of an object.
  public struct Member: Sendable {
    public var key: String
    public var value: JSONNode
  }

  public var value: Value
  /// Where the value was written: a file name, or `--set key=value`.
  public var source: String
  /// 1-based line and column in `source` (0 when not from a file).
  public var line: Int
  public var column: Int

  public init(_ value: Value, source: String, line: Int = 0, column: Int = 0) {
    self.value = value; self.source = source; self.line = line; self.column = column
  }

  /// The member called `key`, if this is an object that has one whose value is not `null`
  /// (`null` means "absent": the key takes its default).
  public subscript(key: String) -> JSONNode? {
    guard let n = member(key) else { return nil }
    if case .null = n.value { return nil }
    return n
  }

  /// The member called `key` even when its value is `null` (which every read treats as absent).
  public func member(_ key: String) -> JSONNode? {
    if case .object(let members) = value { return members.first { $0.key == key }?.value }
    return nil
  }

  /// A short description of the value for "found …" in error messages.
  public var foundDescription: String {
    switch value {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .number(_, let text): return Abbreviation.of(text)
    case .string(let s): return JSONText.quote(Abbreviation.of(s))
    case .array: return "an array"
    case .object: return "an object"
    }
  }

  /// Overlays `other` onto this node: objects merge member by member (recursively), anything
  /// else is replaced. A `null` member clears an inherited key (it takes its default again).
  /// Used by `extends` and `--set`.
  public func merging(_ other: JSONNode) -> JSONNode {
    guard case .object(var base) = value, case .object(let over) = other.value else { return other }
    for m in over {
      if let i = base.firstIndex(where: { $0.key == m.key }) {
        if case .null = m.value.value { base.remove(at: i); continue }
        base[i].value = base[i].value.merging(m.value)
      } else {
        base.append(m)
      }
    }
    var merged = self
    merged.value = .object(base)
    return merged
  }

  /// Removes the member `key` from an object (no-op otherwise).
  public func removing(_ key: String) -> JSONNode {
    guard case .object(let members) = value else { return self }
    var copy = self
    copy.value = .object(members.filter { $0.key != key })
    return copy
  }

  /// Canonical JSON text of the value (sorted as written), for hashing a resolved scenario.
  public var canonicalText: String {
    switch value {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .number(let d, _): return d.isNaN ? "NaN" : d.isInfinite ? (d < 0 ? "-Infinity" : "Infinity") : d.description
    case .string(let s): return JSONText.quote(s)
    case .array(let items): return "[" + items.map(\.canonicalText).joined(separator: ",") + "]"
    case .object(let members):
      return "{" + members.map { JSONText.quote($0.key) + ":" + $0.value.canonicalText }.joined(separator: ",") + "}"
    }
  }
}

import Output
