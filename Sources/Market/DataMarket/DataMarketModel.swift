import Matching
import Simulation

/// The data-market model of DOMAIN.md §4 as a discrete-event simulation (time in days).
///
/// Providers arrive by region and create a product (hidden quality, claimed quality, bad with
/// probability π_bad, readiness, domain, costs, licence limit); they may register it (registry
/// delay, detection, first-submission failure) and request listing at an exchange chosen by
/// network size and fees (M4), whose review queue screens it. Listed products post an ask in
/// their own book of the ``MatchingEngine``: non-depleting for non-exclusive licences, K
/// licences cleared by a call auction each period otherwise. Buyers arrive by region and
/// segment, value products by M1 with beliefs M2, weigh fees and cross-region friction (M5)
/// over a consideration set of visible listings (and bilateral off-exchange offers, M6), and bid
/// their willingness to pay; unmatched bids wait until patience runs out. Trades become contracts
/// (M7) chosen by certainty equivalents, with benefits realised and settled later, and default.
/// The public operator (M8) sells capped-price products, free for public-interest use, with a
/// yearly MAR review and clawback. Leakage (M9), readiness investment (M10), bundles (M11) and
/// entry and exit (M12) have their own files; a listed product may also list at other regions'
/// exchanges (`+Listing`, M5).
///
/// A reference type: the model owns its matching engine (a class), so a copy of the model would
/// share the books; one model is one run. Each DOMAIN module lives in its own extension file
/// (`DataMarketModel+Providers.swift`, `+Registry`, `+Review`, `+Listing`, `+Buyers`, `+Contracts`,
/// `+PublicOperator`, `+Period`, `+Pricing`, `+Leakage`, `+Readiness`, `+Bundles`, `+EntryExit`).
public final class DataMarketModel: SimulationModel {
  public enum Event: Sendable, CustomStringConvertible {
    case providerArrival(region: Int)
    case buyerArrival(region: Int)
    case registrationDecision(product: Int32)
    case reviewComplete(listing: Int32)
    case patienceEnd(buyer: Int32)
    case benefitRealization(contract: Int32)
    case periodEnd(Int)
    public var description: String {
      switch self {
      case .providerArrival(let r): return "providerArrival(\(r))"
      case .buyerArrival(let r): return "buyerArrival(\(r))"
      case .registrationDecision(let p): return "registrationDecision(\(p))"
      case .reviewComplete(let l): return "reviewComplete(\(l))"
      case .patienceEnd(let b): return "patienceEnd(\(b))"
      case .benefitRealization(let c): return "benefitRealization(\(c))"
      case .periodEnd(let p): return "periodEnd(\(p))"
      }
    }
  }

  /// A data product and its provider (one product per provider; the public operator owns several).
  public let config: DataMarketConfig
  public internal(set) var products: [Product] = []
  public internal(set) var contracts: [Contract] = []
  public internal(set) var periods: [PeriodRecord] = []
  /// Every listing (product × exchange, M5), approved or in review; per product its listings'
  /// indices (the primary first); the products with an approved listing (what buyers sample
  /// from, in order of first approval); per region, per product its approved listing at an
  /// exchange of that region and that exchange (−1: none) — region by region, so that the entries
  /// a region's buyers look up lie together (80 KB for 10,000 products, every byte of each cache
  /// line one of theirs, where product by product a line held every region's entries of two
  /// products and the buyers' lookups spread over four times the memory).
  var listings: [Listing] = []
  var listingsOf: [[Int32]] = []
  var listedProducts: [Int32] = []
  var localListing: [[RegionalListing]] = []
  /// Per region: listed products with a listing at an exchange there; whether it has an exchange.
  var localProducts: [Int]
  let regionHasExchange: [Bool]
  var productsByRegion: [[Int32]]
  /// Buyers whose bids wait (index = the bid's id in its book); records no longer referenced — a
  /// bid that matched at once or could not rest, or a book bid whose patience has ended — are
  /// listed in `freeWaiting` and reused, so the array holds about the bids pending at once, not
  /// every bid of the run. (Call-auction bids, referenced until their period's auction, are not
  /// reused.)
  var waiting: [WaitingBuyer] = []
  var freeWaiting: [Int32] = []
  var bidders: [Int32: Int32] = [:]      // bid slot → waiting buyer (for fills of resting bids)
  var auctionBids: [Int32: [(buyer: Int32, price: Int64)]] = [:]
  /// Per exchange: listings waiting for review (first listings; a product's further listings,
  /// served only when no first listing waits) and reviews in progress.
  var reviewQueues: [RingBuffer<Int32>]
  var secondaryReviewQueues: [RingBuffer<Int32>]
  var reviewBusy: [Int]
  let engine = MatchingEngine(books: 0, initialSpan: DataMarketModel.initialBookLevels)
  /// The price window, in ticks, a book starts with: a data-market book holds a product's ask and
  /// a few bids near it, so 64 levels (512 bytes) suffice for most books, and a wider spread grows
  /// the window by doubling. (With 1,024, the national benchmark's 16,000 books took 126 MB.)
  public static let initialBookLevels = 64
  /// Set when a resting order took the books' windows past `config.maximumBookLevels`: the next
  /// event throws ``BookWindowLimit``, and until then no order rests.
  var booksTooWide = false
  var arrivalsRNG: [Xoshiro256StarStar]
  var buyerRNG: Xoshiro256StarStar
  var productRNG: Xoshiro256StarStar
  var screeningRNG: Xoshiro256StarStar
  var benefitRNG: Xoshiro256StarStar
  var choiceRNG: Xoshiro256StarStar
  /// Buyers' sample inspections (stream "samples") and which products offer one ("sampleOffers").
  var sampleRNG: Xoshiro256StarStar
  var sampleOfferRNG: Xoshiro256StarStar
  /// M11: bundle buyers and their choices (stream "bundles"), products' coverage (stream
  /// "coverage"), row-major products × F.
  var bundleRNG: Xoshiro256StarStar
  var coverageRNG: Xoshiro256StarStar
  var coverage: [Double] = []
  /// The bundle buyers' reused buffers, and every exchange marked used (bundle buyers use all).
  var bundleScratch = BundleScratch()
  /// μ_f = 1/F for each of the F bundle features: the coverage games' weights, shared by every bundle.
  let bundleFeatureWeights: [Double]
  let allExchanges: [Bool]
  /// M9: leaks, enforcement and buyers' free substitutes (stream "leakage").
  var leakageRNG: Xoshiro256StarStar
  let segmentDraw: CategoricalDistribution
  let deal: LogNormalDistribution
  /// M5's transaction costs, built once from the configuration.
  let frictions: Friction
  /// M7's contract choice, built once from the configuration.
  let contractChoice: ContractChoice
  let fixedCostDraw: LogNormalDistribution
  /// This period's double-entry ledger.
  var ledger: DataMarketLedger
  var national = DataMarketActivity()
  var byRegion: [DataMarketActivity]
  var byExchange: [DataMarketActivity]
  var providerGMV: [Double] = []
  var publicCap: Double
  /// Q̂: the public operator's expected commercial sales per year (the configured value in the
  /// first year, then the last year's realised volume).
  var expectedPublicVolume: Double
  var publicRevenueThisYear = 0.0
  var publicVolumeThisYear = 0
  /// This review year's observed willingness to pay for public products (bounded sample).
  var observedWillingness: WillingnessReservoir
  /// Listings at each exchange (N_list,e).
  var listedCount: [Int] = []
  /// Each exchange's region (read for every listing a buyer sees).
  let exchangeRegion: [Int]
  /// Per product, what buyers' valuations read of it, fixed when it is created: its quality
  /// powers, domain norm and domain vector in one cache-line-aligned row.
  let valuationTable: ValuationTable
  /// Whether the arriving buyer uses each exchange (reused buffer, M4's buyer-fee deterrence).
  var participating: [Bool] = []
  /// Per exchange, e^{−ε_B φ_b}: the probability that a buyer uses it (M4), computed once.
  let participationProbability: [Double]
  /// M3: value-based pricing's prior, tabulated for the run's deal-size distribution.
  let monopolyGrid: MonopolyPriceGrid
  /// The parts of a new product's prior price that depend on the configuration alone, found once
  /// (``initialPrice(claimedPower:readiness:fixedCost:)``): the segment mix's mean readiness
  /// weight ω̄, the unscreened belief factor 1 − π_bad(1 − (1 − δ_bad)^β), and the lowest seller fee.
  let pricePrior: (readinessWeight: Double, belief: Double, sellerFee: Double)
  /// The year each buyer firm last paid each exchange's membership fee (firm × exchange; −1 never).
  var memberSince: [Int32]
  var firmRNG: Xoshiro256StarStar
  /// Each arriving buyer's misreporting draw (stream "misreporting").
  var misreportingRNG: Xoshiro256StarStar
  /// OPTION trials: whether a trial finds a bad product bad (M7).
  var trialRNG: Xoshiro256StarStar
  /// The arriving buyer's domain vector (reused buffer).
  var buyerDomain: [Double] = []
  /// √Σ b_i² of `buyerDomain`, found when it is drawn (both of the buyer's searches read it).
  var buyerDomainNorm = 0.0
  /// M12: per product its operating income at the last period end, and a ring of N_win past
  /// period-end incomes and sales; per region r̂, recent income per active provider and period;
  /// E[q^β]; active providers at the last period end.
  var lastIncome: [Double] = []
  var incomeHistory: [Double] = []
  var salesHistory: [Int] = []
  var regionIncome: [Double]
  let meanQualityPower: Double
  public internal(set) var activeProviders = 0
  /// M5: recognition and cross-region conditions by region, tabulated for the buyers' loops.
  let listingConditions: ListingConditions
  /// M10: E[a | a < threshold] under the prior, and ω̄.
  let uncertifiedReadiness: Double
  let meanReadinessWeight: Double
  /// M2: the chance that a product is bad once it has passed exchange e's review alone, per
  /// exchange (what bundle buyers discount claims by).
  let reviewedBadProbability: [Double]
  /// M3's versions: ω_max, the highest readiness weight of any buyer segment (the basic
  /// version's price leaves that segment indifferent between the versions).
  let highestReadinessWeight: Double
  /// log10 of paid trades' prices (RMB 10,000) after the warm-up: the deal-size median.
  public internal(set) var dealSizes = Histogram(lower: -4, upper: 8, bins: 2_400)
  /// Whether the warm-up is over (activity counts toward summary.csv).
  var measuring: Bool { periods.count >= config.warmupPeriods }
  /// The arriving buyer's attainable surplus so far, max(v(true q) − c) over what it considered.
  var attainable = 0.0
  /// Value-based pricing (M3): per product a ring of the last `demandMemory` winning prices its
  /// viewers had, and where the ring stands; the arriving buyer's scored listings (reused buffer).
  var winningPrices: [Double] = []
  var winningRings: [WinningRing] = []
  let viewed = ScratchList<ViewedListing>()
  /// The winning prices recorded since the last price revision, in the order recorded; each
  /// revision first moves them into their products' rings (``flushWinningPrices()``).
  let winningLog = ScratchList<LoggedWinningPrice>()
  /// M3's versions: beside each winning price, the same viewer's winning price for the basic
  /// version; beside each scored listing, the buyer's CE of its basic version at price 0
  /// (`basicVersionValue`; −∞ where the product cannot version); per product, the basic
  /// version's posted price (RMB 10,000; 0 while it posts none), kept apart from the product
  /// records, which buyers copy for every listing they weigh.
  var basicWinningPrices: [Double] = []
  let viewedBasicValues = ScratchList<Double>()
  public internal(set) var basicPrices: [Double] = []
  /// Waiting bids filled outside a buyer's own arrival, signed by ``flushSignings(now:kernel:)``.
  /// The batch being signed is swapped out into `signingBatch` (a second buffer kept for it), so
  /// that neither is copied or reallocated per flush.
  var pendingSignings: [(Int32, Int32, Double)] = []
  var signingBatch: [(Int32, Int32, Double)] = []
  /// Provider GMV at the end of the previous period (for the period's provider HHI).
  var lastPeriodGMV: [Double] = []
  /// Provider GMV when the warm-up ended (empty without warm-up).
  var providerGMVAtWarmupEnd: [Double] = []
  /// Price tick: prices are integer multiples of RMB 100 (0.01 of the money unit) in the books.
  static let tick = 0.01
  /// The highest price in ticks a book is asked to hold (RMB 10^13): a price beyond it, or one
  /// not finite (a κ_cap of 1e300), is posted at it instead of trapping in Int64.
  static let maximumTicks: Int64 = 1 << 50

  /// A price in ticks, rounded up, in [1, maximumTicks].
  static func ticks(_ price: Double) -> Int64 {
    let t = (price / tick).rounded(.up)
    guard t > 0 else { return 1 }   // NaN, zero or negative
    return t >= Double(maximumTicks) ? maximumTicks : max(1, Int64(t))
  }
  /// M3's p_max for adaptive pricing (RMB 10,000, i.e. RMB 1 bn) [assumed]: far above any deal.
  static let maximumPrice = 1e5
  /// Noise U(0, domainNoise) on every domain of a buyer's or product's domain vector [assumed].
  static let domainNoise = 0.3
  /// ln 10, for decimal logarithms of deal sizes.
  static let log10 = _log(10.0)

  public init(config: DataMarketConfig, seed: UInt64) {
    self.config = config
    let streams = RandomStreams(masterSeed: seed)
    arrivalsRNG = config.regions.indices.map { streams.stream("arrivals", index: UInt64($0)) }
    buyerRNG = streams.stream("buyers"); productRNG = streams.stream("quality"); screeningRNG = streams.stream("reviews")
    benefitRNG = streams.stream("benefits"); choiceRNG = streams.stream("choice")
    segmentDraw = CategoricalDistribution(weights: config.buyers.segments.map(\.share))
    deal = LogNormalDistribution.fromMedian(config.buyers.valueMedian, mean: max(config.buyers.valueMean, config.buyers.valueMedian))
    fixedCostDraw = LogNormalDistribution.fromMedian(config.providers.fixedCostMedian,
                                                     mean: max(config.providers.fixedCostMean, config.providers.fixedCostMedian))
    frictions = Friction(searchCost: config.searchCost, dueDiligenceCost: config.dueDiligenceCost,
                         certificateCut: config.certificateDiligenceCut, unification: config.unification,
                         crossRegionFixedCost: config.crossRegionFixedCost, crossRegionCostRate: config.crossRegionCostRate,
                         offExchangeDiligenceMultiple: config.offExchangeDiligenceMultiple)
    let k = config.contracts
    contractChoice = ContractChoice(allowed: k.allowed, upfrontShare: k.upfrontShare, sigma: config.benefitSigma, term: k.termPeriods,
                                    outcomeQuantile: k.outcomeQuantile, expectedUses: k.expectedUses,
                                    buyerRiskAversion: config.buyers.riskAversion, providerRiskAversion: config.providers.riskAversion,
                                    providerWealth: config.providers.wealth, premiumShare: k.optionPremiumShare, trialDetection: k.trialDetection)
    productsByRegion = Array(repeating: [], count: config.regions.count)
    valuationTable = ValuationTable(domains: config.domains)
    reviewQueues = config.exchanges.map { _ in RingBuffer<Int32>(capacity: 64) }
    secondaryReviewQueues = config.exchanges.map { _ in RingBuffer<Int32>(capacity: 64) }
    reviewBusy = Array(repeating: 0, count: config.exchanges.count)
    ledger = DataMarketLedger(exchanges: config.exchanges.count)
    byRegion = Array(repeating: DataMarketActivity(), count: config.regions.count)
    byExchange = Array(repeating: DataMarketActivity(), count: config.exchanges.count)
    listedCount = Array(repeating: 0, count: config.exchanges.count)
    localProducts = Array(repeating: 0, count: config.regions.count)
    localListing = Array(repeating: [], count: config.regions.count)
    regionHasExchange = config.regions.indices.map { r in config.exchanges.contains { $0.region == r } }
    exchangeRegion = config.exchanges.map(\.region)
    allExchanges = Array(repeating: true, count: config.exchanges.count)
    bundleFeatureWeights = Array(repeating: 1.0 / Double(config.bundles.features), count: config.bundles.features)
    participationProbability = config.exchanges.map { _exp(-config.buyerFeeElasticity * $0.buyerFeeRate) }
    monopolyGrid = MonopolyPriceGrid(median: config.buyers.valueMedian, mean: config.buyers.valueMean)
    pricePrior = (readinessWeight: Self.meanReadinessWeight(config),
                  belief: 1 - config.badShare * (1 - _pow(1 - config.badShortfall, config.qualityExponent)),
                  sellerFee: config.exchanges.map(\.sellerFeeRate).min() ?? 0)
    memberSince = Array(repeating: -1, count: config.regions.count * config.buyers.firmsPerRegion * config.exchanges.count)
    firmRNG = streams.stream("firms")
    sampleRNG = streams.stream("samples"); sampleOfferRNG = streams.stream("sampleOffers")
    leakageRNG = streams.stream("leakage")
    bundleRNG = streams.stream("bundles"); coverageRNG = streams.stream("coverage")
    misreportingRNG = streams.stream("misreporting"); trialRNG = streams.stream("trials")
    observedWillingness = WillingnessReservoir(rng: streams.stream("willingness"))
    expectedPublicVolume = config.publicOperator.expectedVolume
    regionIncome = Array(repeating: 0, count: config.regions.count)
    meanQualityPower = Self.meanQualityPower(config)
    uncertifiedReadiness = Self.uncertifiedReadiness(config)
    listingConditions = ListingConditions(config)
    meanReadinessWeight = Self.meanReadinessWeight(config)
    reviewedBadProbability = config.exchanges.map { Valuation.posteriorBad(prior: config.badShare, pass: 1 - $0.detection) }
    highestReadinessWeight = config.buyers.segments.map(\.readinessWeight).max() ?? 0
    publicCap = 0
    publicCap = guideCap()
  }


  /// The one definition of periods and years.
  var calendar: ReportingCalendar { ReportingCalendar(periodDays: config.periodDays) }

  public func start(_ kernel: inout Kernel<Event>) throws {
    // room for the contracts the stated arrival rates give (at most 4 M, growing past that as
    // needed): no copying as the array grows, and only what is written is ever touched
    let horizon = Double(config.periods) * config.periodDays
    let expectedBuyers = config.regions.indices.reduce(0.0) { $0 + config.buyerArrivalRate($1) } * horizon
    if expectedBuyers.isFinite { contracts.reserveCapacity(Int(min(expectedBuyers * 1.1, 4e6))) }
    if config.publicOperator.enabled && config.publicOperator.products > 0 {
      for _ in 0..<config.publicOperator.products { try createPublicProduct(kernel: &kernel) }
    }
    for r in config.regions.indices {
      if config.providerArrivalRate(r) > 0 {
        try scheduleArrival(.providerArrival(region: r), region: r, rate: config.providerArrivalRate(r), kernel: &kernel)
      }
      if config.buyerArrivalRate(r) > 0 {
        try scheduleArrival(.buyerArrival(region: r), region: r, rate: buyerRate(r), kernel: &kernel)
      }
    }
    try kernel.schedule(.periodEnd(0), at: config.periodDays, priority: -1)
  }

  /// Rests an order in a book (``MatchingEngine/rest(book:id:side:price:quantity:unlimited:)``),
  /// or none (−1) once the books' windows have passed `config.maximumBookLevels`, which this
  /// notes. One order grows one window, so the books stop within one window (≤ 2^25 levels) of it.
  func restInBook(_ book: Int32, id: UInt64, side: Side, price: Int64, unlimited: Bool = false) -> Int32 {
    guard !booksTooWide else { return -1 }
    let slot = engine.rest(book: book, id: id, side: side, price: price, quantity: 1, unlimited: unlimited)
    if engine.levelCount > config.maximumBookLevels { booksTooWide = true }
    return slot
  }

  func exponential(_ rate: Double, _ region: Int) -> Double {
    -_log(arrivalsRNG[region].nextOpenUnitDouble()) / rate
  }

  /// Schedules region `r`'s next arrival after an exponential delay at `rate` (per day), unless
  /// the delay is infinite: a rate so small that the draw overflows (a scenario's 1e-9 per day
  /// times an arrival multiplier of 1e-300) gives an arrival that never comes, not a failed run.
  func scheduleArrival(_ event: Event, region r: Int, rate: Double, kernel: inout Kernel<Event>) throws {
    let delay = exponential(rate, r)
    guard delay.isFinite else { return }
    try kernel.schedule(event, after: delay)
  }

  /// λ_B,r scaled by the catalogue its buyers see (M4's network effect, with M5's visibility):
  /// the products listed at an exchange of region r, plus v times those listed only elsewhere.
  /// A multi-listed product counts once, and a unified market (v = 1) shows every region the
  /// whole national catalogue. A region without an exchange has its configured rate. The buyer
  /// fee φ_b acts on on-exchange participation only (`drawParticipation()`), not on a region's
  /// whole demand.
  func buyerRate(_ r: Int) -> Double {
    let base = config.buyerArrivalRate(r)
    // without network effects the rate is the base (exactly: ν·ln(·) is 0), and two logarithms saved
    guard regionHasExchange[r], config.buyerNetworkEffect != 0 else { return base }
    let local = Double(localProducts[r])
    let catalogue = local + crossRegionVisibility * (Double(listedProducts.count) - local)
    let nu = config.buyerNetworkEffect
    return base * (1 + nu * _log(1 + catalogue)) / (1 + nu * _log(1 + config.networkReferenceListings))
  }


  public func handle(_ event: Event, kernel: inout Kernel<Event>) throws {
    if booksTooWide { throw BookWindowLimit(limit: config.maximumBookLevels, levels: engine.levelCount, time: kernel.now) }
    let now = kernel.now
    switch event {
    case .providerArrival(let r):
      try providerArrives(region: r, now: now, kernel: &kernel)
      try scheduleArrival(.providerArrival(region: r), region: r, rate: providerRate(r), kernel: &kernel)
    case .buyerArrival(let r):
      try buyerArrives(region: r, now: now, kernel: &kernel)
      try scheduleArrival(.buyerArrival(region: r), region: r, rate: buyerRate(r), kernel: &kernel)
    case .registrationDecision(let p):
      try registrationDecision(p, kernel: &kernel)
    case .reviewComplete(let l):
      try reviewComplete(l, kernel: &kernel)
    case .patienceEnd(let b):
      let w = waiting[Int(b)]
      if w.active {
        waiting[Int(b)].active = false
        if w.slot >= 0 { engine.cancel(w.slot); bidders[w.slot] = nil }
        national.expiredBids += 1; byRegion[w.region].expiredBids += 1
      }
      if w.slot >= 0 { freeWaiting.append(b) }   // a book bid, filled or cancelled: nothing refers to it now
    case .benefitRealization(let c):
      realiseBenefit(Int(c))
    case .periodEnd(let p):
      try closePeriod(p, kernel: &kernel)
      if p + 1 >= config.periods { kernel.stop(); return }
      try kernel.schedule(.periodEnd(p + 1), at: Double(p + 2) * config.periodDays, priority: -1)
    }
  }


  /// FIFO lanes beside the event calendar's heap: benefit realisations and bids' patience ends
  /// wait fixed delays, so each fills a lane in time order and the heap keeps only the rest
  /// (arrivals, reviews, period ends) — the same order of events, a much smaller heap.
  static let calendarLanes = 2

  /// Runs the whole market.
  public static func simulate(_ config: DataMarketConfig, seed: UInt64) throws -> (DataMarketModel, Int) {
    var sim = Simulator(model: DataMarketModel(config: config, seed: seed), capacity: 1024, fifoLanes: calendarLanes)
    try sim.model.start(&sim.kernel)
    try sim.run()
    return (sim.model, sim.kernel.eventsProcessed)
  }
}
