/// The classic "hold" benchmark model of event-list studies (Jones 1986): a fixed population of
/// pending events; handling one schedules a successor at now + Exp(mean 1). It exercises only the
/// calendar, the run loop and the generator.
public struct HoldModel: SimulationModel {
  /// A hold event carries the index of the process it belongs to.
  public enum Event: Sendable { case hold(process: Int32) }

  @usableFromInline var rng: Xoshiro256StarStar
  /// Sum of event times seen (a checksum that keeps the optimiser honest).
  public var checksum: Double = 0

  public init(seed: UInt64) { rng = Xoshiro256StarStar(seed: seed) }

  /// Schedules the initial `pending` events at Exp(1) times.
  public mutating func prime(_ kernel: inout Kernel<Event>, pending: Int) throws {
    for p in 0..<pending { try kernel.schedule(.hold(process: Int32(p)), after: -_log(rng.nextOpenUnitDouble())) }
  }

  @inlinable
  public mutating func handle(_ event: Event, kernel: inout Kernel<Event>) throws {
    checksum += kernel.now
    try kernel.schedule(event, after: -_log(rng.nextOpenUnitDouble()))
  }
}
