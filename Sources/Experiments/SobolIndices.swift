/// Variance-based sensitivity indices of one output from a Saltelli design (``SobolDesign``),
/// with bootstrap 95% intervals over the N base rows (``BootstrapInterval``):
/// - V, the output variance: the population variance of f(A) and f(B) together (2N values);
/// - first-order S_i = mean(f(B)·(f(A_B⁽ⁱ⁾) − f(A))) / V (Saltelli et al. 2010, their (b)), with f(B)
///   centred on the mean f₀ of f(A) and f(B): the expectation is the same (f(A_B⁽ⁱ⁾) − f(A) has mean
///   0) but the noise f₀·mean(f(A_B⁽ⁱ⁾) − f(A)) — large when the output's mean is large against its
///   spread, as with counts and money — is gone;
/// - total S_Ti = mean((f(A) − f(A_B⁽ⁱ⁾))²) / (2V) (Jansen 1999).
/// Indices are shares of V (dimensionless); NaN when V = 0. Pure: no I/O.
public struct SobolIndices: Sendable {
  public var first: [BootstrapInterval]
  public var total: [BootstrapInterval]
  /// The output variance (the output's unit squared).
  public var variance: Double
  /// Base rows used.
  public var samples: Int

  /// The indices from f(A), f(B) (N values each) and f(A_B⁽ⁱ⁾) for each parameter i; `resamples`
  /// bootstrap resamples of the rows drawn from `seed`.
  public static func estimate(a: [Double], b: [Double], ab: [[Double]], resamples: Int = 1_000, seed: UInt64 = 1) -> SobolIndices {
    let n = a.count
    precondition(b.count == n && ab.allSatisfy { $0.count == n }, "SobolIndices: A, B and every A_B need the same rows")
    let all = Array(0..<n)
    let point = statistics(a, b, ab, rows: all)
    var firstReps = Array(repeating: [Double](), count: ab.count), totalReps = firstReps
    BootstrapInterval.forEachResample(units: n, resamples: resamples, seed: seed) { rows in
      let s = statistics(a, b, ab, rows: rows)
      for i in ab.indices { firstReps[i].append(s.first[i]); totalReps[i].append(s.total[i]) }
    }
    return SobolIndices(first: ab.indices.map { BootstrapInterval(estimate: point.first[$0], replicates: firstReps[$0]) },
                        total: ab.indices.map { BootstrapInterval(estimate: point.total[$0], replicates: totalReps[$0]) },
                        variance: point.variance, samples: n)
  }

  /// The point estimates over `rows` (a resample may repeat rows).
  static func statistics(_ a: [Double], _ b: [Double], _ ab: [[Double]], rows: [Int]) -> (first: [Double], total: [Double], variance: Double) {
    let m = Double(rows.count)
    var sum = 0.0
    for j in rows { sum += a[j] + b[j] }
    let mean = sum / (2 * m)
    var ss = 0.0
    for j in rows { ss += (a[j] - mean) * (a[j] - mean) + (b[j] - mean) * (b[j] - mean) }
    let v = ss / (2 * m)
    guard v > 0 else { return (ab.map { _ in .nan }, ab.map { _ in .nan }, v) }
    var first: [Double] = [], total: [Double] = []
    for column in ab {
      var s1 = 0.0, st = 0.0
      for j in rows {
        let d = column[j] - a[j]
        s1 += (b[j] - mean) * d; st += d * d
      }
      first.append(s1 / m / v); total.append(st / m / (2 * v))
    }
    return (first, total, v)
  }
}
