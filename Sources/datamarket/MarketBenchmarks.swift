import Market
import Simulation

/// The market group of `datamarket bench`: the double auction at scale (1,000 ZI-C traders,
/// 100 periods) as orders per CPU second.
enum MarketBenchmarks {
  static func run(scale: Int, repeats: Int, into report: inout BenchReport) throws {
    let periods = max(1, 100 / scale)
    var rng = RandomStreams(masterSeed: 7).stream("schedules")
    let draw = UniformIntegerDistribution(low: 1, high: 200)
    let buyers = (0..<500).map { _ in [draw.sample(using: &rng)] }
    let sellers = (0..<500).map { _ in [draw.sample(using: &rng)] }
    let config = DoubleAuctionConfig(buyerValues: buyers, sellerCosts: sellers, periods: periods, buyerStrategy: .zic,
                                     sellerStrategy: .zic, book: .bestQuotes, ordersPerPeriod: 20_000)
    report.add(try medianOf(repeats) {
      let clock = Stopwatch()
      let (market, events) = try DoubleAuctionMarket.simulate(config, seed: 1)
      let cpu = clock.cpuSeconds, wall = clock.wallSeconds
      let orders = market.periods.reduce(0) { $0 + $1.orders }
      let trades = market.periods.reduce(0) { $0 + $1.trades }
      let realised = market.periods.reduce(Int64(0)) { $0 + $1.realisedSurplus }
      let efficiency = Double(realised) / Double(market.equilibrium.maxSurplus * Int64(market.periods.count))
      return BenchRow(group: "market", name: "da-zic-1000", ops: orders, cpuSeconds: cpu, wallSeconds: wall, rssMB: Stopwatch.residentMB(),
                      note: "1,000 traders, \(periods) periods: \(BenchReport(csv: false).r(cpu, 3)) s; \(trades) trades; \(events) events; efficiency \(BenchReport(csv: false).r(efficiency, 4))")
    })
  }
}
