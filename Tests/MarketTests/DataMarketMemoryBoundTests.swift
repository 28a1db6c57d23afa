import Testing
@testable import Market
@testable import Matching
@testable import Simulation

/// Issue 15 (A): state that need not grow without limit within a run stays bounded.
@Suite struct DataMarketMemoryBoundTests {
  @Test(arguments: [0.1, 10.0])
  func adaptivePricingKeepsPricesAndBookWindowsBounded(rate: Double) throws {
    var c = DataMarketConfig()
    c.periods = 36
    c.providers.pricing = .adaptive
    c.providers.adaptiveRate = rate
    c.providers.targetConversion = 0.05
    let (m, _) = try DataMarketModel.simulate(c, seed: 11)
    for p in m.products where p.listed && !p.isPublic {
      #expect(p.price.isFinite && p.price > 0 && p.price <= DataMarketModel.maximumPrice)
    }
    // prices stay in [floor, maximumPrice], so no book's window grows past a few thousand levels
    #expect(m.engine.levels.count <= m.engine.bookCount * 4 * 1_024)
  }

  /// Waiting-buyer records are reused once nothing refers to them, so the run keeps about the
  /// bids pending at once rather than one record per bid (here 42 records for 19,010 arrivals;
  /// 3,810 without reuse); a reusable record is listed once and is never an active bid.
  @Test func waitingBuyerRecordsAreReusedNotAccumulated() throws {
    var c = DataMarketConfig()
    c.periods = 36
    c.buyers.patienceDays = 20
    let (m, _) = try DataMarketModel.simulate(c, seed: 5)
    let arrivals = m.periods.reduce(0) { $0 + $1.national.buyerArrivals }
    #expect(arrivals > 10_000)
    #expect(m.waiting.count * 100 < arrivals, "\(m.waiting.count) records for \(arrivals) arrivals")
    #expect(Set(m.freeWaiting).count == m.freeWaiting.count)
    #expect(m.freeWaiting.allSatisfy { !m.waiting[Int($0)].active })
  }
}

/// The public operator's willingness sample: exact below its capacity, bounded above it.
@Suite struct WillingnessReservoirTests {
  @Test func exactBelowCapacityBoundedAbove() {
    var small = WillingnessReservoir(capacity: 100, rng: RandomStreams(masterSeed: 1).stream("willingness"))
    let draws = (0..<100).map { Double($0 % 37) + 0.5 }
    for x in draws { small.add(x) }
    #expect(small.values == draws && small.seen == 100)
    for x in 0..<100_000 { small.add(Double(x % 1_000)) }
    #expect(small.values.count == 100 && small.seen == 100_100)
    small.removeAll()
    #expect(small.values.isEmpty && small.seen == 0)
  }

  @Test func theMonopolyPriceOfTheSampleIsCloseToTheFullOne() {
    var rng = Xoshiro256StarStar(seed: 5)
    let all = (0..<200_000).map { _ in LogNormalDistribution.fromMedian(30, mean: 60).sample(using: &rng) }
    var r = WillingnessReservoir(capacity: 20_000, rng: RandomStreams(masterSeed: 2).stream("willingness"))
    for x in all { r.add(x) }
    let full = PublicDataPricing.monopolyPrice(willingness: all)!
    let sampled = PublicDataPricing.monopolyPrice(willingness: r.values)!
    #expect(abs(sampled - full) / full < 0.1, "full \(full), sampled \(sampled)")
  }
}
