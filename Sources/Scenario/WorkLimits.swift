import Foundation

/// The most work a run may start with: `run` and every sweep point refuse a scenario whose
/// ``WorkEstimate`` exceeds them (`run --max-events N` raises the event limit, `--force` ignores
/// both).
///
/// - 2×10^9 events: at the data market's ~3–4 µs per event that is about two hours of one core,
///   and the double auction's and M/M/1's cheaper events stay well under a day; nothing in the
///   shipped scenarios comes within a factor of 100 of it.
/// - 8 GiB of memory: what a laptop or a cluster job slot can give one run without swapping;
///   a sweep runs several at once, so a point near the limit is already a poor fit.
public struct WorkLimits: Sendable, Equatable {
  /// Events (``WorkEstimate/events``) a run may need.
  public var maxEvents: Double
  /// Peak memory in bytes.
  public var maxMemoryBytes: Double

  /// 2×10^9 events, 8 GiB.
  public static let standard = WorkLimits(maxEvents: 2e9, maxMemoryBytes: 8 * 1_073_741_824)

  public init(maxEvents: Double, maxMemoryBytes: Double) {
    self.maxEvents = maxEvents; self.maxMemoryBytes = maxMemoryBytes
  }

  /// Why `estimate` exceeds these limits (one sentence naming the keys responsible and the
  /// estimate), or nil if it does not.
  public func violation(_ estimate: WorkEstimate) -> String? {
    if estimate.events.value > maxEvents {
      return "the run would handle ≈ \(WorkLimits.count(estimate.events.value)) events, above the limit of "
        + "\(WorkLimits.count(maxEvents)) (driven by \(estimate.events.keys.joined(separator: ", ")))"
    }
    if estimate.memoryBytes.value > maxMemoryBytes {
      return "the run would need ≈ \(WorkLimits.bytes(estimate.memoryBytes.value)) of memory, above the limit of "
        + "\(WorkLimits.bytes(maxMemoryBytes)) (driven by \(estimate.memoryBytes.keys.joined(separator: ", ")))"
    }
    return nil
  }

  /// `1.2e9`-style count with three significant digits (plain below 10^6).
  public static func count(_ x: Double) -> String {
    if !x.isFinite { return "∞" }
    if x < 1e6 { return String(Int(x.rounded())) }
    let e = Int(log10(x).rounded(.down))
    let m = (x / pow(10, Double(e)) * 100).rounded() / 100
    return (m == m.rounded() ? String(Int(m)) : String(m)) + "e\(e)"
  }

  /// Bytes as KB, MB or GB (powers of 1,024), three significant digits.
  public static func bytes(_ x: Double) -> String {
    if !x.isFinite { return "∞ bytes" }
    let units = ["bytes", "KB", "MB", "GB", "TB", "PB"]
    var v = x, u = 0
    while v >= 1_024 && u < units.count - 1 { v /= 1_024; u += 1 }
    // beyond 10^6 of the largest unit (an estimate of 10^300 bytes), the exponent form: a plain
    // integer would not fit an Int
    let text = v >= 1e6 ? count(v) : v >= 100 || u == 0 ? String(Int(v.rounded())) : String((v * 10).rounded() / 10)
    return text + " " + units[u]
  }
}
