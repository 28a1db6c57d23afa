import Matching
import Simulation

// Invariants mode (`--check-invariants`): what must hold after every event.
extension DataMarketModel {
  /// Relative tolerance of the money identities (sums of many postings in floating point).
  static let moneyTolerance = 1e-9

  /// The first broken invariant of the current state, or nil: no product's book is crossed;
  /// money is conserved (each flow of this period's ledger nets to zero over the accounts, and
  /// buyer payments = provider receipts + exchange trade fees + public-operator revenue); limited
  /// licences are conserved (licences left + sales = the licence limit, never negative).
  /// O(products + accounts); contracts' histories are checked by ``DataMarketInvariants``.
  public func checkInvariants() -> String? {
    if let broken = crossedBookInvariant() { return broken }
    if let broken = moneyInvariant() { return broken }
    return licenceInvariant()
  }

  func crossedBookInvariant() -> String? {
    for (i, p) in products.enumerated() where p.book >= 0 && engine.isCrossed(book: p.book) {
      return "no book is crossed (product \(i)'s book has best bid \(engine.bestBid(p.book)!) ≥ best ask \(engine.bestAsk(p.book)!))"
    }
    return nil
  }

  func moneyInvariant() -> String? {
    let accounts = LedgerAccount.fixedAccounts + ledger.exchanges
    for flow in LedgerFlow.allCases {
      var sum = 0.0, scale = 0.0
      for a in 0..<accounts {
        let x = ledger.balance(LedgerAccount(index: a), flow)
        sum += x; scale += abs(x)
      }
      if abs(sum) > Self.moneyTolerance * max(scale, 1) {
        return "money is conserved (flow \(flow) nets to \(sum) over the accounts, not 0)"
      }
    }
    let payments = ledger.buyerPayments
    let received = ledger.providerReceipts + ledger.exchangeTradeFees + ledger.publicOperatorRevenue
    if abs(payments - received) > Self.moneyTolerance * max(abs(payments), 1) {
      return "money is conserved (buyer payments \(payments) ≠ provider receipts + exchange trade fees + public-operator revenue \(received))"
    }
    return nil
  }

  func licenceInvariant() -> String? {
    let limit = config.providers.licenceLimit
    for (i, p) in products.enumerated() where p.limited {
      if p.licencesLeft < 0 || p.licencesLeft + p.sales != limit {
        return "licences are conserved (product \(i): \(p.licencesLeft) left + \(p.sales) sold ≠ limit \(limit))"
      }
    }
    return nil
  }

  /// Runs the whole market in invariants mode: after every event the clock, ``checkInvariants()``
  /// and the contracts' histories (``DataMarketInvariants``) are checked; the first violation
  /// throws ``InvariantViolation``. Slow (O(products + contracts) per event); results are those of
  /// ``simulate(_:seed:)``.
  public static func simulateChecked(_ config: DataMarketConfig, seed: UInt64) throws -> (DataMarketModel, Int) {
    var sim = Simulator(model: DataMarketModel(config: config, seed: seed), capacity: 1024)
    try sim.model.start(&sim.kernel)
    var history = DataMarketInvariants()
    if let broken = sim.model.checkInvariants() ?? history.check(sim.model) {
      throw InvariantViolation(invariant: broken, time: sim.kernel.now, event: "start")
    }
    try sim.run(checking: { model in model.checkInvariants() ?? history.check(model) })
    return (sim.model, sim.kernel.eventsProcessed)
  }
}
