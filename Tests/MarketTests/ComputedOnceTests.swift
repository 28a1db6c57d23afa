import Foundation
import Testing
@testable import Market
@testable import Simulation

/// What the model computes once instead of per buyer or per entrant gives bit-identical results
/// to computing it afresh (the outputs' byte-identity depends on it), on random inputs.
@Suite struct ComputedOnceTests {
  /// The monopoly price on the 401-point grid, computed the direct way: the oracle.
  static func directMonopolyPrice(scale kappa: Double, median: Double, mean: Double, sellerFeeRate fs: Double, marginalCost c: Double) -> Double {
    let mu = log(median), sigma = (2 * log(max(mean, median) / median)).squareRoot()
    guard kappa > 0, sigma > 0 else { return kappa * median }
    var best = (price: kappa * median, profit: -Double.infinity)
    for i in 0...400 {
      let z = -4 + Double(i) * 0.025
      let p = kappa * exp(mu + sigma * z)
      let profit = (p * (1 - fs) - c) * 0.5 * erfc(z / 2.0.squareRoot())
      if profit > best.profit { best = (p, profit) }
    }
    return best.price
  }

  @Test(arguments: [1, 2, 3] as [UInt64])
  func theTabulatedMonopolyPriceIsTheDirectOne(seed: UInt64) {
    var rng = Xoshiro256StarStar(seed: seed)
    for trial in 0..<60 {
      // spreads from none to wide, both sides of the search's smallest σ
      let spread = trial % 3 == 0 ? 1e-3 * unitDouble(&rng) : 50 * unitDouble(&rng)
      let median = 1 + 500 * unitDouble(&rng), mean = median * (1 + spread)
      let grid = MonopolyPriceGrid(median: median, mean: mean)
      for _ in 0..<200 {
        // scales over eight decades, so that the optimum sits anywhere on the grid, at its ends included
        let kappa = unitDouble(&rng) < 0.05 ? 0 : exp(18 * unitDouble(&rng) - 12)
        let fs = unitDouble(&rng) < 0.05 ? 1 : 0.2 * unitDouble(&rng), c = unitDouble(&rng) < 0.1 ? 0 : 5 * unitDouble(&rng)
        let direct = Self.directMonopolyPrice(scale: kappa, median: median, mean: mean, sellerFeeRate: fs, marginalCost: c)
        #expect(grid.price(scale: kappa, sellerFeeRate: fs, marginalCost: c).bitPattern == direct.bitPattern)
      }
    }
    // no spread: κ times the median
    #expect(MonopolyPriceGrid(median: 30, mean: 30).price(scale: 0.5, sellerFeeRate: 0, marginalCost: 0) == 15)
  }

  @Test(arguments: [1, 2] as [UInt64])
  func theDemandMemorysSortIsTheStandardOne(seed: UInt64) {
    var rng = Xoshiro256StarStar(seed: seed)
    for _ in 0..<500 {
      let n = Int(120 * unitDouble(&rng))
      // few distinct values, so that ties (and +0 beside −0) are common
      let values: [Double] = [0, -0.0, 1, 2.5, 1e-300, 7, 7, 1e6]
      var w = (0..<n).map { _ in unitDouble(&rng) < 0.5 ? values[Int(8 * unitDouble(&rng))] : 100 * unitDouble(&rng) }
      let expected = w.sorted(by: >)
      ProviderPricing.sortDescending(&w)
      #expect(w.map(\.bitPattern) == expected.map(\.bitPattern))
    }
  }

  @Test(arguments: [1, 2] as [UInt64])
  func aRememberedTailIsTheComputedOne(seed: UInt64) {
    var rng = Xoshiro256StarStar(seed: seed)
    for _ in 0..<500 {
      let t = 100 * unitDouble(&rng), m = 100 * unitDouble(&rng) + 1e-3, s = 2 * unitDouble(&rng) + 0.01
      var memo = LogNormalTailMemo()
      let first = ContractTerms.exceedance(threshold: t, mean: m, sigma: s, memo: &memo)
      let (prob, partial) = ContractTerms.exceedanceAndPartialMean(threshold: t, mean: m, sigma: s, memo: &memo)   // from the memo
      let (freshProb, freshPartial) = ContractTerms.exceedanceAndPartialMean(threshold: t, mean: m, sigma: s)
      #expect(first.bitPattern == ContractTerms.exceedance(threshold: t, mean: m, sigma: s).bitPattern)
      #expect(prob.bitPattern == freshProb.bitPattern && partial.bitPattern == freshPartial.bitPattern)
      // a different threshold is computed afresh, not taken from the memo
      let other = ContractTerms.exceedance(threshold: t * 1.5 + 1, mean: m, sigma: s, memo: &memo)
      #expect(other.bitPattern == ContractTerms.exceedance(threshold: t * 1.5 + 1, mean: m, sigma: s).bitPattern)
    }
  }

  @Test func contractTypeCountsAddTypeByType() {
    var a = ContractTypeCounts(), b = ContractTypeCounts()
    #expect(a.count == ContractType.allCases.count && a.allSatisfy { $0 == 0 })
    for i in a.indices { a[i] = i + 1; b[i] = 10 * (i + 1) }
    a.add(b)
    #expect(Array(a) == a.indices.map { 11 * ($0 + 1) })
    #expect(a.reduce(0, +) == 11 * a.count * (a.count + 1) / 2)
  }

  /// The valuation table's rows give each product's Fit bit-identical to ``Valuation/fit(_:_:offset:)``
  /// and its powers as appended, for any number of domains (rows of one line and of several),
  /// across the table's growth; every row starts on a 64-byte boundary.
  @Test(arguments: [1, 3, 4, 5, 12] as [Int])
  func theValuationTableGivesTheFitAndPowersComputedAfresh(domains d: Int) {
    var rng = Xoshiro256StarStar(seed: UInt64(d))
    let table = ValuationTable(domains: d, capacity: 2)
    var vectors: [[Double]] = [], powers: [(Double, Double, Double)] = []
    for _ in 0..<300 {
      let v = (0..<d).map { _ in unitDouble(&rng) < 0.2 ? 0 : unitDouble(&rng) }
      let p = (unitDouble(&rng), unitDouble(&rng), unitDouble(&rng))
      table.append(powers: p, domainNorm: Valuation.norm(v, count: d), domain: v)
      vectors.append(v); powers.append(p)
    }
    #expect(table.count == 300 && table.stride % 8 == 0 && table.stride >= 4 + d)
    let rows = table.rows
    #expect(UInt(bitPattern: rows.base) % 64 == 0)
    for _ in 0..<50 {
      let buyer = (0..<d).map { _ in unitDouble(&rng) }, norm = Valuation.norm(buyer, count: d)
      for (k, v) in vectors.enumerated() {
        let fit = buyer.withUnsafeBufferPointer { rows.fit(Int32(k), buyer: $0, buyerNorm: norm) }
        #expect(fit.bitPattern == Valuation.fit(buyer, v).bitPattern)
        let dot = zip(buyer, v).reduce(0.0) { $0 + $1.0 * $1.1 }
        #expect(fit.bitPattern == Valuation.fit(dot: dot, normA: norm, normB: Valuation.norm(v, count: d)).bitPattern)
      }
    }
    for (k, p) in powers.enumerated() {
      let got = table.powers(Int32(k))
      #expect(got.true == p.0 && got.claimed == p.1 && got.degraded == p.2)
    }
  }

  /// M2's posterior that a product is bad, tabulated per run by exchange, recognised certificate
  /// and sample (``DataMarketModel/ListingConditions/posteriorsBad(exchange:recognised:)``), is
  /// the one each buyer computed before: Π(1 − d) over the screens passed, in the same order,
  /// through ``Valuation/posteriorBad(prior:pass:)``, on random detection rates and priors.
  @Test(arguments: [1, 2, 3] as [UInt64])
  func theTabulatedPosteriorIsTheComputedOne(seed: UInt64) {
    var rng = Xoshiro256StarStar(seed: seed)
    for _ in 0..<200 {
      var c = DataMarketConfig()
      c.badShare = unitDouble(&rng); c.sampleDetection = unitDouble(&rng); c.registry.detection = unitDouble(&rng)
      for e in c.exchanges.indices { c.exchanges[e].detection = unitDouble(&rng) < 0.1 ? 1 : unitDouble(&rng) }
      let conditions = DataMarketModel.ListingConditions(c)
      for e in -1..<c.exchanges.count {
        for recognised in [0.0, 1] {
          // the screens as the buyers' loops multiplied them: review (listings only), then certificate
          let screens = e >= 0 ? (1 - c.exchanges[e].detection) * (1 - c.registry.detection * recognised)
                               : 1 - c.registry.detection * recognised
          let (without, with) = conditions.posteriorsBad(exchange: e, recognised: recognised)
          #expect(without.bitPattern == Valuation.posteriorBad(prior: c.badShare, pass: screens * (1 - c.sampleDetection * 0)).bitPattern)
          #expect(with.bitPattern == Valuation.posteriorBad(prior: c.badShare, pass: screens * (1 - c.sampleDetection * 1)).bitPattern)
        }
      }
    }
  }

  /// Winning prices logged and moved into the products' rings at each price revision (or when the
  /// log fills) give the rings, so the prices and every contract, that writing each buyer's
  /// prices at once gives (a log limit of 1), with and without M3's versions; with the default
  /// limit the log is flushed only at period ends here, with a limit of 64 also within periods.
  @Test(arguments: [false, true])
  func loggedWinningPricesReachTheRingsUnchanged(versions: Bool) throws {
    var c = WhatIfDirectionTests.small()
    c.periods = 8; c.warmupPeriods = 1
    c.providers.versioning = versions
    func run(limit: Int) throws -> DataMarketModel {
      var d = c
      d.winningLogLimit = limit
      return try DataMarketModel.simulate(d, seed: 3).0
    }
    let atOnce = try run(limit: 1)
    #expect(atOnce.contracts.count > 100, "\(atOnce.contracts.count) contracts")
    /// Where two sequences first differ (their common length if one is a prefix), or nil.
    func firstDifference<T: Equatable>(_ a: [T], _ b: [T]) -> Int? {
      a.indices.first { $0 < b.count && a[$0] != b[$0] } ?? (a.count == b.count ? nil : min(a.count, b.count))
    }
    for limit in [64, c.winningLogLimit] {
      let logged = try run(limit: limit)
      #expect(firstDifference(logged.products.map(\.price.bitPattern), atOnce.products.map(\.price.bitPattern)) == nil, "prices, limit \(limit)")
      #expect(firstDifference(logged.basicPrices.map(\.bitPattern), atOnce.basicPrices.map(\.bitPattern)) == nil, "basic prices, limit \(limit)")
      #expect(firstDifference(logged.contracts.map(\.price.bitPattern), atOnce.contracts.map(\.price.bitPattern)) == nil, "contracts, limit \(limit)")
      #expect(firstDifference(logged.contracts.map(\.product), atOnce.contracts.map(\.product)) == nil, "contracts' products, limit \(limit)")
    }
  }
}
