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

  /// `path` made absolute against the working folder, with `.` and `..` resolved (symbolic links
  /// are not followed): one spelling for a file however it was named.
  public static func absolutePath(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }

  /// Loads `path`, resolving `extends` (child keys override the parent's, objects merge deeply).
  public static func load(_ path: String, chain: [String] = []) throws(ScenarioError) -> JSONNode {
    let canonical = absolutePath(path)
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
  /// `[1,2]` and `"x"` keep their types); text that is not JSON5 is taken as a string. Errors
  /// name each override by `origin` and its text (`--set queue.customers=0`; a sweep's or a
  /// calibration's values are its `parameter`s).
  public static func apply(overrides: [String], to root: JSONNode, origin: String = "--set") throws(ScenarioError) -> JSONNode {
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
      let source = overrideLabel(text, origin: origin)
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
      if keys.contains(where: { $0.contains("[") || $0.contains("]") }) {
        // an element of an array: `regions[0].buyerArrivalRate=60`; an array the scenario leaves
        // to its default is first written out as the default (where the kind has one)
        if let first = keys.firstIndex(where: { $0.contains("[") }) {
          let prefix = (keys[..<first] + [String(keys[first].prefix { $0 != "[" })]).joined(separator: ".")
          if node(at: prefix, in: result) == nil, let array = defaultArray(at: prefix, in: result) {
            var patch = array
            for key in prefix.split(separator: ".").reversed() { patch = JSONNode(.object([.init(key: String(key), value: patch)]), source: array.source) }
            result = result.merging(patch)
          }
        }
        result = try setting(value, at: keys[...], in: result, walked: "", text: text)
        continue
      }
      var patch = value
      for key in keys.reversed() {
        patch = JSONNode(.object([.init(key: key, value: patch)]), source: source)
      }
      result = result.merging(patch)
    }
    return result
  }

  /// `node` with `value` overlaid at the key path `path` (components after `walked`), where a
  /// component may index an array the scenario writes (`regions[0]`, `a[1][2]`): objects on the
  /// way are created where missing, as ``apply(overrides:to:origin:)`` does, and the element
  /// indexed must exist — an index needs the array's elements, so an array the scenario leaves to
  /// its default is set whole (`regions=[…]`).
  static func setting(_ value: JSONNode, at path: ArraySlice<String>, in node: JSONNode, walked: String,
                      text: String) throws(ScenarioError) -> JSONNode {
    guard let component = path.first else { return node.merging(value) }
    let (key, indices) = try indexedKey(component, text: text)
    let here = walked.isEmpty ? key : walked + "." + key
    var members: [JSONNode.Member] = []
    if case .object(let m) = node.value { members = m }
    let existing = members.first { $0.key == key }?.value
    var child: JSONNode
    if indices.isEmpty {
      child = try setting(value, at: path.dropFirst(), in: existing ?? JSONNode(.object([]), source: value.source), walked: here, text: text)
    } else {
      guard let array = existing, case .array = array.value else {
        let found = existing.map { "found \($0.foundDescription)" } ?? "the scenario does not write it (it takes its default)"
        throw .badOverride(text: text, reason: "expected \(here) to be an array the scenario writes, to index one of its elements; \(found): "
                           + "write the array in the scenario, or set it whole with \(here)=[…]")
      }
      child = try settingElement(value, indices: indices[...], rest: path.dropFirst(), in: array, walked: here, text: text)
    }
    if let i = members.firstIndex(where: { $0.key == key }) { members[i].value = child } else { members.append(.init(key: key, value: child)) }
    var result = node
    if case .object = node.value {} else { result = JSONNode(.object([]), source: value.source) }
    result.value = .object(members)
    return result
  }

  /// The element at `indices` of `array` (nested arrays), with `value` overlaid at `rest` inside it.
  static func settingElement(_ value: JSONNode, indices: ArraySlice<Int>, rest: ArraySlice<String>, in array: JSONNode, walked: String,
                             text: String) throws(ScenarioError) -> JSONNode {
    guard let i = indices.first else { return try setting(value, at: rest, in: array, walked: walked, text: text) }
    guard case .array(var items) = array.value else {
      throw .badOverride(text: text, reason: "expected \(walked) to be an array, found \(array.foundDescription)")
    }
    guard i < items.count else {
      throw .badOverride(text: text, reason: "expected an index below \(items.count) (\(walked) has \(items.count) element\(items.count == 1 ? "" : "s")), found [\(i)]")
    }
    items[i] = try settingElement(value, indices: indices.dropFirst(), rest: rest, in: items[i], walked: walked + "[\(i)]", text: text)
    var result = array
    result.value = .array(items)
    return result
  }

  /// The default array at key path `path` for the scenario `root`'s kind (see
  /// ``DataMarketScenario/defaultArray(at:in:)``), or nil.
  static func defaultArray(at path: String, in root: JSONNode) -> JSONNode? {
    guard case .string("dataMarket")? = root["kind"]?.value else { return nil }
    return DataMarketScenario.defaultArray(at: path, in: root)
  }

  /// The value at `keyPath` (`a.b`, `regions[1].buyerArrivalRate`) in `root`, or nil.
  public static func node(at keyPath: String, in root: JSONNode) -> JSONNode? {
    var node: JSONNode? = root
    for component in keyPath.split(separator: ".", omittingEmptySubsequences: false) {
      guard let (key, indices) = try? indexedKey(String(component), text: keyPath) else { return nil }
      node = node?[key]
      for i in indices {
        guard case .array(let items)? = node?.value, i < items.count else { return nil }
        node = items[i]
      }
    }
    return node
  }

  /// A key path component and its array indices: `regions[0]` → ("regions", [0]).
  static func indexedKey(_ component: String, text: String) throws(ScenarioError) -> (key: String, indices: [Int]) {
    guard let open = component.firstIndex(of: "[") else {
      if component.contains("]") { throw .badOverride(text: text, reason: "expected KEY[INDEX] with a '[' before each ']'") }
      return (component, [])
    }
    let key = String(component[..<open])
    var indices: [Int] = []
    var rest = component[open...]
    while !rest.isEmpty {
      guard rest.first == "[", let close = rest.firstIndex(of: "]"), let i = Int(rest[rest.index(after: rest.startIndex)..<close]), i >= 0,
            i < 1 << 30 else {
        throw .badOverride(text: text, reason: "expected KEY[INDEX] with INDEX a whole number ≥ 0, found \(Abbreviation.of(component))")
      }
      indices.append(i)
      rest = rest[rest.index(after: close)...]
    }
    guard !key.isEmpty else { throw .badOverride(text: text, reason: "expected a key before [INDEX]") }
    return (key, indices)
  }

  /// Whether key path `inner` lies inside the object at key path `outer` (`queue.customers` in
  /// `queue`); a path is not inside itself.
  public static func isInside(_ inner: String, _ outer: String) -> Bool { inner.hasPrefix(outer + ".") }

  /// Whether setting one of the key paths `a` and `b` would set or replace the other: the same
  /// path, or one inside the other's object.
  public static func overlap(_ a: String, _ b: String) -> Bool { a == b || isInside(a, b) || isInside(b, a) }

  /// How errors name the override `text`: `--set KEY.PATH=VALUE` (or another `origin`), with a
  /// long key path or value abbreviated (``Abbreviation``).
  public static func overrideLabel(_ text: String, origin: String = "--set") -> String {
    guard let eq = text.firstIndex(of: "=") else { return origin + " " + Abbreviation.of(text, limit: 80) }
    let key = String(text[..<eq]), value = String(text[text.index(after: eq)...])
    return origin + " " + Abbreviation.of(key, limit: 80) + "=" + Abbreviation.of(value)
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
