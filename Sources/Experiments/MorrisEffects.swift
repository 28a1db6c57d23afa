/// Morris's (1991) elementary effects of one output along r trajectories (``MorrisDesign``):
/// EE = (y after a step − y before) / (±Δ), Δ the step in unit-cube coordinates, so an effect is
/// in output units per whole parameter range. Per parameter: μ (mean effect), μ* (mean absolute
/// effect, Campolongo et al. 2007 — the importance measure), σ (sample standard deviation:
/// interactions or non-linearity), with a bootstrap 95% interval on μ* over trajectories
/// (``BootstrapInterval``). Pure: no I/O.
public struct MorrisEffects: Sendable {
  public var mu: [Double]
  public var muStar: [BootstrapInterval]
  public var sigma: [Double]
  /// Trajectories used.
  public var trajectories: Int

  /// One trajectory: its k + 1 outputs and its k steps (parameter index, +1 up or −1 down).
  public struct Trajectory: Sendable {
    public var outputs: [Double]
    public var steps: [(parameter: Int, direction: Int)]
    public init(outputs: [Double], steps: [(parameter: Int, direction: Int)]) { self.outputs = outputs; self.steps = steps }
  }

  /// The effects of `parameters` parameters from `trajectories`, Δ = `delta`.
  public static func estimate(_ trajectories: [Trajectory], parameters k: Int, delta: Double, resamples: Int = 1_000,
                              seed: UInt64 = 1) -> MorrisEffects {
    // effects[t][i]: trajectory t's elementary effect of parameter i
    let effects = trajectories.map { t in
      var e = [Double](repeating: .nan, count: k)
      for (s, step) in t.steps.enumerated() {
        e[step.parameter] = (t.outputs[s + 1] - t.outputs[s]) / (Double(step.direction) * delta)
      }
      return e
    }
    let r = effects.count
    var mu: [Double] = [], muStar: [Double] = [], sigma: [Double] = []
    for i in 0..<k {
      let column = effects.map { $0[i] }
      let m = column.reduce(0, +) / Double(r)
      mu.append(m)
      muStar.append(column.reduce(0) { $0 + abs($1) } / Double(r))
      sigma.append(r > 1 ? (column.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(r - 1)).squareRoot() : .nan)
    }
    var reps = Array(repeating: [Double](), count: k)
    BootstrapInterval.forEachResample(units: r, resamples: resamples, seed: seed) { rows in
      for i in 0..<k { reps[i].append(rows.reduce(0) { $0 + abs(effects[$1][i]) } / Double(r)) }
    }
    return MorrisEffects(mu: mu, muStar: (0..<k).map { BootstrapInterval(estimate: muStar[$0], replicates: reps[$0]) },
                         sigma: sigma, trajectories: r)
  }
}
