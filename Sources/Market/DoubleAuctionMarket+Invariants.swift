import Simulation

// Invariants mode (`--check-invariants`) for the double auction.
extension DoubleAuctionMarket {
  /// The first broken invariant, or nil: the book is not crossed; every trader's next unit lies
  /// within its schedule (units are never traded twice or skipped backwards); the period's
  /// realised surplus is at most the competitive equilibrium's maximum. O(traders).
  public func checkInvariants() -> String? {
    if engine.isCrossed(book: 0) {
      return "no book is crossed (best bid \(engine.bestBid(0)!) ≥ best ask \(engine.bestAsk(0)!))"
    }
    for t in 0..<traders where nextUnit[t] < unitStart[t] || nextUnit[t] > unitEnd[t] {
      return "units are traded in order (trader \(t)'s next unit \(nextUnit[t]) is outside \(unitStart[t])...\(unitEnd[t]))"
    }
    if current.realisedSurplus > equilibrium.maxSurplus {
      return "realised surplus ≤ the equilibrium's maximum (\(current.realisedSurplus) > \(equilibrium.maxSurplus) in period \(period))"
    }
    return nil
  }

  /// ``simulate(_:seed:recordTrades:)`` in invariants mode: the clock and ``checkInvariants()``
  /// after every event; the first violation throws ``InvariantViolation``.
  public static func simulateChecked(_ config: DoubleAuctionConfig, seed: UInt64, recordTrades: Bool = false) throws -> (DoubleAuctionMarket, Int) {
    var sim = Simulator(model: DoubleAuctionMarket(config: config, seed: seed, recordTrades: recordTrades), capacity: 64)
    try sim.model.start(&sim.kernel)
    try sim.run(checking: { $0.checkInvariants() })
    return (sim.model, sim.kernel.eventsProcessed)
  }
}
