import Testing
@testable import Scenario

@Suite struct JSON5ParserTests {
  @Test func acceptsJSON5Conveniences() throws {
    let text = """
    // a comment
    {
      name: 'single', /* block */
      "quoted": 1,
      hex: 0x1F, lead: .5, trail: 5., plus: +3, inf: Infinity,
      list: [1, 2, 3,],
      nested: { ok: true, nothing: null, },
    }
    """
    let n = try JSON5Parser.parse(text, source: "t.json5")
    guard case .string("single") = n["name"]!.value else { Issue.record("name"); return }
    func number(_ key: String) -> Double? {
      if case .number(let d, _) = n[key]?.value { return d }
      return nil
    }
    #expect(number("hex") == 31)
    #expect(number("lead") == 0.5)
    #expect(number("trail") == 5)
    #expect(number("plus") == 3)
    #expect(number("inf") == .infinity)
    guard case .array(let items) = n["list"]!.value else { Issue.record("list"); return }
    #expect(items.count == 3)
    #expect(n["nested"]!["ok"]!.line == 7)
    #expect(n["list"]!.line == 6 && n["list"]!.column == 9)
  }

  /// \u escapes: a UTF-16 surrogate pair is one character; a lone surrogate is named as such.
  @Test func surrogatePairsDecodeAndLoneSurrogatesAreNamed() throws {
    let n = try JSON5Parser.parse(#"{ s: "a\ud83d\ude00b\u00e9" }"#, source: "t.json")
    guard case .string(let decoded)? = n["s"]?.value else { Issue.record("not a string"); return }
    #expect(decoded == "a😀bé")
    for (text, expected) in [(#"{ s: "\ud800" }"#, "expected a low surrogate \\uDC00–\\uDFFF after the high surrogate \\uD800"),
                             (#"{ s: "\ud800\u0041" }"#, "expected a low surrogate \\uDC00–\\uDFFF after the high surrogate \\uD800"),
                             (#"{ s: "\udc00" }"#, "expected a high surrogate \\uD800–\\uDBFF before the low surrogate \\uDC00"),
                             (#"{ s: "\u12g4" }"#, "expected four hex digits after \\u")] {
      do {
        _ = try JSON5Parser.parse(text, source: "t.json")
        Issue.record("expected an error for \(text)")
      } catch {
        #expect(error.description.contains(expected), "\(text): \(error.description)")
      }
    }
  }

  @Test(arguments: [
    ("{\n  a: 1,\n  b: 2 x\n}", "t.json:3:8: expected ',' or '}', found 'x'"),
    ("{ a: [1,, 2] }", "t.json:1:9: expected a value, found ', 2] }'"),
    ("{ a: \"open }", "t.json:1:6: expected a closing quote for this string, found end of input"),
    ("", "t.json:1:1: expected a value, found end of input"),
    ("{ a: 1, a: 2 }", "t.json:1:9: expected each key once in an object, found 'a' again"),
    ("{ a: 1 } extra", "t.json:1:10: expected end of input, found 'extra'"),
    ("{ a: tru }", "t.json:1:6: expected a value, found 'tru'"),
    ("{ a: 1.2.3 }", "t.json:1:6: expected a number, found '1.2.3'"),
    ("{ a: --7 }", "t.json:1:6: expected a number, found '--7'"),
    ("{ a: +-1 }", "t.json:1:6: expected a number, found '+-1'"),
    ("{ a: -+0.5 }", "t.json:1:6: expected a number, found '-+0.5'"),
    ("{ a: 0x+1F }", "t.json:1:6: expected a number, found '0x+1F'"),
    ("{ /* open", "t.json:1:3: expected '*/' to close this comment, found end of input"),
  ])
  func syntaxErrorsNameLineAndColumn(text: String, message: String) {
    do {
      _ = try JSON5Parser.parse(text, source: "t.json")
      Issue.record("expected an error for \(text)")
    } catch {
      #expect(error.description == message)
    }
  }
}
