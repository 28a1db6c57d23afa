// Invariants mode: the run loop with a check after every event. A separate path, so the plain
// `run(until:maxEvents:)` and `step()` stay exactly as fast when the mode is off.
extension Simulator {
  /// Like ``run(until:maxEvents:)``, but after every event checks that the clock did not go back
  /// and calls `check`, which returns a description of the first broken model invariant (or nil).
  /// Throws ``InvariantViolation`` naming the invariant, the time and the event.
  @inlinable @discardableResult
  public mutating func run(until: Double = .infinity, maxEvents: Int = .max,
                           checking check: (Model) -> String?) throws -> StopReason {
    precondition(!until.isNaN, "run(until:) needs a time, not NaN")
    kernel.stopRequested = false
    var budget = maxEvents
    while true {
      if budget == 0 { return kernel.calendar.isEmpty ? .calendarEmpty : .eventLimit }
      guard let (time, event) = kernel.calendar.pop(notAfter: until) else {
        if kernel.calendar.isEmpty { return .calendarEmpty }
        if until > kernel._now { kernel._now = until }
        return .timeLimit
      }
      budget &-= 1
      try handleChecked(time, event, check)
      if kernel.stopRequested { return .stopped }
    }
  }

  /// Like ``step()``, with the checks of ``run(until:maxEvents:checking:)``.
  @inlinable @discardableResult
  public mutating func step(checking check: (Model) -> String?) throws -> Bool {
    guard let (time, event) = kernel.calendar.pop() else { return false }
    try handleChecked(time, event, check)
    return true
  }

  @inlinable
  mutating func handleChecked(_ time: Double, _ event: Model.Event, _ check: (Model) -> String?) throws {
    let before = kernel._now
    if time < before {
      throw InvariantViolation(invariant: "time is non-decreasing (\(time) after \(before))", time: time,
                               event: String(describing: event))
    }
    kernel._now = time
    kernel._eventsProcessed &+= 1
    try model.handle(event, kernel: &kernel)
    if kernel._now != time {
      throw InvariantViolation(invariant: "the clock stays at the event's time while it is handled (moved to \(kernel._now))",
                               time: time, event: String(describing: event))
    }
    if let broken = check(model) {
      throw InvariantViolation(invariant: broken, time: time, event: String(describing: event))
    }
  }
}
