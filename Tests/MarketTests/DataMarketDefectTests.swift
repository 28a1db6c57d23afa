import Testing
@testable import Market
@testable import Simulation

/// Regression tests for the data-market defects found by running the model (issue 11), each
/// failing before its fix.
@Suite struct DataMarketDefectTests {
  /// Two regions, short horizon, a few public products: fast and every mechanism on.
  static func small(periods: Int = 14) -> DataMarketConfig {
    var c = DataMarketConfig()
    c.periods = periods
    c.warmupPeriods = 2
    c.regions = [.init(name: "A", buyerArrivalRate: 4, providerArrivalRate: 0.15, annotationBase: false),
                 .init(name: "B", buyerArrivalRate: 4, providerArrivalRate: 0.15, annotationBase: false)]
    c.exchanges = [.init(name: "XA", region: 0), .init(name: "XB", region: 1)]
    c.publicOperator.products = 5
    return c
  }

  func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }

  @Test(arguments: [[ContractType.outcome], [.revenueShare], [.usage, .subscription]])
  func onlyAllowedContractTypesAreSigned(allowed: [ContractType]) throws {
    var c = Self.small()
    c.contracts.allowed = allowed
    let (m, _) = try DataMarketModel.simulate(c, seed: 4)
    let paid = m.contracts.filter { !$0.free }
    #expect(!paid.isEmpty)
    for k in paid { #expect(allowed.contains(k.terms.type), "contract \(k.id) is \(k.terms.type.rawValue)") }
    // free uses are public data for public-interest buyers only, at price 0
    for k in m.contracts where k.free {
      #expect(m.products[Int(k.product)].isPublic && k.price == 0 && k.paid == 0)
      #expect(c.buyers.segments[k.segment].publicPurpose)
    }
    // the contract mix counts the paid contracts only
    let counted = m.periods.reduce(0) { $0 + $1.national.contractCounts.reduce(0, +) }
    #expect(counted == paid.count)
  }

  @Test(arguments: UInt64(1)...3)
  func providerRevenueIsWhatTheLedgerPaidThem(seed: UInt64) throws {
    var c = Self.small()
    c.contracts.allowed = [.fixed, .revenueShare, .outcome, .subscription]
    let (m, _) = try DataMarketModel.simulate(c, seed: seed)
    let privateRevenue = m.products.filter { !$0.isPublic }.reduce(0.0) { $0 + $1.revenue }
    let publicRevenue = m.products.filter(\.isPublic).reduce(0.0) { $0 + $1.revenue }
    let receipts = m.periods.reduce(0.0) { $0 + $1.ledger.providerReceipts }
    let operatorRevenue = m.periods.reduce(0.0) { $0 + $1.ledger.publicOperatorRevenue }
    #expect(receipts > 0)
    #expect(close(privateRevenue, receipts), "providers \(privateRevenue) vs ledger \(receipts)")
    #expect(close(publicRevenue, operatorRevenue), "public products \(publicRevenue) vs ledger \(operatorRevenue)")
  }
}
