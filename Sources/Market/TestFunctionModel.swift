import Foundation

/// A verification model, not a market: a closed-form test function of sensitivity analysis whose
/// variance-based indices are known analytically, so `datamarket analyze` can be checked against
/// them. Deterministic (no random stream); its one output `y` is dimensionless.
///
/// - Ishigami & Homma (1990): y = sin x₁ + a sin² x₂ + b x₃⁴ sin x₁ with a = 7, b = 0.1 and
///   x₁, x₂, x₃ uniform on [−π, π]. First-order indices 0.3139, 0.4424, 0; total 0.5576, 0.4424, 0.2437.
/// - Sobol's g-function: y = ∏ᵢ (|4xᵢ − 2| + aᵢ)/(1 + aᵢ) with xᵢ uniform on [0, 1]; input i's
///   partial variance is Vᵢ = 1/(3(1 + aᵢ)²), so a small aᵢ makes it important
///   (``gFunctionIndices(_:)``).
public struct TestFunctionModel: Sendable, Equatable {
  /// Which closed-form function.
  public enum Function: String, Sendable, CaseIterable {
    case ishigami, gFunction
  }

  /// The most inputs a test function takes (x1 … x16).
  public static let maxInputs = 16
  /// Ishigami's constants.
  public static let ishigamiA = 7.0, ishigamiB = 0.1

  public var function: Function
  /// The g-function's coefficients aᵢ ≥ 0, one per input; ignored by Ishigami.
  public var coefficients: [Double]
  /// The inputs x1 … x16 (Ishigami reads x1–x3, the g-function the first `coefficients.count`).
  public var inputs: [Double]

  public init(function: Function = .ishigami, coefficients: [Double] = [0, 1, 4.5, 9, 99, 99],
              inputs: [Double] = Array(repeating: 0, count: TestFunctionModel.maxInputs)) {
    self.function = function; self.coefficients = coefficients; self.inputs = inputs
  }

  /// Inputs the function reads.
  public var inputCount: Int { function == .ishigami ? 3 : coefficients.count }

  /// The function's value at ``inputs``.
  public var value: Double {
    switch function {
    case .ishigami: return Self.ishigami(inputs[0], inputs[1], inputs[2])
    case .gFunction: return Self.gFunction(Array(inputs.prefix(coefficients.count)), coefficients: coefficients)
    }
  }

  /// Ishigami's function with a = 7, b = 0.1.
  public static func ishigami(_ x1: Double, _ x2: Double, _ x3: Double) -> Double {
    let s2 = sin(x2)
    return sin(x1) + ishigamiA * s2 * s2 + ishigamiB * pow(x3, 4) * sin(x1)
  }

  /// Sobol's g-function.
  public static func gFunction(_ x: [Double], coefficients a: [Double]) -> Double {
    var y = 1.0
    for (xi, ai) in zip(x, a) { y *= (abs(4 * xi - 2) + ai) / (1 + ai) }
    return y
  }

  /// The g-function's analytic first-order and total indices: Vᵢ = 1/(3(1+aᵢ)²),
  /// V = ∏(1 + Vᵢ) − 1, Sᵢ = Vᵢ/V, S_Tᵢ = Vᵢ ∏_{j≠i}(1 + Vⱼ)/V.
  public static func gFunctionIndices(_ a: [Double]) -> (first: [Double], total: [Double]) {
    let partial = a.map { 1 / (3 * (1 + $0) * (1 + $0)) }
    let product = partial.reduce(1) { $0 * (1 + $1) }
    let v = product - 1
    return (partial.map { $0 / v }, partial.map { $0 * product / (1 + $0) / v })
  }
}
