/// A cooperative game given by the table of all its 2^n coalition values (index = coalition
/// mask), in the caller's money unit. Exact Shapley values are computed on such a table; tests
/// also build arbitrary set functions with it.
///
///     let majority = try GameTable(playerCount: 3, values: [0, 0, 0, 1, 0, 1, 1, 1])
public struct GameTable: CooperativeGame, Sendable, Equatable {
  /// The largest n a table is built for: 2^20 values, 8 MiB.
  public static let maximumPlayers = 20

  public let playerCount: Int
  /// w(G) at index G (the mask); 2^n finite values.
  public let values: [Double]

  /// A table from its values.
  /// - Throws: ``BundleError`` unless 0 ≤ n ≤ ``maximumPlayers``, there are 2^n values and all are finite.
  public init(playerCount: Int, values: [Double]) throws(BundleError) {
    try GameTable.checkPlayers(playerCount)
    guard values.count == 1 << playerCount else {
      throw BundleError("a game of \(playerCount) players needs \(1 << playerCount) coalition values; got \(values.count)")
    }
    if let bad = values.firstIndex(where: { !$0.isFinite }) {
      throw BundleError("coalition value \(bad) is \(values[bad]); expected a finite number")
    }
    self.playerCount = playerCount
    self.values = values
  }

  /// The table of any game: its `tabulate()`. - Complexity: 2^n values (O(F) each for a coverage game).
  /// - Throws: ``BundleError`` if the game has more than ``maximumPlayers`` players or a value is not finite.
  public init(tabulating game: some CooperativeGame) throws(BundleError) {
    try GameTable.checkPlayers(game.playerCount)
    try self.init(playerCount: game.playerCount, values: game.tabulate())
  }

  public func value(of coalition: UInt64) -> Double { values[Int(coalition)] }

  public func tabulate() -> [Double] { values }

  /// The game v + w (coalition by coalition), for the additivity axiom.
  /// - Throws: ``BundleError`` if the player counts differ.
  public func adding(_ other: GameTable) throws(BundleError) -> GameTable {
    guard other.playerCount == playerCount else {
      throw BundleError("cannot add a game of \(other.playerCount) players to one of \(playerCount)")
    }
    return try GameTable(playerCount: playerCount, values: zip(values, other.values).map { $0 + $1 })
  }

  static func checkPlayers(_ n: Int) throws(BundleError) {
    guard (0...maximumPlayers).contains(n) else {
      throw BundleError("a tabulated game has 0 to \(maximumPlayers) players; got \(n)")
    }
  }
}
