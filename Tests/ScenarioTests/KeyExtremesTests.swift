import Foundation
import Testing
@testable import Scenario
import Market

/// Every bounded numeric key of the data market, at the bottom and at the top of its range, in a
/// small market with every contract type and the public operator: the run finishes, money adds up
/// and no conversion traps (issue 15: values that validate must not crash later).
@Suite struct KeyExtremesTests {
  /// Keys whose top implies a lot of work by design (their cost is the work estimate's business).
  static let skipped: Set<String> = ["market.periods", "market.warmupPeriods", "market.periodDays", "buyers.considerationSetSize",
                                     "publicOperator.products", "buyers.firmsPerRegion", "market.domains", "providers.licenceLimit"]

  static let base = """
    { kind: "dataMarket", market: { periods: 3, warmupPeriods: 1 },
      regions: [{ name: "A", buyerArrivalRate: 2, providerArrivalRate: 0.3 }, { name: "B", buyerArrivalRate: 2, providerArrivalRate: 0.3 }],
      publicOperator: { products: 3 }, providers: { pricing: "adaptive", limitedShare: 0.3 },
      contracts: { allowed: ["FIXED", "SUBSCRIPTION", "USAGE", "REVSHARE", "OUTCOME"] } }
    """

  static var cases: [String] {
    (ModelKeys.rows(kind: "dataMarket") ?? []).compactMap { row -> [String]? in
      guard let b = row.bounds, !row.path.contains("[]"), !skipped.contains(row.path) else { return nil }
      let fmt: (Double) -> String = { row.type == "integer" ? String(Int($0)) : String($0) }
      return ["\(row.path)=\(fmt(b.lowerBound))", "\(row.path)=\(fmt(b.upperBound))"]
    }.flatMap { $0 }
  }

  @Test func thereAreManyBoundedKeys() { #expect(Self.cases.count > 120) }

  @Test(arguments: KeyExtremesTests.cases)
  func aKeyAtAnExtremeRunsAndConservesMoney(override: String) throws {
    let path = NSTemporaryDirectory() + "datamarket-extremes-\(ProcessInfo.processInfo.processIdentifier).json"
    if !FileManager.default.fileExists(atPath: path) { try Self.base.write(toFile: path, atomically: true, encoding: .utf8) }
    let scenario: Scenario
    do { scenario = try Scenario.load(file: path, overrides: [override]) } catch {
      // a bound may conflict with another key's default (e.g. valueMean below valueMedian): a clean error is fine
      #expect(error.description.contains("expected"), "\(override): \(error.description)")
      return
    }
    guard case .dataMarket(let config) = scenario.model else { Issue.record("not a data market"); return }
    let (m, _) = try DataMarketModel.simulate(config, seed: 3)
    for p in m.periods {
      let l = p.ledger
      let scale = max(1, abs(l.buyerPayments))
      #expect(abs(l.buyerPayments - l.providerReceipts - l.exchangeTradeFees - l.publicOperatorRevenue) <= 1e-9 * scale
              || !l.buyerPayments.isFinite, "\(override): period \(p.index)")
    }
    _ = try ScenarioRunner.run(scenario)   // the tables and the headline format every value
  }
}
