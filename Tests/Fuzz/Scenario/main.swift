// Fuzz target `scenario` (scripts/fuzz-inputs.sh scenario SECONDS): a scenario file's text and
// `--set` overrides through the same steps as `datamarket validate FILE --set …`. Input: the
// scenario text, then optionally a line `---` followed by one override per line.
// Compiled as one module with the Sources layers, so it calls internal API directly.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ data: UnsafeRawPointer, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeRawBufferPointer(start: data, count: size), as: UTF8.self)
  var parts = text.split(separator: "\n---\n", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
  let overrides = parts.count > 1 ? parts.removeLast().split(separator: "\n").map(String.init) : []
  do {
    let root = try JSON5Parser.parse(parts[0], source: "fuzz.json")
    guard case .object = root.value else { return 0 }
    let resolved = try ScenarioLoader.apply(overrides: overrides, to: root.removing("extends"))
    let scenario = try Scenario.decode(resolved, file: "fuzz.json")
    precondition(ScenarioName.isValid(scenario.name), "a decoded scenario has an invalid name: \(scenario.name)")
  } catch {
    let message = OverrideAttribution.attribute(error, overrides: overrides).description
    precondition(!message.isEmpty && message.count < 4_000, "an error message of \(message.count) characters")
  }
  return 0
}
