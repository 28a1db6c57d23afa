import Output
import Scenario
import Simulation

/// Saltelli's (2010) design for Sobol indices: two base matrices A and B of N rows × k
/// parameters, and for each parameter i the matrix A_B⁽ⁱ⁾ — A with column i taken from B —
/// N·(k + 2) points in all. A and B are the first and last k coordinates of a 2k-dimensional
/// Sobol sequence (Joe–Kuo directions, ``SobolSequence``) randomised by a digital shift drawn from
/// the sweep seed's `sobol` stream, so points are deterministic from the seed; N a power of two
/// keeps the sequence's balance. Each unit coordinate maps to a parameter's value as
/// ``SensitivityParameter`` says.
///
/// Point order (after a reference point, if any): block A (rows 0…N−1), block B, then
/// A_B⁽¹⁾ … A_B⁽ᵏ⁾; point `b·N + j` is row j of block b. `sweep.json` records it under
/// `sensitivity` (method, samples, blocks).
public enum SobolDesign {
  /// The most parameters: 2k dimensions of the Sobol sequence.
  public static let maxParameters = SobolSequence.maxDimensions / 2

  /// The points and their `sweep.json` description.
  static func points(_ parameters: [SensitivityParameter], samples n: Int, seed: UInt64, source: String)
    throws(ScenarioError) -> (points: [[SweepSpec.Assignment]], detail: JSONText.Value) {
    let k = parameters.count
    guard (1...maxParameters).contains(k) else {
      throw .invalid(source: source, path: "$.parameters", expected: "1 to \(maxParameters) parameters for a Sobol design", found: "\(k)")
    }
    try SweepSpec.checkRunCount(points: n * (k + 2), replications: 1, source: source)
    var rng = RandomStreams(masterSeed: seed).stream("sobol")
    let sequence = SobolSequence(dimensions: 2 * k, shift: (0..<2 * k).map { _ in UInt32(truncatingIfNeeded: rng.next() >> 32) })
    var a: [[Double]] = [], b: [[Double]] = []
    a.reserveCapacity(n); b.reserveCapacity(n)
    for j in 0..<n {
      let x = sequence.point(j)
      a.append(Array(x[0..<k])); b.append(Array(x[k..<2 * k]))
    }
    func assign(_ row: [Double]) -> [SweepSpec.Assignment] { zip(parameters, row).map { $0.assignment($1) } }
    var points = a.map(assign) + b.map(assign)
    for i in 0..<k {
      points += (0..<n).map { j in var row = a[j]; row[i] = b[j][i]; return assign(row) }
    }
    let detail = JSONText.Value.object([
      ("method", .string("sobol")),
      ("samples", .int(Int64(n))),
      ("blocks", .array([.string("A"), .string("B")] + parameters.map { .string("AB:" + $0.key) })),
    ])
    return (points, detail)
  }
}

extension SweepSpec {
  /// Reads `design: { sobol: { samples } }` or `{ morris: { trajectories, levels } }` and builds its points.
  static func sensitivityDesign(_ d: inout ConfigReader, _ parameters: [SensitivityParameter], seed: UInt64, source: String)
    throws(ScenarioError) -> (String, [[Assignment]], JSONText.Value) {
    if d.node["sobol"] != nil {
      var s = try d.object("sobol")
      let samples = try s.integer("samples", default: 64, 2...1_000_000)
      try s.finish()
      let (points, detail) = try SobolDesign.points(parameters, samples: samples, seed: seed, source: source)
      return ("sobol", points, detail)
    }
    var m = try d.object("morris")
    let trajectories = try m.integer("trajectories", default: 10, 2...1_000_000)
    let levels = try m.integer("levels", default: 4, 2...1_000)
    try m.finish()
    let (points, detail) = try MorrisDesign.points(parameters, trajectories: trajectories, levels: levels, seed: seed, source: source)
    return ("morris", points, detail)
  }
}
