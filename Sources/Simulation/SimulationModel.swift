/// A discrete-event model: a value that reacts to its own events.
///
/// `Event` is a small value type — typically an enum with payloads and integer agent ids — never
/// a closure or a class instance per event, so the kernel's calendar holds plain values.
public protocol SimulationModel {
  associatedtype Event
  /// Handles `event` at `kernel.now`, scheduling follow-up events through `kernel`.
  mutating func handle(_ event: Event, kernel: inout Kernel<Event>) throws
}
