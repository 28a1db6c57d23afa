/// The time average of a piecewise-constant quantity (queue length, listings on offer):
/// ∫ x(t) dt / (t_end − t_start). Record each change with ``update(to:at:)``.
@frozen public struct TimeWeightedAverage: Sendable, Equatable {
  public private(set) var startTime: Double
  public private(set) var lastTime: Double
  public private(set) var value: Double
  @usableFromInline var area: Double = 0
  /// The smallest and largest value held.
  public private(set) var min: Double
  public private(set) var max: Double

  /// Starts observing at `time` with the quantity at `value`.
  public init(startTime: Double = 0, value: Double = 0) {
    self.startTime = startTime; lastTime = startTime; self.value = value; min = value; max = value
  }

  /// The quantity changes to `newValue` at `time` (≥ the previous change).
  public mutating func update(to newValue: Double, at time: Double) {
    precondition(time >= lastTime, "time-weighted average: time \(time) is before \(lastTime)")
    area += value * (time - lastTime)
    lastTime = time
    value = newValue
    if newValue < min { min = newValue }
    if newValue > max { max = newValue }
  }

  /// The time average over [start, `time`]; the current value when no time has passed.
  public func average(at time: Double) -> Double {
    let span = time - startTime
    guard span > 0 else { return value }
    return (area + value * (time - lastTime)) / span
  }
}
