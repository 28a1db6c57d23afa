/// A JSON5 parser (<https://spec.json5.org>) that records the line and column of every value and
/// reports syntax errors as `FILE:LINE:COLUMN: expected …, found …`.
///
/// Accepts strict JSON plus: `//` and `/* */` comments, unquoted identifier keys, single-quoted
/// strings, trailing commas, hexadecimal integers, leading or trailing decimal points, a leading
/// `+`, `Infinity` and `NaN`. Duplicate keys in one object are errors. Arrays and objects nest
/// at most ``maxDepth`` deep, so no input can exhaust the stack.
public struct JSON5Parser {
  /// The deepest nesting of arrays and objects accepted.
  public static let maxDepth = 256

  let bytes: [UInt8]
  let source: String
  var index = 0
  var line = 1
  var lineStart = 0
  var depth = 0

  /// Parses `text`; `source` names it in errors (a file path).
  public static func parse(_ text: String, source: String) throws(ScenarioError) -> JSONNode {
    var p = JSON5Parser(bytes: Array(text.utf8), source: source)
    try p.skipSpace()
    let node = try p.parseValue()
    try p.skipSpace()
    if p.index < p.bytes.count { throw p.error(expected: "end of input") }
    return node
  }

  var column: Int { index - lineStart + 1 }

  func error(expected: String) -> ScenarioError {
    .syntax(source: source, line: line, column: column, expected: expected, found: foundHere())
  }

  func foundHere() -> String {
    guard index < bytes.count else { return "end of input" }
    var end = index
    while end < bytes.count, end - index < 12, bytes[end] != 10, bytes[end] != 13 { end += 1 }
    let text = String(decoding: bytes[index..<end], as: UTF8.self)
    return "'" + text + "'"
  }

  /// Enters one more level of array or object nesting, refusing to go beyond ``maxDepth``.
  mutating func enterNesting() throws(ScenarioError) {
    depth += 1
    if depth > JSON5Parser.maxDepth {
      throw .syntax(source: source, line: line, column: column,
                    expected: "at most \(JSON5Parser.maxDepth) nested arrays and objects", found: "a deeper one")
    }
  }

  mutating func advance() {
    if bytes[index] == 10 { line += 1; lineStart = index + 1 }
    index += 1
  }

  mutating func skipSpace() throws(ScenarioError) {
    while index < bytes.count {
      let b = bytes[index]
      if b == 32 || b == 9 || b == 10 || b == 13 || b == 0xC2 && index + 1 < bytes.count && bytes[index + 1] == 0xA0 {
        if b == 0xC2 { index += 1 }
        advance()
      } else if b == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/") {
        while index < bytes.count, bytes[index] != 10 { advance() }
      } else if b == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
        let (l, c) = (line, column)
        advance(); advance()
        while true {
          guard index < bytes.count else {
            throw .syntax(source: source, line: l, column: c, expected: "'*/' to close this comment", found: "end of input")
          }
          if bytes[index] == UInt8(ascii: "*"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/") {
            advance(); advance(); break
          }
          advance()
        }
      } else if b == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF {
        index += 3  // byte-order mark
      } else {
        return
      }
    }
  }

  mutating func parseValue() throws(ScenarioError) -> JSONNode {
    guard index < bytes.count else { throw error(expected: "a value") }
    let (l, c) = (line, column)
    let b = bytes[index]
    switch b {
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "\""), UInt8(ascii: "'"):
      return JSONNode(.string(try parseString()), source: source, line: l, column: c)
    default:
      if b == UInt8(ascii: "-") || b == UInt8(ascii: "+") || b == UInt8(ascii: ".") || (b >= 48 && b <= 57) {
        return try parseNumber()
      }
      if isIdentifierStart(b) {
        let word = parseIdentifier()
        switch word {
        case "true": return JSONNode(.bool(true), source: source, line: l, column: c)
        case "false": return JSONNode(.bool(false), source: source, line: l, column: c)
        case "null": return JSONNode(.null, source: source, line: l, column: c)
        case "Infinity": return JSONNode(.number(.infinity, text: "Infinity"), source: source, line: l, column: c)
        case "NaN": return JSONNode(.number(.nan, text: "NaN"), source: source, line: l, column: c)
        default:
          throw .syntax(source: source, line: l, column: c, expected: "a value", found: "'\(Abbreviation.of(word))'")
        }
      }
      throw error(expected: "a value")
    }
  }

  mutating func parseObject() throws(ScenarioError) -> JSONNode {
    let (l, c) = (line, column)
    try enterNesting()
    defer { depth -= 1 }
    advance()  // {
    var members: [JSONNode.Member] = []
    try skipSpace()
    while true {
      guard index < bytes.count else { throw error(expected: "a key or '}'") }
      if bytes[index] == UInt8(ascii: "}") { advance(); break }
      let (kl, kc) = (line, column)
      let key: String
      if bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
        key = try parseString()
      } else if isIdentifierStart(bytes[index]) {
        key = parseIdentifier()
      } else {
        throw error(expected: "a key or '}'")
      }
      if members.contains(where: { $0.key == key }) {
        throw .syntax(source: source, line: kl, column: kc, expected: "each key once in an object", found: "'\(Abbreviation.of(key))' again")
      }
      try skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error(expected: "':' after key '\(Abbreviation.of(key))'") }
      advance()
      try skipSpace()
      let value = try parseValue()
      members.append(.init(key: key, value: value))
      try skipSpace()
      guard index < bytes.count else { throw error(expected: "',' or '}'") }
      if bytes[index] == UInt8(ascii: ",") { advance(); try skipSpace(); continue }
      if bytes[index] == UInt8(ascii: "}") { advance(); break }
      throw error(expected: "',' or '}'")
    }
    return JSONNode(.object(members), source: source, line: l, column: c)
  }

  mutating func parseArray() throws(ScenarioError) -> JSONNode {
    let (l, c) = (line, column)
    try enterNesting()
    defer { depth -= 1 }
    advance()  // [
    var items: [JSONNode] = []
    try skipSpace()
    while true {
      guard index < bytes.count else { throw error(expected: "a value or ']'") }
      if bytes[index] == UInt8(ascii: "]") { advance(); break }
      items.append(try parseValue())
      try skipSpace()
      guard index < bytes.count else { throw error(expected: "',' or ']'") }
      if bytes[index] == UInt8(ascii: ",") { advance(); try skipSpace(); continue }
      if bytes[index] == UInt8(ascii: "]") { advance(); break }
      throw error(expected: "',' or ']'")
    }
    return JSONNode(.array(items), source: source, line: l, column: c)
  }

  mutating func parseString() throws(ScenarioError) -> String {
    let (l, c) = (line, column)
    let quote = bytes[index]
    advance()
    var out: [UInt8] = []
    while true {
      guard index < bytes.count else {
        throw .syntax(source: source, line: l, column: c, expected: "a closing quote for this string", found: "end of input")
      }
      let b = bytes[index]
      if b == quote { advance(); break }
      if b == 10 || b == 13 {
        throw .syntax(source: source, line: l, column: c, expected: "a closing quote for this string", found: "end of line")
      }
      if b == UInt8(ascii: "\\") {
        advance()
        guard index < bytes.count else { throw error(expected: "an escape character") }
        let e = bytes[index]
        switch e {
        case UInt8(ascii: "n"): out.append(10)
        case UInt8(ascii: "t"): out.append(9)
        case UInt8(ascii: "r"): out.append(13)
        case UInt8(ascii: "b"): out.append(8)
        case UInt8(ascii: "f"): out.append(12)
        case UInt8(ascii: "0"): out.append(0)
        case 10: break  // line continuation
        case UInt8(ascii: "u"):
          guard let v = hex4(at: index + 1) else { throw error(expected: "four hex digits after \\u") }
          index += 4
          var code = v
          if (0xD800...0xDBFF).contains(v) {
            // a UTF-16 surrogate pair: \uD83D\uDE00 is one character
            guard index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "\\"), bytes[index + 2] == UInt8(ascii: "u"),
                  let low = hex4(at: index + 3), (0xDC00...0xDFFF).contains(low) else {
              throw error(expected: "a low surrogate \\uDC00–\\uDFFF after the high surrogate \\u" + String(v, radix: 16, uppercase: true))
            }
            code = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
            index += 6
          } else if (0xDC00...0xDFFF).contains(v) {
            throw error(expected: "a high surrogate \\uD800–\\uDBFF before the low surrogate \\u" + String(v, radix: 16, uppercase: true))
          }
          guard let scalar = Unicode.Scalar(code) else { throw error(expected: "four hex digits after \\u") }
          out.append(contentsOf: Array(String(Character(scalar)).utf8))
        default: out.append(e)
        }
        advance()
        continue
      }
      out.append(b)
      advance()
    }
    return String(decoding: out, as: UTF8.self)
  }

  mutating func parseNumber() throws(ScenarioError) -> JSONNode {
    let (l, c) = (line, column)
    let start = index
    while index < bytes.count {
      let b = bytes[index]
      let isPart = (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122)
        || b == UInt8(ascii: ".") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
      if !isPart { break }
      index += 1
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    var body = Substring(text)
    var negative = false
    if body.hasPrefix("+") { body = body.dropFirst() } else if body.hasPrefix("-") { negative = true; body = body.dropFirst() }
    var value: Double?
    if body == "Infinity" {
      value = .infinity
    } else if body == "NaN" {
      value = .nan
    } else if body.hasPrefix("0x") || body.hasPrefix("0X") {
      let digits = body.dropFirst(2)
      value = digits.allSatisfy(\.isHexDigit) ? UInt64(digits, radix: 16).map { Double($0) } : nil
    } else if let first = body.first, first.isASCII && (first.isNumber || first == "."),   // one sign at most: not --1 or +-1
              body.allSatisfy({ "0123456789.eE+-".contains($0) }) {
      value = Double(body.hasSuffix(".") ? body + "0" : body)
    }
    guard let v = value else {
      throw .syntax(source: source, line: l, column: c, expected: "a number", found: "'\(Abbreviation.of(text))'")
    }
    return JSONNode(.number(negative ? -v : v, text: text), source: source, line: l, column: c)
  }

  /// The value of the four hex digits at `i`, or nil (fewer than four, or not hex digits).
  func hex4(at i: Int) -> UInt32? {
    guard i + 3 < bytes.count else { return nil }
    var v: UInt32 = 0
    for b in bytes[i...(i + 3)] {
      guard let d = Character(Unicode.Scalar(b)).hexDigitValue else { return nil }
      v = v << 4 | UInt32(d)
    }
    return v
  }

  func isIdentifierStart(_ b: UInt8) -> Bool {
    (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == UInt8(ascii: "_") || b == UInt8(ascii: "$")
  }

  mutating func parseIdentifier() -> String {
    let start = index
    while index < bytes.count {
      let b = bytes[index]
      if isIdentifierStart(b) || (b >= 48 && b <= 57) { index += 1 } else { break }
    }
    return String(decoding: bytes[start..<index], as: UTF8.self)
  }
}

import Output
