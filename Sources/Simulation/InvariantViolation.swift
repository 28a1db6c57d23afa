/// The first broken invariant of a run in invariants mode (`--check-invariants`): which invariant,
/// the simulated time and the event after which it was found.
public struct InvariantViolation: Error, CustomStringConvertible, Sendable, Equatable {
  /// The invariant, and what was seen (e.g. "time is non-decreasing: 3.5 after 4").
  public var invariant: String
  /// The time of the event after which the check failed.
  public var time: Double
  /// The event, as its `description` prints it.
  public var event: String

  public init(invariant: String, time: Double, event: String) {
    self.invariant = invariant; self.time = time; self.event = event
  }

  public var description: String { "invariant violated: \(invariant), at time \(time) after event \(event)" }
}
