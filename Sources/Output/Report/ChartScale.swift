#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A map from data values to SVG coordinates along one axis, linear or logarithmic, with tick
/// marks at round numbers (1, 2, 5 × 10^k; powers of ten on a log scale).
public struct ChartScale: Sendable, Equatable {
  public enum Kind: Sendable, Equatable { case linear, log }
  public let kind: Kind
  /// The data interval shown (finite, low < high; for .log, low > 0).
  public let low: Double, high: Double
  /// The pixel interval it maps to (may be reversed: a y axis runs downwards).
  public let from: Double, to: Double

  /// A scale over `values` (non-finite ones ignored; a log scale also ignores values ≤ 0), padded
  /// to round ticks. Empty or single-valued data get a unit-wide interval around the value.
  public init(kind: Kind = .linear, values: [Double], from: Double, to: Double, includeZero: Bool = false) {
    var finite = values.filter { $0.isFinite && (kind == .linear || $0 > 0) }
    if includeZero && kind == .linear { finite.append(0) }
    var lo = finite.min() ?? (kind == .log ? 1 : 0)
    var hi = finite.max() ?? (kind == .log ? 10 : 1)
    if kind == .log {
      lo = ChartScale.pow10((lo.log10).rounded(.down)); hi = ChartScale.pow10((hi.log10).rounded(.up))
      if hi <= lo { hi = lo * 10 }
    } else {
      if hi <= lo { let pad = lo == 0 ? 1 : Swift.abs(lo) * 0.5; lo -= pad; hi += pad }
      let step = ChartScale.niceStep((hi - lo) / 5)
      lo = (lo / step).rounded(.down) * step; hi = (hi / step).rounded(.up) * step
    }
    self.kind = kind; self.low = lo; self.high = hi; self.from = from; self.to = to
  }

  /// The coordinate of `value` (NaN for a value the scale cannot place).
  public func position(_ value: Double) -> Double {
    guard value.isFinite else { return .nan }
    let t: Double
    switch kind {
    case .linear: t = (value - low) / (high - low)
    case .log:
      guard value > 0 else { return .nan }
      t = (value.log10 - low.log10) / (high.log10 - low.log10)
    }
    return from + t * (to - from)
  }

  /// Tick values inside [low, high], at most about `count` of them.
  public func ticks(_ count: Int = 5) -> [Double] {
    switch kind {
    case .log:
      var out: [Double] = []
      var e = low.log10.rounded(.down)
      let span = Swift.max(1, ((high.log10 - low.log10) / Double(Swift.max(count, 1))).rounded(.up))
      while e <= high.log10 + 1e-9 { out.append(ChartScale.pow10(e)); e += span }
      return out
    case .linear:
      let step = ChartScale.niceStep((high - low) / Double(Swift.max(count, 1)))
      var out: [Double] = []
      var v = (low / step).rounded(.up) * step
      while v <= high + step * 1e-9 { out.append(Swift.abs(v) < step * 1e-9 ? 0 : v); v += step }
      return out
    }
  }

  /// 1, 2 or 5 × 10^k at or above `raw`.
  public static func niceStep(_ raw: Double) -> Double {
    guard raw > 0, raw.isFinite else { return 1 }
    let p = pow10(raw.log10.rounded(.down))
    let f = raw / p
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p
  }

  static func pow10(_ e: Double) -> Double {
    var r = 1.0
    let n = Int(Swift.max(-300, Swift.min(300, e)))
    for _ in 0..<Swift.abs(n) { r = n > 0 ? r * 10 : r / 10 }
    return r
  }
}

extension Double {
  /// log₁₀.
  var log10: Double { _log10(self) }
}

@inline(__always) func _log10(_ x: Double) -> Double { log10(x) }
