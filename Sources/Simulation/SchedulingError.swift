/// Why the kernel refused to schedule an event: a time in the simulated past or not a number.
/// The message names the time, the clock and the event.
public enum SchedulingError: Error, CustomStringConvertible, Sendable, Equatable {
  /// `time` is earlier than the clock `now`.
  case inPast(time: Double, now: Double, event: String)
  /// `time` (or a delay) is NaN or infinite.
  case invalidTime(time: Double, event: String)

  public var description: String {
    switch self {
    case let .inPast(time, now, event):
      return "cannot schedule \(event) at time \(time): the clock is already at \(now)"
    case let .invalidTime(time, event):
      return "cannot schedule \(event) at time \(time): the time must be a finite number"
    }
  }
}
