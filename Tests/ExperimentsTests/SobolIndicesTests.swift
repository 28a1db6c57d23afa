import Foundation
import Testing
@testable import Experiments
import Market
import Scenario

/// Known answers: Sobol indices of Ishigami's function and of Sobol's g-function, estimated on
/// the Saltelli design the sweep builds (fixed seed), against their analytic values.
@Suite struct SobolIndicesTests {
  static let tolerance = 0.03

  /// The design's points as numbers, one array per point.
  static func unitValues(_ points: [[SweepSpec.Assignment]]) -> [[Double]] {
    points.map { p in p.map { a in if case .number(let d, _) = a.value { return d } else { return .nan } } }
  }

  /// f(A), f(B) and f(A_B⁽ⁱ⁾) of `f` on a Sobol design of `n` rows over `ranges`.
  static func blocks(_ ranges: [(Double, Double)], n: Int, seed: UInt64 = 7, _ f: ([Double]) -> Double) throws -> (a: [Double], b: [Double], ab: [[Double]]) {
    let parameters = ranges.enumerated().map { i, r in SensitivityParameter(key: "x\(i + 1)", range: (r.0, r.1, false), values: []) }
    let design = try SobolDesign.points(parameters, samples: n, seed: seed, source: "test")
    let y = unitValues(design.points).map(f)
    return (Array(y[0..<n]), Array(y[n..<2 * n]), (0..<ranges.count).map { i in Array(y[(2 + i) * n..<(3 + i) * n]) })
  }

  static func ishigami(_ x: [Double]) -> Double { TestFunctionModel.ishigami(x[0], x[1], x[2]) }

  @Test func ishigamiIndicesMatchTheirAnalyticValues() throws {
    let (a, b, ab) = try Self.blocks(Array(repeating: (-Double.pi, Double.pi), count: 3), n: 8192, Self.ishigami)
    let s = SobolIndices.estimate(a: a, b: b, ab: ab, resamples: 200, seed: 3)
    let first = [0.3139, 0.4424, 0], total = [0.5576, 0.4424, 0.2437]
    for i in 0..<3 {
      #expect(abs(s.first[i].estimate - first[i]) < Self.tolerance, "S1 x\(i + 1) = \(s.first[i].estimate)")
      #expect(abs(s.total[i].estimate - total[i]) < Self.tolerance, "ST x\(i + 1) = \(s.total[i].estimate)")
      #expect(s.first[i].low <= first[i] && first[i] <= s.first[i].high, "S1 x\(i + 1) interval \(s.first[i])")
      #expect(s.total[i].low <= total[i] && total[i] <= s.total[i].high, "ST x\(i + 1) interval \(s.total[i])")
    }
    // V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2
    let v = 49.0 / 8 + 0.1 * pow(Double.pi, 4) / 5 + 0.01 * pow(Double.pi, 8) / 18 + 0.5
    #expect(abs(s.variance / v - 1) < 0.03, "V = \(s.variance), analytic \(v)")
  }

  /// The tolerance discriminates: the classic slip of weighting by f(A) instead of f(B) in the
  /// first-order estimator misses Ishigami's S1 by far more than it.
  @Test func aWrongEstimatorMissesTheKnownAnswers() throws {
    let (a, _, ab) = try Self.blocks(Array(repeating: (-Double.pi, Double.pi), count: 3), n: 8192, Self.ishigami)
    let wrong = SobolIndices.estimate(a: a, b: a, ab: ab, resamples: 1, seed: 3)
    let first = [0.3139, 0.4424, 0]
    let worst = (0..<3).map { abs(wrong.first[$0].estimate - first[$0]) }.max()!
    #expect(worst > 5 * Self.tolerance, "the wrong estimator came within \(worst)")
  }

  /// Indices are shares of variance: adding a constant to the output changes none of them (an
  /// uncentred first-order estimator would pick up 10⁴ × its sampling noise here).
  @Test func aConstantShiftOfTheOutputChangesNoIndex() throws {
    let (a, b, ab) = try Self.blocks(Array(repeating: (-Double.pi, Double.pi), count: 3), n: 1024, Self.ishigami)
    let plain = SobolIndices.estimate(a: a, b: b, ab: ab, resamples: 1)
    let shifted = SobolIndices.estimate(a: a.map { $0 + 1e4 }, b: b.map { $0 + 1e4 }, ab: ab.map { $0.map { $0 + 1e4 } }, resamples: 1)
    for i in 0..<3 {
      #expect(abs(plain.first[i].estimate - shifted.first[i].estimate) < 1e-6, "S1 x\(i + 1): \(plain.first[i].estimate) vs \(shifted.first[i].estimate)")
      #expect(abs(plain.total[i].estimate - shifted.total[i].estimate) < 1e-6)
    }
  }

  @Test func gFunctionIndicesMatchTheirAnalyticValues() throws {
    let coefficients: [Double] = [0, 1, 4.5, 9, 99, 99]
    let (a, b, ab) = try Self.blocks(Array(repeating: (0, 1), count: 6), n: 8192) { TestFunctionModel.gFunction($0, coefficients: coefficients) }
    let s = SobolIndices.estimate(a: a, b: b, ab: ab, resamples: 200, seed: 3)
    let exact = TestFunctionModel.gFunctionIndices(coefficients)
    #expect(abs(exact.first[0] - 0.7163) < 1e-4 && abs(exact.total[0] - 0.7873) < 1e-4 && abs(exact.first[1] - 0.1791) < 1e-4, "analytic \(exact)")
    for i in 0..<6 {
      #expect(abs(s.first[i].estimate - exact.first[i]) < Self.tolerance, "S1 x\(i + 1) = \(s.first[i].estimate), analytic \(exact.first[i])")
      #expect(abs(s.total[i].estimate - exact.total[i]) < Self.tolerance, "ST x\(i + 1) = \(s.total[i].estimate), analytic \(exact.total[i])")
    }
  }

  @Test func aConstantOutputHasNoIndicesAndTheBootstrapIsDeterministic() {
    let c = SobolIndices.estimate(a: [1, 1, 1], b: [1, 1, 1], ab: [[1, 1, 1]], resamples: 10)
    #expect(c.variance == 0 && c.first[0].estimate.isNaN && c.total[0].estimate.isNaN)
    let a = [0.1, 0.9, 0.4, 0.7, 0.2], b = [0.5, 0.3, 0.8, 0.6, 0.1], ab = [[0.2, 0.8, 0.5, 0.6, 0.3]]
    let one = SobolIndices.estimate(a: a, b: b, ab: ab, resamples: 50, seed: 9), two = SobolIndices.estimate(a: a, b: b, ab: ab, resamples: 50, seed: 9)
    #expect(one.first == two.first && one.total == two.total)
  }
}
