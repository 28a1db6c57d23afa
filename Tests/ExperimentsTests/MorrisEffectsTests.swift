import Foundation
import Testing
@testable import Experiments
import Market
import Scenario

/// Morris screening: μ* ranks the g-function's inputs by importance (smaller aᵢ first), the
/// trajectories move one parameter by ±Δ per step, and the design is the seed's.
@Suite struct MorrisEffectsTests {
  static func parameters(_ k: Int) -> [SensitivityParameter] {
    (0..<k).map { SensitivityParameter(key: "x\($0 + 1)", range: (0, 1, false), values: []) }
  }

  /// The design's trajectories with their outputs under `f`, and its Δ.
  static func trajectories(k: Int, r: Int, levels: Int = 4, seed: UInt64, _ f: ([Double]) -> Double) throws -> ([MorrisEffects.Trajectory], Double, [[Double]]) {
    let design = try MorrisDesign.points(parameters(k), trajectories: r, levels: levels, seed: seed, source: "test")
    let x = SobolIndicesTests.unitValues(design.points)
    guard case .object(let members) = design.detail, case .array(let steps)? = members.first(where: { $0.0 == "steps" })?.1,
          case .double(let delta)? = members.first(where: { $0.0 == "delta" })?.1 else { throw SweepError("no steps") }
    let trajectories = steps.enumerated().map { t, node -> MorrisEffects.Trajectory in
      guard case .array(let moves) = node else { return MorrisEffects.Trajectory(outputs: [], steps: []) }
      let pairs = moves.map { m -> (parameter: Int, direction: Int) in
        guard case .array(let p) = m, case .int(let i) = p[0], case .int(let s) = p[1] else { return (0, 0) }
        return (Int(i), Int(s))
      }
      return MorrisEffects.Trajectory(outputs: x[t * (k + 1)..<(t + 1) * (k + 1)].map(f), steps: pairs)
    }
    return (trajectories, delta, x)
  }

  @Test func muStarRanksTheGFunctionsInputsBySmallerCoefficient() throws {
    let coefficients: [Double] = [0, 1, 9, 99]
    let (t, delta, _) = try Self.trajectories(k: 4, r: 50, seed: 1991) { TestFunctionModel.gFunction($0, coefficients: coefficients) }
    #expect(delta == 2.0 / 3)
    let e = MorrisEffects.estimate(t, parameters: 4, delta: delta, resamples: 200, seed: 1)
    let stars = e.muStar.map(\.estimate)
    #expect(stars[0] > stars[1] && stars[1] > stars[2] && stars[2] > stars[3], "mu* = \(stars)")
    // x1 and x2 apart beyond their intervals; x4 (a = 99) nearly inert
    #expect(e.muStar[0].low > e.muStar[1].high && stars[3] < 0.05 * stars[0], "\(e.muStar)")
    #expect(e.trajectories == 50 && e.sigma.allSatisfy { $0 >= 0 })
  }

  @Test func eachStepMovesOneParameterByDeltaOnTheGrid() throws {
    let (t, delta, x) = try Self.trajectories(k: 5, r: 20, levels: 6, seed: 4) { $0.reduce(0, +) }
    #expect(abs(delta - 0.6) < 1e-12)
    for (n, trajectory) in t.enumerated() {
      #expect(Set(trajectory.steps.map(\.parameter)).count == 5)
      for (s, step) in trajectory.steps.enumerated() {
        let before = x[n * 6 + s], after = x[n * 6 + s + 1]
        for i in 0..<5 {
          let change = after[i] - before[i]
          #expect(abs(change - (i == step.parameter ? Double(step.direction) * delta : 0)) < 1e-12)
        }
        #expect(before.allSatisfy { v in (0...5).contains { abs(v - Double($0) / 5) < 1e-12 } })
      }
    }
    // a linear function's effects are its slopes exactly, with no spread
    let e = MorrisEffects.estimate(t, parameters: 5, delta: delta, resamples: 10)
    #expect(e.mu.allSatisfy { abs($0 - 1) < 1e-9 } && e.sigma.allSatisfy { $0 < 1e-9 })
  }

  @Test func theDesignIsTheSeeds() throws {
    let one = try MorrisDesign.points(Self.parameters(3), trajectories: 5, levels: 4, seed: 1, source: "t").points
    let two = try MorrisDesign.points(Self.parameters(3), trajectories: 5, levels: 4, seed: 1, source: "t").points
    let other = try MorrisDesign.points(Self.parameters(3), trajectories: 5, levels: 4, seed: 2, source: "t").points
    #expect(one == two && one != other)
    #expect(throws: ScenarioError.self) { try MorrisDesign.points(Self.parameters(3), trajectories: 5, levels: 3, seed: 1, source: "t") }
  }
}
