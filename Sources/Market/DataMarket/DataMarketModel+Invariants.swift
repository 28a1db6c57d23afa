import Matching
import Simulation

// Invariants mode (`--check-invariants`): what must hold after every event.
extension DataMarketModel {
  /// Relative tolerance of the money identities (sums of many postings in floating point).
  static let moneyTolerance = 1e-9

  /// The first broken invariant of the current state, or nil: no listing's book is crossed;
  /// listings are consistent (each exchange's count is its approved listings, a product is listed
  /// iff one of its listings is approved, no product lists twice in one region);
  /// money is conserved (each flow of this period's ledger nets to zero over the accounts, and
  /// buyer payments = provider receipts + exchange trade fees + public-operator revenue); limited
  /// licences are conserved (licences left + sales = the licence limit, never negative).
  /// O(products + accounts); contracts' histories are checked by ``DataMarketInvariants``.
  public func checkInvariants() -> String? {
    if let broken = crossedBookInvariant() { return broken }
    if let broken = listingInvariant() { return broken }
    if let broken = moneyInvariant() { return broken }
    return licenceInvariant()
  }

  func crossedBookInvariant() -> String? {
    for l in listings where l.book >= 0 && engine.isCrossed(book: l.book) {
      return "no book is crossed (product \(l.product)'s book at exchange \(l.exchange) has best bid \(engine.bestBid(l.book)!) ≥ best ask \(engine.bestAsk(l.book)!))"
    }
    for l in listings where l.basicBook >= 0 && engine.isCrossed(book: l.basicBook) {
      let b = l.basicBook
      return "no book is crossed (product \(l.product)'s basic-version book at exchange \(l.exchange) has best bid \(engine.bestBid(b)!) ≥ best ask \(engine.bestAsk(b)!))"
    }
    return nil
  }

  func listingInvariant() -> String? {
    var perExchange = Array(repeating: 0, count: config.exchanges.count)
    for l in listings where l.active { perExchange[l.exchange] += 1 }
    let listedNow = products.indices.filter { products[$0].listed }.count
    if perExchange != listedCount || listedNow != listedProducts.count {
      return "listings are counted (approved per exchange \(perExchange), counted \(listedCount); \(listedNow) products listed, \(listedProducts.count) in the buyers' pool)"
    }
    var local = Array(repeating: 0, count: config.regions.count)
    for l in listings where l.active { local[exchangeRegion[l.exchange]] += 1 }
    if local != localProducts { return "listings are counted (listed products per region \(local), counted \(localProducts))" }
    for (i, p) in products.enumerated() {
      let regions = listingsOf[i].map { exchangeRegion[listings[Int($0)].exchange] }
      if Set(regions).count != regions.count { return "a product lists at most once per region (product \(i): regions \(regions))" }
      if p.listed != listingsOf[i].contains(where: { listings[Int($0)].active }) {
        return "a product is listed iff one of its listings is approved (product \(i))"
      }
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
    var sim = Simulator(model: DataMarketModel(config: config, seed: seed), capacity: 1024, fifoLanes: calendarLanes)
    try sim.model.start(&sim.kernel)
    var history = DataMarketInvariants()
    if let broken = sim.model.checkInvariants() ?? history.check(sim.model) {
      throw InvariantViolation(invariant: broken, time: sim.kernel.now, event: "start")
    }
    try sim.run(checking: { model in model.checkInvariants() ?? history.check(model) })
    return (sim.model, sim.kernel.eventsProcessed)
  }
}
