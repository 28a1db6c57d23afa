/// Text for SVG and XHTML: XML escaping, compact coordinates, readable numbers.
public enum SVGText {
  /// `&`, `<`, `>`, `"` and `'` escaped; control characters other than tab and newline dropped
  /// (they are not allowed in XML).
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for ch in text.unicodeScalars {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\t", "\n": out.unicodeScalars.append(ch)
      default:
        if ch.value < 0x20 || (ch.value >= 0x7F && ch.value < 0xA0) || ch.value == 0xFFFE || ch.value == 0xFFFF { continue }
        out.unicodeScalars.append(ch)
      }
    }
    return out
  }

  /// A coordinate with at most one decimal.
  public static func number(_ x: Double) -> String {
    guard x.isFinite else { return "0" }
    let r = (x * 10).rounded() / 10
    return r == r.rounded() ? String(Int(r)) : String(r)
  }

  /// A value as people read it: thousands separators, 3 significant digits for fractions,
  /// k/M/bn beyond a million, "–" for a missing value.
  public static func label(_ x: Double) -> String {
    guard x.isFinite else { return x.isNaN ? "–" : (x > 0 ? "∞" : "−∞") }
    let a = Swift.abs(x), sign = x < 0 ? "−" : ""
    if a >= 1e9 { return sign + trim(a / 1e9, 3) + " bn" }
    if a >= 1e6 { return sign + trim(a / 1e6, 3) + " M" }
    if a >= 1000 || a == a.rounded() { return sign + grouped(Int(a.rounded())) }
    return sign + trim(a, 3)
  }

  /// `x` with `digits` significant digits, no trailing zeros.
  public static func trim(_ x: Double, _ digits: Int) -> String {
    guard x != 0 else { return "0" }
    var scale = 1.0, d = digits
    var m = x
    while m >= 10 { m /= 10; d -= 1 }
    while m < 1 { m *= 10; d += 1 }
    for _ in 0..<Swift.max(0, d - 1) { scale *= 10 }
    let r = (x * scale).rounded() / scale
    var s = String(r)
    if s.hasSuffix(".0") { s.removeLast(2) }
    return s
  }

  /// An integer with thousands separators, `minus` before a negative one (a typographic minus
  /// on pages; scenario tables use "-", as JSON does).
  public static func grouped(_ i: Int, minus: String = "−") -> String {
    let digits = String(i.magnitude)
    var out = ""
    for (k, ch) in digits.enumerated() {
      if k > 0 && (digits.count - k) % 3 == 0 { out.append(",") }
      out.append(ch)
    }
    return (i < 0 ? minus : "") + out
  }
}
