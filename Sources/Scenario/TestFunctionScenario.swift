import Market

/// The `testFunction` scenario kind — a verification kind, not a market: a closed-form test
/// function of sensitivity analysis (``TestFunctionModel``) at the inputs `inputs.x1` … `inputs.x16`,
/// whose summary metric is `y`. Used to check `datamarket analyze` against known indices.
///
///     { kind: "testFunction", function: "gFunction", coefficients: [0, 1, 9, 99], inputs: { x1: 0.5 } }
public enum TestFunctionScenario {
  typealias Key = ScenarioKey<TestFunctionModel>

  static var keys: [Key] {
    [
      .choice("", "function", \.function,
              "verification kind: the test function (Ishigami a = 7, b = 0.1 on x1–x3 in [−π, π], or Sobol's g on [0, 1])"),
      .custom("", "coefficients", type: "array", range: "1–16 numbers ≥ 0", default: "[0, 1, 4.5, 9, 99, 99]",
              "the g-function's aᵢ, one per input (smaller is more important)", read: readCoefficients),
    ] + (1...TestFunctionModel.maxInputs).map { i in
      .number("inputs", "x\(i)", \.inputs[i - 1], .finite, "input \(i) of the test function")
    }
  }

  /// The kind's reference rows: the common keys (its `kind` row naming this verification kind) and its own.
  static func rows(common: [ScenarioKeyRow]) -> [ScenarioKeyRow] {
    common.map { row in
      guard row.path == "kind" else { return row }
      var r = row
      r.range = "\"testFunction\" (a verification kind, beside " + Scenario.kinds.map { "\"\($0)\"" }.joined(separator: ", ") + ")"
      return r
    } + keys.map { $0.row(TestFunctionModel()) }
  }

  static func readCoefficients(_ r: inout ConfigReader, _ m: inout TestFunctionModel) throws(ScenarioError) {
    guard let items = try r.array("coefficients") else { return }
    guard (1...TestFunctionModel.maxInputs).contains(items.count) else {
      throw .invalid(source: r.node.source, path: r.path("coefficients"), expected: "1 to \(TestFunctionModel.maxInputs) coefficients",
                     found: "\(items.count)")
    }
    var values: [Double] = []
    for (i, item) in items.enumerated() { values.append(try ConfigReader.number(item, path: r.path("coefficients") + "[\(i)]", .nonNegative)) }
    m.coefficients = values
  }

  static func decode(_ root: inout ConfigReader) throws(ScenarioError) -> TestFunctionModel {
    var m = TestFunctionModel()
    try ScenarioKeyReading.read(&root, keys.filter { $0.section.isEmpty }, into: &m)
    try ScenarioKeyReading.readSection(&root, "inputs", keys.filter { $0.section == "inputs" }, into: &m)
    return m
  }
}
