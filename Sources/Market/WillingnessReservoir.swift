import Simulation

/// The public operator's sample of a year's observed willingness to pay (M8's monopoly price
/// under κ_cap = ∞): every observation while there are at most ``capacity``, then a uniform
/// reservoir sample of them (Vitter's algorithm R), so memory stays bounded however many buyers
/// arrive in a year. Below the capacity it holds exactly what was observed, in order, and draws
/// no random numbers; above it the monopoly price is taken on the sample (revenue w·rank scales
/// by the same factor for every w, so its argmax is estimated without bias in rank).
public struct WillingnessReservoir: Sendable {
  /// Observations kept at most: 2^20 (8 MB).
  public static let defaultCapacity = 1 << 20
  public let capacity: Int
  /// The sample (all observations while `seen ≤ capacity`).
  public private(set) var values: [Double] = []
  /// Observations since the last ``removeAll()``.
  public private(set) var seen = 0
  var rng: Xoshiro256StarStar

  /// An empty reservoir drawing replacements from `rng` (a stream of its own).
  public init(capacity: Int = WillingnessReservoir.defaultCapacity, rng: Xoshiro256StarStar) {
    precondition(capacity >= 1)
    self.capacity = capacity; self.rng = rng
  }

  /// Observes `x`.
  public mutating func add(_ x: Double) {
    seen += 1
    if values.count < capacity { values.append(x); return }
    replace(x)
  }

  mutating func replace(_ x: Double) {
    let j = Int(UniformIntegerDistribution.below(UInt64(seen), using: &rng))
    if j < capacity { values[j] = x }
  }

  /// Forgets every observation (a new year), keeping the storage.
  public mutating func removeAll() {
    values.removeAll(keepingCapacity: true)
    seen = 0
  }
}
