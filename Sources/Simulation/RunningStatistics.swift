/// Streaming count, mean, variance, minimum and maximum by Welford's algorithm (1962):
/// numerically stable, O(1) memory, mergeable (Chan et al. 1979) for parallel partial results.
@frozen public struct RunningStatistics: Sendable, Equatable {
  public private(set) var count: Int = 0
  public private(set) var mean: Double = 0
  @usableFromInline var m2: Double = 0
  /// The smallest observation (+∞ when empty).
  public private(set) var min: Double = .infinity
  /// The largest observation (−∞ when empty).
  public private(set) var max: Double = -.infinity

  public init() {}

  /// Adds one observation. - Complexity: O(1).
  public mutating func add(_ x: Double) {
    count += 1
    let delta = x - mean
    mean += delta / Double(count)
    m2 += delta * (x - mean)
    if x < min { min = x }
    if x > max { max = x }
  }

  /// Merges another accumulator into this one.
  public mutating func merge(_ other: RunningStatistics) {
    guard other.count > 0 else { return }
    guard count > 0 else { self = other; return }
    let n = Double(count + other.count)
    let delta = other.mean - mean
    mean += delta * Double(other.count) / n
    m2 += other.m2 + delta * delta * Double(count) * Double(other.count) / n
    count += other.count
    min = Swift.min(min, other.min); max = Swift.max(max, other.max)
  }

  /// The unbiased sample variance (n − 1 denominator); NaN with fewer than two observations.
  public var variance: Double { count > 1 ? m2 / Double(count - 1) : .nan }
  /// The population variance (n denominator); NaN when empty.
  public var populationVariance: Double { count > 0 ? m2 / Double(count) : .nan }
  /// The sample standard deviation.
  public var standardDeviation: Double { variance.squareRoot() }
  /// The coefficient of variation, sd / mean; NaN with fewer than two observations or a zero mean.
  public var coefficientOfVariation: Double { count > 1 && mean != 0 ? standardDeviation / mean : .nan }
  /// The standard error of the mean.
  public var standardError: Double { (variance / Double(count)).squareRoot() }
  /// The two-sided 95% Student-t confidence interval for the mean; NaNs with fewer than two observations.
  public var confidenceInterval95: (low: Double, high: Double) {
    guard count > 1 else { return (.nan, .nan) }
    let h = StudentT.quantile(0.975, degreesOfFreedom: Double(count - 1)) * standardError
    return (mean - h, mean + h)
  }
}
