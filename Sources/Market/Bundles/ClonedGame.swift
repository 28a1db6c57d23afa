/// A game in which one player's product has been replicated: the base game's n players plus
/// player n, an exact copy of player `original`. Copied data adds no information, so a
/// coalition is worth what it would be with the copy replaced by the original:
///
///     w'(G) = w(G ∖ {n} ∪ {original})   if n ∈ G,   else w(G)
///
/// (For a coverage game this differs from appending a product with the same q and x, which
/// would count the copy as an independent second draw of the same features.) Same unit as the base.
public struct ClonedGame<Base: CooperativeGame>: CooperativeGame {
  /// The game before replication.
  public let base: Base
  /// The replicated player, 0 ..< base.playerCount.
  public let original: Int

  /// - Throws: ``BundleError`` unless `original` is a player of `base` and base has fewer than 64 players.
  public init(_ base: Base, cloning original: Int) throws(BundleError) {
    guard base.playerCount < 64 else { throw BundleError("cannot clone a player of a 64-player game") }
    guard (0..<base.playerCount).contains(original) else {
      throw BundleError("player \(original) to clone is not one of the \(base.playerCount) players")
    }
    self.base = base
    self.original = original
  }

  public var playerCount: Int { base.playerCount + 1 }

  public func value(of coalition: UInt64) -> Double {
    let copy: UInt64 = 1 << UInt64(base.playerCount)
    guard coalition & copy != 0 else { return base.value(of: coalition) }
    return base.value(of: (coalition & ~copy) | (1 << UInt64(original)))
  }

  /// v' for every coalition, from one tabulation of the base game: a coalition with the copy
  /// reads the base's value of the same coalition with the original instead (the same numbers as
  /// ``value(of:)``, which the base's own tabulation reproduces exactly, at a table look-up each).
  public func tabulate() -> [Double] {
    let table = base.tabulate()
    let n = base.playerCount, original = 1 << self.original
    var values = table
    values.reserveCapacity(2 << n)
    for mask in 0..<(1 << n) { values.append(table[mask | original]) }
    return values
  }
}

extension ClonedGame: Sendable where Base: Sendable {}
