import Foundation

/// Loads a scenario (or sweep) file into one resolved ``JSONNode``: parses JSON5, follows
/// `extends` chains (relative to each file, cycles and missing files are errors) and overlays
/// `--set key.path=value` overrides.
public enum ScenarioLoader {
  /// Reads and parses one file, without following `extends`.
  public static func parseFile(_ path: String) throws(ScenarioError) -> JSONNode {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      var isFolder: ObjCBool = false
      let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
      let reason = !exists ? "no such file" : isFolder.boolValue ? "is a folder, expected a file" : "not readable UTF-8 text"
      throw .cannotRead(path: path, reason: reason)
    }
    return try JSON5Parser.parse(text, source: path)
  }

  /// Loads `path`, resolving `extends` (child keys override the parent's, objects merge deeply).
  public static func load(_ path: String, chain: [String] = []) throws(ScenarioError) -> JSONNode {
    let canonical = URL(fileURLWithPath: path).standardizedFileURL.path
    if chain.contains(canonical) { throw .extendsCycle(chain: chain + [canonical]) }
    let node = try parseFile(path)
    guard case .object = node.value else {
      throw .invalid(source: path, path: "$", expected: "an object", found: node.foundDescription)
    }
    guard let parentNode = node["extends"] else { return node }
    let parentName = try ConfigReader.string(parentNode, path: "$.extends")
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
    let parentPath = parentName.hasPrefix("/") ? parentName : folder.appendingPathComponent(parentName).path
    let parent: JSONNode
    do {
      parent = try load(parentPath, chain: chain + [canonical])
    } catch {
      if case .cannotRead(_, let reason) = error {
        throw .invalid(source: path, path: "$.extends", expected: "a readable scenario file (\(reason))",
                       found: parentNode.foundDescription)
      }
      throw error
    }
    return parent.merging(node.removing("extends"))
  }

  /// Overlays `key.path=value` overrides in order. The value is read as JSON5 (so `40`, `true`,
  /// `[1,2]` and `"x"` keep their types); text that is not JSON5 is taken as a string.
  public static func apply(overrides: [String], to root: JSONNode) throws(ScenarioError) -> JSONNode {
    var result = root
    for text in overrides {
      guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
        throw .badOverride(text: text, reason: "expected KEY.PATH=VALUE")
      }
      let keyPath = String(text[..<eq])
      let valueText = String(text[text.index(after: eq)...])
      let keys = keyPath.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
      guard !keys.contains(where: \.isEmpty) else {
        throw .badOverride(text: text, reason: "expected KEY.PATH=VALUE with no empty key")
      }
      guard keys.count <= JSON5Parser.maxDepth else {
        throw .badOverride(text: text, reason: "expected a key path of at most \(JSON5Parser.maxDepth) keys")
      }
      let source = overrideLabel(text)
      var value: JSONNode
      do {
        value = try JSON5Parser.parse(valueText, source: source)
      } catch {
        // Text meant as an array, object or quoted string must parse; any other text is a string.
        let first = valueText.first { !$0.isWhitespace }
        if let first, "[{\"'".contains(first) { throw error }
        value = JSONNode(.string(valueText), source: source)
      }
      value = relabel(value, source: source)
      var patch = value
      for key in keys.reversed() {
        patch = JSONNode(.object([.init(key: key, value: patch)]), source: source)
      }
      result = result.merging(patch)
    }
    return result
  }

  /// Whether key path `inner` lies inside the object at key path `outer` (`queue.customers` in
  /// `queue`); a path is not inside itself.
  public static func isInside(_ inner: String, _ outer: String) -> Bool { inner.hasPrefix(outer + ".") }

  /// Whether setting one of the key paths `a` and `b` would set or replace the other: the same
  /// path, or one inside the other's object.
  public static func overlap(_ a: String, _ b: String) -> Bool { a == b || isInside(a, b) || isInside(b, a) }

  /// How errors name the override `text`: `--set KEY.PATH=VALUE`, with a long key path or value
  /// abbreviated (``Abbreviation``).
  public static func overrideLabel(_ text: String) -> String {
    guard let eq = text.firstIndex(of: "=") else { return "--set " + Abbreviation.of(text, limit: 80) }
    let key = String(text[..<eq]), value = String(text[text.index(after: eq)...])
    return "--set " + Abbreviation.of(key, limit: 80) + "=" + Abbreviation.of(value)
  }

  static func relabel(_ node: JSONNode, source: String) -> JSONNode {
    var n = node
    n.source = source
    switch n.value {
    case .array(let items): n.value = .array(items.map { relabel($0, source: source) })
    case .object(let members): n.value = .object(members.map { .init(key: $0.key, value: relabel($0.value, source: source)) })
    default: break
    }
    return n
  }
}
