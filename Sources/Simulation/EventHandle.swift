/// Identifies one scheduled event so that it can be cancelled. Stale after the event fires or is
/// cancelled: cancelling a stale handle does nothing and returns `false`.
@frozen public struct EventHandle: Hashable, Sendable {
  @usableFromInline let slot: Int32
  @usableFromInline let sequence: UInt64
  @inlinable init(slot: Int32, sequence: UInt64) { self.slot = slot; self.sequence = sequence }
}
