import Output
import Scenario
import Simulation

/// Morris's (1991) one-at-a-time design: r trajectories on a p-level grid of the unit cube
/// {0, 1/(p−1), …, 1}, each of k + 1 points, moving one parameter at a time by Δ = p/(2(p−1))
/// (p even), r·(k + 1) points in all. A trajectory draws, from the sweep seed's `morris`
/// stream, a base level per parameter in {0, …, 1 − Δ}, whether it starts at the base or at
/// base + Δ, and the order the parameters move in. Each unit coordinate maps to a parameter's
/// value as ``SensitivityParameter`` says.
///
/// Point order (after a reference point, if any): trajectory t is points t·(k+1) … t·(k+1)+k.
/// `sweep.json` records under `sensitivity` the method, trajectories, levels, Δ and each
/// trajectory's `steps`: per step [parameter index, +1 or −1] (the direction it moved).
public enum MorrisDesign {
  /// The points and their `sweep.json` description.
  static func points(_ parameters: [SensitivityParameter], trajectories r: Int, levels p: Int, seed: UInt64, source: String)
    throws(ScenarioError) -> (points: [[SweepSpec.Assignment]], detail: JSONText.Value) {
    let k = parameters.count
    guard k >= 1 else { throw .invalid(source: source, path: "$.parameters", expected: "at least one parameter for a Morris design", found: "none") }
    guard p % 2 == 0 else {
      throw .invalid(source: source, path: "$.design.morris.levels", expected: "an even number of levels (2, 4, 6, …)", found: "\(p)")
    }
    try SweepSpec.checkRunCount(points: r * (k + 1), replications: 1, source: source)
    var rng = RandomStreams(masterSeed: seed).stream("morris")
    let half = p / 2, step = Double(p - 1)
    var points: [[SweepSpec.Assignment]] = []
    var steps: [JSONText.Value] = []
    for _ in 0..<r {
      var level = (0..<k).map { _ in Int(UniformIntegerDistribution.below(UInt64(half), using: &rng)) }
      for i in 0..<k where rng.next() >> 63 == 1 { level[i] += half }
      var order = Array(0..<k)
      for i in stride(from: k - 1, to: 0, by: -1) { order.swapAt(i, Int(UniformIntegerDistribution.below(UInt64(i + 1), using: &rng))) }
      func assign() -> [SweepSpec.Assignment] { zip(parameters, level).map { $0.assignment(Double($1) / step) } }
      points.append(assign())
      var moves: [JSONText.Value] = []
      for i in order {
        let up = level[i] < half
        level[i] += up ? half : -half
        points.append(assign())
        moves.append(.array([.int(Int64(i)), .int(up ? 1 : -1)]))
      }
      steps.append(.array(moves))
    }
    let detail = JSONText.Value.object([
      ("method", .string("morris")),
      ("trajectories", .int(Int64(r))),
      ("levels", .int(Int64(p))),
      ("delta", .double(Double(half) / step)),
      ("steps", .array(steps)),
    ])
    return (points, detail)
  }
}
