/// The simulation clock and its future-event list: what a model sees while it handles an event.
///
/// A model schedules and cancels through the kernel; the kernel refuses a time in the past or a
/// non-finite time with a ``SchedulingError`` naming the time and the event. Time is a `Double`
/// in the model's unit (the data market uses days).
@frozen
public struct Kernel<Event> {
  /// The current simulated time.
  @inlinable public var now: Double { _now }
  /// Events handled so far.
  @inlinable public var eventsProcessed: Int { _eventsProcessed }
  @usableFromInline var _now: Double
  @usableFromInline var _eventsProcessed: Int = 0
  @usableFromInline var calendar: EventCalendar<Event>
  @usableFromInline var stopRequested = false

  /// A kernel with its clock at `start` and an empty calendar sized for `capacity` events, with
  /// `fifoLanes` FIFO lanes beside its heap (``EventCalendar``).
  @inlinable public init(start: Double = 0, capacity: Int = 0, fifoLanes: Int = 0) {
    _now = start
    calendar = EventCalendar(capacity: capacity, fifoLanes: fifoLanes)
  }

  /// Pending events.
  @inlinable public var pendingCount: Int { calendar.count }

  /// Schedules `event` at absolute `time` (≥ now) with tie-break `priority` (lower first).
  @inlinable @discardableResult
  public mutating func schedule(_ event: Event, at time: Double, priority: Int = 0) throws(SchedulingError) -> EventHandle {
    guard time.isFinite else { throw .invalidTime(time: time, event: String(describing: event)) }
    guard time >= now else { throw .inPast(time: time, now: now, event: String(describing: event)) }
    return calendar.schedule(event, at: time, priority: priority)
  }

  /// Schedules `event` after `delay` (≥ 0) time units.
  @inlinable @discardableResult
  public mutating func schedule(_ event: Event, after delay: Double, priority: Int = 0) throws(SchedulingError) -> EventHandle {
    try schedule(event, at: now + delay, priority: priority)
  }

  /// Cancels a pending event; `false` if it already fired or was cancelled.
  @inlinable @discardableResult
  public mutating func cancel(_ handle: EventHandle) -> Bool { calendar.cancel(handle) }

  /// The time of the next pending event, if any.
  @inlinable public mutating func nextEventTime() -> Double? { calendar.peekTime() }

  /// Asks the run loop to stop after the event being handled.
  @inlinable public mutating func stop() { stopRequested = true }
}
