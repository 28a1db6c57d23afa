/// Market concentration: the Herfindahl–Hirschman index HHI = Σ (100 · share)², from 0 to 10,000.
/// 1,000–1,800 is moderately and above 1,800 highly concentrated (US merger guidelines 2023).
/// Fixture 5: shares 30/30/20/20 ⇒ 2,600.
public enum Concentration {
  /// HHI of the given volumes (any non-negative unit); NaN when the total is 0 (no volume has no
  /// shares, like every ratio with a zero denominator in the CSVs).
  public static func hhi<C: Collection>(_ volumes: C) -> Double where C.Element == Double {
    let total = volumes.reduce(0, +)
    guard total > 0 else { return .nan }
    return volumes.reduce(0) { $0 + (100 * $1 / total) * (100 * $1 / total) }
  }
}
