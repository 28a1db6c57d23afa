/// The last log-normal tail computed while one contract is chosen: for Y with mean m and log-sd
/// σ, ln(t/m) and P(Y ≥ t) at a threshold t. Designing a SUBSCRIPTION (its continuation
/// probability P(Y ≥ p)) and taking its payment's moments (the same probability and the partial
/// mean E[Y·1[Y ≥ p]]) ask for the same tail; remembering it saves a logarithm and an erfc and
/// gives bit-identical results, since the same inputs go through the same operations.
/// A value on the caller's stack: nothing is shared between threads.
struct LogNormalTailMemo {
  private var threshold = Double.nan, mean = Double.nan, sigma = Double.nan
  private var logRatio = 0.0, exceedance = 0.0

  /// ln(t/m) and P(Y ≥ t) for t, m, σ > 0, from the memo when the inputs are the last ones.
  mutating func tail(threshold t: Double, mean m: Double, sigma s: Double) -> (logRatio: Double, exceedance: Double) {
    if t == threshold && m == mean && s == sigma { return (logRatio, exceedance) }
    let l = _log(t / m)
    threshold = t; mean = m; sigma = s
    logRatio = l
    exceedance = 1 - ContractTerms.normalCDF((l + s * s / 2) / s)
    return (l, exceedance)
  }
}
