import Foundation
import Testing
@testable import Market
@testable import Scenario

/// A book keeps a price level per tick (RMB 100) between its lowest bid and its ask, so
/// monopoly-priced public data (κ_cap = ∞: an ask in the tail of willingness to pay) needs wide
/// books. Past the books' limit a run stops with `BookWindowLimit`, a clear error (exit code 2
/// from `run`), where the matching engine trapped, or the process ran out of memory, before.
@Suite struct BookWindowLimitTests {
  func baselineWithMonopolyCap() throws -> DataMarketConfig {
    let s = try Scenario.load(file: BinaryRoot.path + "/scenarios/baseline.json",
                              overrides: ["publicOperator.capMultiple=Infinity", "market.periods=14", "market.warmupPeriods=2"])
    guard case .dataMarket(let c) = s.model else { throw ScenarioError.invalid(source: "", path: "$", expected: "a data market", found: "another model") }
    return c
  }

  @Test func booksOutgrowingTheirLimitStopTheRunWithAnError() throws {
    var c = try baselineWithMonopolyCap()
    // under the default limit (2^29 levels) the run completes, its books far below it
    let (m, _) = try DataMarketModel.simulate(c, seed: 1)
    #expect(!m.booksTooWide && m.engine.levelCount > 1 << 20 && m.engine.levelCount < c.maximumBookLevels / 4,
            "\(m.engine.levelCount) levels")
    c.maximumBookLevels = 1 << 20
    do {
      _ = try DataMarketModel.simulate(c, seed: 1)
      Issue.record("the run did not stop at \(c.maximumBookLevels) levels")
    } catch let e as BookWindowLimit {
      #expect(e.levels > 1 << 20 && e.levels <= (1 << 20) + (1 << 25))
      #expect(e.description.contains("lower buyers.valueMean and buyers.valueMedian"))
    }
  }
}
