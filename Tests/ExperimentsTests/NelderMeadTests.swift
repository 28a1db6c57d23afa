import Testing
@testable import Experiments

@Suite struct NelderMeadTests {
  /// Σ (xᵢ − cᵢ)², minimum 0 at c.
  static func quadratic(_ c: [Double]) -> ([Double]) -> Double {
    { x in zip(x, c).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) }
  }

  /// Rosenbrock's valley on [−2, 2]², minimum 0 at (1, 1), i.e. (0.75, 0.75) in the unit cube.
  static func rosenbrock(_ u: [Double]) -> Double {
    let x = -2 + 4 * u[0], y = -2 + 4 * u[1]
    return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
  }

  static func minimise(_ f: @escaping ([Double]) -> Double, start: [Double], budget: Int, restarts: Int = 2) -> NelderMead.Result {
    NelderMead(start: start, maxEvaluations: budget, restarts: restarts, tolerance: 1e-7).minimise { batch in batch.map(f) }
  }

  @Test func findsAnInteriorMinimumOfAQuadratic() {
    let r = Self.minimise(Self.quadratic([0.2, 0.7, 0.4]), start: [0.5, 0.5, 0.5], budget: 600)
    for (x, c) in zip(r.best.point, [0.2, 0.7, 0.4]) { #expect(abs(x - c) < 1e-4, "\(r.best.point)") }
    #expect(r.best.value < 1e-8)
  }

  @Test func followsRosenbrocksValley() {
    let r = Self.minimise(Self.rosenbrock, start: [0.25, 0.5], budget: 2_000)
    #expect(abs(r.best.point[0] - 0.75) < 1e-3 && abs(r.best.point[1] - 0.75) < 1e-3, "\(r.best.point), f = \(r.best.value)")
  }

  @Test func stopsAtTheBoundWhenTheMinimumIsOutsideTheCube() {
    let r = Self.minimise(Self.quadratic([1.3, -0.2]), start: [0.5, 0.5], budget: 400)
    #expect(abs(r.best.point[0] - 1) < 1e-4 && abs(r.best.point[1]) < 1e-4, "\(r.best.point)")
    #expect(r.trace.allSatisfy { $0.point.allSatisfy { (0...1).contains($0) } })
  }

  @Test func isDeterministicAndKeepsToItsBudget() {
    var batches: [Int] = []
    let a = NelderMead(start: [0.5, 0.5], maxEvaluations: 37).minimise { batch in batches.append(batch.count); return batch.map(Self.rosenbrock) }
    let b = NelderMead(start: [0.5, 0.5], maxEvaluations: 37).minimise { batch in batch.map(Self.rosenbrock) }
    #expect(a.trace == b.trace)
    #expect(a.trace.count == 37 && batches.reduce(0, +) == 37)
    #expect(batches.first == 3, "the initial simplex is one batch of n + 1 points")
    #expect(a.trace[0].point == [0.5, 0.5] && a.trace[1].point == [0.75, 0.5] && a.trace[2].point == [0.5, 0.75])
  }

  @Test func theInitialSimplexStepsBackwardsAtTheUpperFace() {
    #expect(NelderMead.simplex(around: [0.9, 0.1], step: 0.25) == [[0.9, 0.1], [0.65, 0.1], [0.9, 0.35]])
  }

  @Test func restartsFromTheBestPointAfterConverging() {
    let r = NelderMead(start: [0.5], maxEvaluations: 10_000, restarts: 3, tolerance: 1e-3).minimise { $0.map(Self.quadratic([0.3])) }
    #expect(r.starts == 4)
    #expect(abs(r.best.point[0] - 0.3) < 1e-3)
  }

  @Test func treatsNaNAsWorseThanAnything() {
    // undefined left of 0.4 (a failed run), minimum at 0.6
    let r = Self.minimise({ $0[0] < 0.4 ? .nan : ($0[0] - 0.6) * ($0[0] - 0.6) }, start: [0.3], budget: 300)
    #expect(abs(r.best.point[0] - 0.6) < 1e-4)
    #expect(r.trace.contains { $0.value == .infinity })
  }
}
