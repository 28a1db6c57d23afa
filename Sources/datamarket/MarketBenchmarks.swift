import Market
import Simulation

/// The market group of `datamarket bench`: the double auction at scale (1,000 ZI-C traders,
/// 100 periods) as orders per CPU second.
enum MarketBenchmarks {
  /// The national rows: the divisor of the buyer arrivals, and whether M3's versions are on.
  static let nationalRows: [(fraction: Int, versions: Bool)] = [(1, false), (10, false), (100, false), (1, true)]
  /// The double auction's row.
  static let doubleAuctionRow = "da-zic-1000"

  /// A national row's name: `national`, `national-1/10`, …, `national-versions`.
  static func nationalRowName(fraction: Int, versions: Bool) -> String {
    (fraction == 1 ? "national" : "national-1/\(fraction)") + (versions ? "-versions" : "")
  }

  /// The group's rows, in the order they run (`bench market --only NAME` runs one), named by the
  /// functions the rows themselves are named by, so that the list cannot drift from them.
  static var rowNames: [String] {
    shapleyRows.map { shapleyRowName(products: $0.products) } + nationalRows.map { nationalRowName(fraction: $0.fraction, versions: $0.versions) }
      + [doubleAuctionRow]
  }

  /// Runs the group's rows, or only the one named `only`.
  static func run(scale: Int, repeats: Int, only: String? = nil, into report: inout BenchReport) throws {
    try shapley(scale: scale, repeats: repeats, only: only, into: &report)
    try national(scale: scale, repeats: repeats, only: only, into: &report)
    if only == nil || only == doubleAuctionRow { try doubleAuction(scale: scale, repeats: repeats, into: &report) }
  }

  /// The data market at national scale: 4 regions, 10,000 providers and 1,000,000 buyer
  /// arrivals over 5 years (60 monthly periods), then 1/10 and 1/100 of the buyer arrivals, then
  /// the full scale again with M3's optional versions (`providers.versioning`) on.
  static func national(scale: Int, repeats: Int, only: String? = nil, into report: inout BenchReport) throws {
    var rows: [BenchRow] = []
    for (fraction, versions) in nationalRows {
      let name = nationalRowName(fraction: fraction, versions: versions)
      guard only == nil || only == name else { continue }
      let divisor = Double(fraction * scale)
      var c = DataMarketConfig()
      let days = Double(c.periods) * c.periodDays
      let weights = [6.0, 5, 4, 2]
      for (i, w) in weights.enumerated() {
        c.regions[i].buyerArrivalRate = 1_000_000 / days * w / 17 / divisor
        c.regions[i].providerArrivalRate = 10_000 / days * w / 17
      }
      for e in c.exchanges.indices { c.exchanges[e].reviewServers = 60 }
      c.buyerNetworkEffect = 0  // exactly the stated arrivals
      c.providers.versioning = versions
      let row = try medianOf(repeats) {
        let systemBefore = Stopwatch.systemUsage()
        let clock = Stopwatch()
        let (model, events) = try DataMarketModel.simulate(c, seed: 1)
        let cpu = clock.cpuSeconds, wall = clock.wallSeconds
        let systemAfter = Stopwatch.systemUsage()
        let arrivals = model.periods.reduce(0) { $0 + $1.national.buyerArrivals }
        let trades = model.periods.reduce(0) { $0 + $1.national.trades }
        return BenchRow(group: "market", name: name, ops: arrivals, cpuSeconds: cpu, wallSeconds: wall, rssMB: Stopwatch.peakResidentMB(),
                        note: "\(arrivals) buyer arrivals, \(model.products.count) products, \(trades) trades, \(events) events "
                          + "(\(BenchReport(csv: false).humanRate(Double(events) / cpu)) events); "
                          + "system CPU \(BenchReport(csv: false).r(systemAfter.seconds - systemBefore.seconds, 3)) s, "
                          + "\(systemAfter.minorFaults - systemBefore.minorFaults) page faults; peak RSS")
      }
      rows.append(row)
      report.add(row)
    }
    if rows.count >= 3 && !report.csv {
      let r = BenchReport(csv: false)
      print("  cost ratios: full / (1/10) = \(r.r(rows[0].cpuSeconds / rows[1].cpuSeconds, 2)) for 10× the arrivals; "
            + "(1/10) / (1/100) = \(r.r(rows[1].cpuSeconds / rows[2].cpuSeconds, 2))")
    }
  }

  static func doubleAuction(scale: Int, repeats: Int, into report: inout BenchReport) throws {
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
      return BenchRow(group: "market", name: doubleAuctionRow, ops: orders, cpuSeconds: cpu, wallSeconds: wall, rssMB: Stopwatch.residentMB(),
                      note: "1,000 traders, \(periods) periods: \(BenchReport(csv: false).r(cpu, 3)) s; \(trades) trades; \(events) events; efficiency \(BenchReport(csv: false).r(efficiency, 4))")
    })
  }
}
