/// Why ``Simulator/run(until:maxEvents:)`` returned.
public enum StopReason: String, Sendable, Equatable {
  /// The next event lies after the time limit; the clock was advanced to the limit.
  case timeLimit
  /// No event is pending.
  case calendarEmpty
  /// The model called ``Kernel/stop()``.
  case stopped
  /// The event budget was used up.
  case eventLimit
}

/// The run loop: a model and its kernel, driven event by event in (time, priority, FIFO) order.
///
///     var sim = Simulator(model: MM1Queue(...))
///     try sim.kernel.schedule(.arrival, at: 0)
///     let why = try sim.run(until: 1_000)
///
/// Generic over the model, and `@inlinable`, so the loop specialises for each model's event type.
@frozen
public struct Simulator<Model: SimulationModel> {
  /// The model being simulated.
  public var model: Model
  /// Its clock and calendar.
  public var kernel: Kernel<Model.Event>

  @inlinable public init(model: Model, start: Double = 0, capacity: Int = 0, fifoLanes: Int = 0) {
    self.model = model
    self.kernel = Kernel(start: start, capacity: capacity, fifoLanes: fifoLanes)
  }

  /// Handles the next event, if any. Returns `false` when the calendar is empty.
  @inlinable @discardableResult
  public mutating func step() throws -> Bool {
    guard let (time, event) = kernel.calendar.pop() else { return false }
    kernel._now = time
    kernel._eventsProcessed &+= 1
    try model.handle(event, kernel: &kernel)
    return true
  }

  /// Handles events until the next one lies after `until`, the calendar empties, the model stops
  /// the run, or `maxEvents` more events have been handled. On `timeLimit` the clock ends at `until`.
  /// - Precondition: `until` is not NaN.
  @inlinable @discardableResult
  public mutating func run(until: Double = .infinity, maxEvents: Int = .max) throws -> StopReason {
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
      kernel._now = time
      kernel._eventsProcessed &+= 1
      budget &-= 1
      try model.handle(event, kernel: &kernel)
      if kernel.stopRequested { return .stopped }
    }
  }
}
