/// A small, deterministic JSON writer for metadata files (`run.json`, `sweep.json`): keys keep the
/// order they were added in, doubles print in shortest round-trip form, strings are escaped.
public struct JSONText: Sendable {
  /// One JSON value.
  public indirect enum Value: Sendable, Equatable {
    case string(String), int(Int64), double(Double), bool(Bool), null
    case array([Value])
    case object([(String, Value)])

    public static func == (a: Value, b: Value) -> Bool { JSONText.render(a) == JSONText.render(b) }
  }

  /// Renders `value` with two-space indentation and a final newline.
  public static func render(_ value: Value) -> String {
    var out = ""
    write(value, indent: 0, into: &out)
    return out
  }

  /// Renders `value` and appends a newline (file form).
  public static func file(_ value: Value) -> String { render(value) + "\n" }

  static func write(_ value: Value, indent: Int, into out: inout String) {
    let pad = String(repeating: "  ", count: indent + 1)
    let closePad = String(repeating: "  ", count: indent)
    switch value {
    case .string(let s): out += quote(s)
    case .int(let i): out += String(i)
    case .double(let d): out += d.isFinite ? d.description : "null"
    case .bool(let b): out += b ? "true" : "false"
    case .null: out += "null"
    case .array(let items):
      if items.isEmpty { out += "[]"; return }
      out += "[\n"
      for (i, item) in items.enumerated() {
        out += pad; write(item, indent: indent + 1, into: &out)
        out += i + 1 < items.count ? ",\n" : "\n"
      }
      out += closePad + "]"
    case .object(let members):
      if members.isEmpty { out += "{}"; return }
      out += "{\n"
      for (i, (k, v)) in members.enumerated() {
        out += pad + quote(k) + ": "; write(v, indent: indent + 1, into: &out)
        out += i + 1 < members.count ? ",\n" : "\n"
      }
      out += closePad + "}"
    }
  }

  /// `s` as a JSON string literal.
  public static func quote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else { out.unicodeScalars.append(scalar) }
      }
    }
    return out + "\""
  }
}
