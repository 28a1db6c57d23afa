import Foundation
import Testing
import Market
@testable import Scenario
import Simulation

/// Issue 15 (A): the work estimate of each scenario kind and the limits `run` and sweeps apply.
@Suite struct WorkEstimateTests {
  func scenario(_ file: String, _ overrides: [String] = []) throws -> Scenario {
    try Scenario.load(file: BinaryRoot.path + "/" + file, overrides: overrides)
  }

  @Test func dataMarketEstimateBoundsTheRunFromAbove() throws {
    let s = try scenario("scenarios/baseline.json", ["market.periods=18", "market.warmupPeriods=6"])
    let estimate = WorkEstimate.of(s)
    let events = try ScenarioRunner.run(s).eventsProcessed
    #expect(estimate.events.value >= Double(events))
    #expect(estimate.events.value <= 5 * Double(events), "an estimate far above the run refuses honest scenarios")
    #expect(estimate.events.keys.first == "regions[].buyerArrivalRate")
    #expect(WorkLimits.standard.violation(estimate) == nil)
  }

  /// A buyer weighs its whole consideration set: above the default 30 listings its events count
  /// for that much more work, and the key is named among the drivers.
  @Test func aLargeConsiderationSetWeighsOnTheEstimate() throws {
    let base = WorkEstimate.of(try scenario("scenarios/baseline.json", []))
    let large = WorkEstimate.of(try scenario("scenarios/baseline.json", ["buyers.considerationSetSize=3000"]))
    #expect(large.events.value > 50 * base.events.value)
    #expect(large.events.keys.contains("buyers.considerationSetSize") && !base.events.keys.contains("buyers.considerationSetSize"))
    let small = WorkEstimate.of(try scenario("scenarios/baseline.json", ["buyers.considerationSetSize=5"]))
    #expect(small.events == base.events)
  }

  @Test func hugeDataMarketIsRefusedNamingTheArrivalRate() throws {
    var c = DataMarketConfig()
    c.periods = 10_000
    for r in c.regions.indices { c.regions[r].buyerArrivalRate = 10_000 }
    let e = WorkEstimate.dataMarket(c)
    #expect(e.events.value > 1e9)
    let why = try #require(WorkLimits.standard.violation(e))
    #expect(why.hasPrefix("the run would handle ≈ "))
    #expect(why.contains("driven by regions[].buyerArrivalRate, buyers.arrivalMultiplier, market.periods, market.periodDays"))
    // the network effect cannot make the bound smaller than the configured rates
    #expect(WorkEstimate.networkMultiplier(c, listings: 0) == 1)
    #expect(WorkEstimate.networkMultiplier(c, listings: 1e6) > 1)
  }

  @Test func monopolyPricedPublicBooksCountTheirWindows() throws {
    var c = DataMarketConfig()
    c.publicOperator.products = 100_000
    let capped = WorkEstimate.dataMarket(c)
    c.publicOperator.capMultiple = .infinity
    let monopoly = WorkEstimate.dataMarket(c)
    #expect(WorkLimits.standard.violation(capped) == nil)
    let why = try #require(WorkLimits.standard.violation(monopoly))
    #expect(why.contains("of memory, above the limit of 8.0 GB (driven by publicOperator.products, publicOperator.capMultiple, buyers.valueMean)"))
    // the fuzzed scenario that crashed the matching engine: 300 monopoly-priced public products at
    // deal sizes of 10^7 are refused before the run (their books would need about 160 GB)
    c.publicOperator.products = 300
    c.buyers.valueMedian = 1e7
    c.buyers.valueMean = 1e7
    #expect(WorkEstimate.dataMarket(c).memoryBytes.value > 100 * 1_073_741_824)
    // the baseline's 20 under κ_cap = ∞: 8.4 million levels each (5.0 million measured)
    var baseline = DataMarketConfig()
    baseline.buyers.valueMean = 13_150
    baseline.publicOperator.capMultiple = .infinity
    #expect(WorkEstimate.publicBookLevels(baseline) == Double(1 << 23))
  }

  @Test func unstableQueueMemoryGrowsWithTheBacklog() {
    let stable = WorkEstimate.mm1(MM1Queue.Parameters(arrivalRate: 0.9, serviceRate: 1, customers: 1_000_000))
    let unstable = WorkEstimate.mm1(MM1Queue.Parameters(arrivalRate: 4, serviceRate: 1, customers: 1_000_000))
    #expect(stable.memoryBytes.value < 1e6)
    #expect(unstable.memoryBytes.value >= 1_000_000 * 0.75 * 8)
    #expect(unstable.events.value >= 5_000_000)
    #expect(unstable.events.keys.contains("queue.arrivalRate / queue.serviceRate"))
    let backlog = WorkEstimate.mm1(MM1Queue.Parameters(arrivalRate: 10, serviceRate: 1, customers: 1_500_000_000))
    #expect(WorkLimits(maxEvents: .infinity, maxMemoryBytes: 8 * 1_073_741_824).violation(backlog)?
      .contains("driven by queue.customers, queue.arrivalRate / queue.serviceRate") == true)
  }

  /// The periods span the horizon, customers over the slower rate: a tiny rate is named with them.
  @Test func aTinyRateIsNamedAmongThePeriodsDrivers() {
    let slowArrivals = WorkEstimate.mm1(MM1Queue.Parameters(arrivalRate: 1e-300, serviceRate: 1, customers: 5))
    #expect(WorkLimits.standard.violation(slowArrivals)?.contains("driven by queue.periodLength, queue.customers, queue.arrivalRate)") == true)
    let slowService = WorkEstimate.mm1(MM1Queue.Parameters(arrivalRate: 1, serviceRate: 1e-12, customers: 5))
    #expect(slowService.events.keys == ["queue.periodLength", "queue.customers", "queue.serviceRate"])
  }

  @Test func doubleAuctionEstimateCountsOrdersAndCallRounds() throws {
    let s = try scenario("scenarios/canonical/gs1.json", ["market.ordersPerPeriod=100000000", "market.periods=100"])
    let e = WorkEstimate.of(s)
    #expect(e.events.value >= 1e10)
    #expect(WorkLimits.standard.violation(e)?.contains("driven by market.ordersPerPeriod, market.periods") == true)
    var small = WorkLimits.standard
    small.maxEvents = 1e11
    #expect(small.violation(e) == nil)
  }

  @Test func randomScheduleTooLargeToDrawIsAnInputError() throws {
    let file = BinaryRoot.path + "/scenarios/canonical/gs1.json"
    do {
      _ = try Scenario.load(file: file, overrides: ["market.random.buyers=1000000", "market.random.units=10000"])
      Issue.record("loaded 10^10 schedule values")
    } catch {
      #expect(error.description.contains("$.market.random.units: expected (buyers + sellers) × units ≤ 100000000"))
    }
  }

  @Test func figuresPrintReadably() {
    #expect(WorkLimits.count(2e9) == "2e9")
    #expect(WorkLimits.count(1.234e10) == "1.23e10")
    #expect(WorkLimits.count(4321) == "4321")
    #expect(WorkLimits.bytes(8 * 1_073_741_824) == "8.0 GB")
    #expect(WorkLimits.bytes(512) == "512 bytes")
    // estimates far beyond any unit print in exponent form (an Int would overflow: a trap)
    #expect(WorkLimits.bytes(1e300) == WorkLimits.count(1e300 / pow(1_024, 5)) + " PB")
    #expect(WorkLimits.bytes(Double.greatestFiniteMagnitude).hasSuffix(" PB"))
  }
}

/// The package root (tests run from anywhere).
enum BinaryRoot {
  static let path: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
}
