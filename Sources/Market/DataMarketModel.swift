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
/// yearly MAR review and clawback. Leakage, readiness investment, bundles and entry/exit
/// (M9–M12) are a later issue.
public struct DataMarketModel: SimulationModel {
  public enum Event: Sendable, CustomStringConvertible {
    case providerArrival(region: Int)
    case buyerArrival(region: Int)
    case registrationDecision(product: Int32)
    case reviewComplete(product: Int32)
    case patienceEnd(buyer: Int32)
    case benefitRealization(contract: Int32)
    case periodEnd(Int)
    public var description: String {
      switch self {
      case .providerArrival(let r): return "providerArrival(\(r))"
      case .buyerArrival(let r): return "buyerArrival(\(r))"
      case .registrationDecision(let p): return "registrationDecision(\(p))"
      case .reviewComplete(let p): return "reviewComplete(\(p))"
      case .patienceEnd(let b): return "patienceEnd(\(b))"
      case .benefitRealization(let c): return "benefitRealization(\(c))"
      case .periodEnd(let p): return "periodEnd(\(p))"
      }
    }
  }

  /// A data product and its provider (one product per provider; the public operator owns several).
  public struct Product: Sendable {
    public var region: Int
    public var isPublic: Bool
    public var quality: Double
    public var claimedQuality: Double
    public var bad: Bool
    public var readiness: Double
    public var fixedCost: Double
    public var marginalCost: Double
    public var price: Double
    public var limited: Bool
    public var licencesLeft: Int
    public var registering = false
    public var certified = false
    public var exchange = -1
    public var listed = false
    public var book: Int32 = -1
    public var askSlot: Int32 = -1
    public var reviewAttempts = 0
    public var registrationAttempts = 0
    public var views = 0
    public var conversions = 0
    public var sales = 0
    public var revenue = 0.0
    public var fees = 0.0
    public var costs = 0.0
  }

  /// A buyer whose bid waits in a book.
  struct WaitingBuyer {
    var region: Int, segment: Int, product: Int32, slot: Int32, arrival: Double
    var expectedValue: Double, trueValue: Double, frictionCosts: Double, wealth: Double, active: Bool
  }

  /// A signed contract.
  public struct Contract: Sendable {
    public var id: Int
    public var product: Int32
    public var buyerRegion: Int
    public var segment: Int
    public var exchange: Int
    public var terms: ContractTerms
    public var price: Double
    public var signedAt: Double
    public var trueMeanBenefit: Double
    public var believedMeanBenefit: Double
    public var misreporting: Double
    public var cash: Double
    public var paid = 0.0
    public var benefit = Double.nan
    public var defaulted = false
    public var settled = false
  }

  /// Results of one period: the national ledger and activity, and activity by buyer region and
  /// by exchange.
  public struct PeriodRecord: Sendable {
    public var index: Int
    public var ledger: DataMarketLedger
    public var national: DataMarketActivity
    public var byRegion: [DataMarketActivity]
    public var byExchange: [DataMarketActivity]
    public var exchangeLedgers: [DataMarketLedger]
    public var listings: [Int]
    public var providerHHI: Double
    public var exchangeHHI: Double
    public var publicPriceCap: Double
    public var clawback: Double
  }

  public let config: DataMarketConfig
  public private(set) var products: [Product] = []
  public private(set) var contracts: [Contract] = []
  public private(set) var periods: [PeriodRecord] = []
  var domainVectors: [Double] = []
  var listed: [Int32] = []
  var productsByRegion: [[Int32]]
  var waiting: [WaitingBuyer] = []
  var bidders: [Int32: Int32] = [:]      // bid slot → waiting buyer (for fills of resting bids)
  var auctionBids: [Int32: [(buyer: Int32, price: Int64)]] = [:]
  var reviewQueues: [RingBuffer<Int32>]
  var reviewBusy: [Int]
  let engine = MatchingEngine(books: 0, initialSpan: 1024)
  var arrivalsRNG: [Xoshiro256StarStar]
  var buyerRNG: Xoshiro256StarStar
  var productRNG: Xoshiro256StarStar
  var screeningRNG: Xoshiro256StarStar
  var benefitRNG: Xoshiro256StarStar
  var choiceRNG: Xoshiro256StarStar
  let segmentDraw: CategoricalDistribution
  let deal: LogNormalDistribution
  let fixedCostDraw: LogNormalDistribution
  var ledger = DataMarketLedger()
  var exchangeLedgers: [DataMarketLedger]
  var national = DataMarketActivity()
  var byRegion: [DataMarketActivity]
  var byExchange: [DataMarketActivity]
  var providerGMV: [Double] = []
  var publicCap: Double
  var marThisYear: Double
  var publicRevenueThisYear = 0.0
  var lastClawback = 0.0
  var observedWillingness: [Double] = []
  /// Price tick: prices are integer multiples of RMB 100 (0.01 of the money unit) in the books.
  static let tick = 0.01
  public init(config: DataMarketConfig, seed: UInt64) {
    self.config = config
    let streams = RandomStreams(masterSeed: seed)
    arrivalsRNG = config.regions.indices.map { streams.stream("arrivals", index: UInt64($0)) }
    buyerRNG = streams.stream("buyers"); productRNG = streams.stream("quality"); screeningRNG = streams.stream("reviews")
    benefitRNG = streams.stream("benefits"); choiceRNG = streams.stream("choice")
    segmentDraw = CategoricalDistribution(weights: config.buyers.segments.map(\.share))
    deal = LogNormalDistribution.fromMedian(config.buyers.dealMedian, mean: max(config.buyers.dealMean, config.buyers.dealMedian))
    fixedCostDraw = LogNormalDistribution.fromMedian(config.providers.fixedCostMedian,
                                                     mean: max(config.providers.fixedCostMean, config.providers.fixedCostMedian))
    productsByRegion = Array(repeating: [], count: config.regions.count)
    reviewQueues = config.exchanges.map { _ in RingBuffer<Int32>(capacity: 64) }
    reviewBusy = Array(repeating: 0, count: config.exchanges.count)
    exchangeLedgers = Array(repeating: DataMarketLedger(), count: config.exchanges.count)
    byRegion = Array(repeating: DataMarketActivity(), count: config.regions.count)
    byExchange = Array(repeating: DataMarketActivity(), count: config.exchanges.count)
    listedCount = Array(repeating: 0, count: config.exchanges.count)
    marThisYear = config.mar
    publicCap = 0
    publicCap = guideCap()
  }

  var periodsPerYear: Double { 365.0 / config.periodDays }

  /// The public operator's price cap from MAR over expected volume; κ_cap = ∞ ⇒ monopoly price.
  func guideCap() -> Double {
    let guide = PublicDataPricing.guidePrice(mar: marThisYear, otherRevenue: 0, expectedVolume: config.publicOperator.expectedVolume)
    if config.publicOperator.capMultiple.isInfinite {
      return PublicDataPricing.monopolyPrice(willingness: observedWillingness) ?? guide * 3
    }
    return guide * config.publicOperator.capMultiple
  }

  /// Schedules the first arrivals, the public operator's products and the first period end.
  public mutating func start(_ kernel: inout Kernel<Event>) throws {
    if config.publicOperator.enabled && config.publicOperator.products > 0 {
      for _ in 0..<config.publicOperator.products { try createPublicProduct(kernel: &kernel) }
    }
    for r in config.regions.indices {
      if config.regions[r].providerArrivalRate > 0 {
        try kernel.schedule(.providerArrival(region: r), after: exponential(config.regions[r].providerArrivalRate, r))
      }
      if config.regions[r].buyerArrivalRate > 0 {
        try kernel.schedule(.buyerArrival(region: r), after: exponential(buyerRate(r), r))
      }
    }
    try kernel.schedule(.periodEnd(0), at: config.periodDays, priority: -1)
  }

  mutating func exponential(_ rate: Double, _ region: Int) -> Double {
    -_log(arrivalsRNG[region].nextOpenUnitDouble()) / rate
  }

  /// λ_B,r scaled by the home exchange's listings and buyer fee (M4).
  func buyerRate(_ r: Int) -> Double {
    let base = config.regions[r].buyerArrivalRate
    guard let e = config.exchanges.firstIndex(where: { $0.region == r }) else { return base }
    let listings = Double(listedCount[e])
    let nu = config.buyerNetworkEffect
    return base * (1 + nu * _log(1 + listings)) / (1 + nu * _log(1 + config.networkReferenceListings))
      * _exp(-config.buyerFeeElasticity * config.exchanges[e].buyerFeeRate)
  }

  /// Products listed at each exchange.
  var listedCount: [Int] = []

  public mutating func handle(_ event: Event, kernel: inout Kernel<Event>) throws {
    let now = kernel.now
    switch event {
    case .providerArrival(let r):
      try providerArrives(region: r, now: now, kernel: &kernel)
      try kernel.schedule(.providerArrival(region: r), after: exponential(config.regions[r].providerArrivalRate, r))
    case .buyerArrival(let r):
      try buyerArrives(region: r, now: now, kernel: &kernel)
      try kernel.schedule(.buyerArrival(region: r), after: exponential(buyerRate(r), r))
    case .registrationDecision(let p):
      try registrationDecision(p, kernel: &kernel)
    case .reviewComplete(let p):
      try reviewComplete(p, kernel: &kernel)
    case .patienceEnd(let b):
      let w = waiting[Int(b)]
      if w.active {
        waiting[Int(b)].active = false
        if w.slot >= 0 { engine.cancel(w.slot); bidders[w.slot] = nil }
        national.expiredBids += 1; byRegion[w.region].expiredBids += 1
      }
    case .benefitRealization(let c):
      realiseBenefit(Int(c))
    case .periodEnd(let p):
      try closePeriod(p, kernel: &kernel)
      if p + 1 >= config.periods { kernel.stop(); return }
      try kernel.schedule(.periodEnd(p + 1), at: Double(p + 2) * config.periodDays, priority: -1)
    }
  }

  // MARK: providers, registration, review

  mutating func newDomain() -> [Double] {
    let d = config.domains
    let primary = Int(UniformIntegerDistribution.below(UInt64(d), using: &productRNG))
    var v = (0..<d).map { _ in 0.3 * unitDouble(&productRNG) }
    v[primary] += 1
    return v
  }

  mutating func createProduct(region: Int, isPublic: Bool) -> Int32 {
    let p = config.providers
    let q = BetaDistribution(alpha: p.qualityAlpha, beta: p.qualityBeta).sample(using: &productRNG)
    let bad = !isPublic && unitDouble(&productRNG) < config.badShare
    let claimed = bad ? min(1, q / (1 - config.badShortfall)) : q
    let trueQuality = bad ? claimed * (1 - config.badShortfall) : q
    let readiness = BetaDistribution(alpha: p.readinessAlpha, beta: p.readinessBeta).sample(using: &productRNG)
    let fixed = fixedCostDraw.sample(using: &productRNG)
    let limited = !isPublic && unitDouble(&productRNG) < p.limitedShare
    let fee = config.exchanges.first?.sellerFeeRate ?? 0
    let costPlus = (1 + p.markup) * (fixed / p.expectedSales + p.marginalCost)
    let price = max(costPlus, p.marginalCost / max(1e-9, 1 - fee))
    domainVectors.append(contentsOf: newDomain())
    products.append(Product(region: region, isPublic: isPublic, quality: trueQuality, claimedQuality: claimed, bad: bad,
                            readiness: readiness, fixedCost: fixed, marginalCost: p.marginalCost, price: isPublic ? publicCap : price,
                            limited: limited, licencesLeft: limited ? p.licenceLimit : Int.max))
    providerGMV.append(0)
    let id = Int32(products.count - 1)
    if !isPublic { productsByRegion[region].append(id) }
    return id
  }

  mutating func createPublicProduct(kernel: inout Kernel<Event>) throws {
    let id = createProduct(region: config.publicOperator.region, isPublic: true)
    // The operator's platform costs are booked per period (C_o); its products list at once.
    if let e = config.exchanges.firstIndex(where: { $0.region == config.publicOperator.region }) {
      try list(id, exchange: e, kernel: &kernel)
    }
  }

  mutating func providerArrives(region r: Int, now: Double, kernel: inout Kernel<Event>) throws {
    let id = createProduct(region: r, isPublic: false)
    ledger.providerRealCosts += products[Int(id)].fixedCost
    products[Int(id)].costs += products[Int(id)].fixedCost
    if config.registry.mode != .off && unitDouble(&screeningRNG) < config.registry.uptake {
      products[Int(id)].registering = true
      applyForRegistration(id)
      try kernel.schedule(.registrationDecision(product: id), after: config.registry.days + config.registry.publicityDays)
    } else {
      try requestListing(id, kernel: &kernel)
    }
  }

  mutating func applyForRegistration(_ id: Int32) {
    products[Int(id)].registrationAttempts += 1
    let fee = config.registry.fee
    ledger.registrationFees += fee
    ledger.registryRealCosts += config.registry.costPerRegistration
    products[Int(id)].fees += fee
    national.registrationsApplied += 1
  }

  mutating func registrationDecision(_ id: Int32, kernel: inout Kernel<Event>) throws {
    var p = products[Int(id)]
    let caught = p.bad && unitDouble(&screeningRNG) < config.registry.detection
    let passes = p.registrationAttempts == 1 ? unitDouble(&screeningRNG) >= config.registry.firstSubmissionFailure
                                             : unitDouble(&screeningRNG) < config.registry.resubmissionPass
    if !caught && passes {
      p.certified = true
      national.registrationsGranted += 1
      products[Int(id)] = p
      try requestListing(id, kernel: &kernel)
    } else if !caught && p.registrationAttempts == 1 {
      products[Int(id)] = p
      applyForRegistration(id)
      try kernel.schedule(.registrationDecision(product: id), after: config.registry.days)
    } else {
      products[Int(id)] = p
      try requestListing(id, kernel: &kernel)
    }
  }

  /// The provider picks an exchange ∝ (1 + ν_P ln(1 + buyers)) e^{−ε_P φ_s}, other regions'
  /// exchanges weighted by the cross-region visibility (M4, M5), pays listing and review fees.
  mutating func requestListing(_ id: Int32, kernel: inout Kernel<Event>) throws {
    guard !config.exchanges.isEmpty else { return }
    let home = products[Int(id)].region
    var weights: [Double] = []
    for (e, x) in config.exchanges.enumerated() {
      let buyers = Double(byExchange[e].trades + 1)
      var w = (1 + config.providerNetworkEffect * _log(1 + buyers)) * _exp(-config.providerFeeElasticity * x.sellerFeeRate)
      if x.region != home { w *= config.unification * (1 - config.visibilityFloor) }
      weights.append(w)
    }
    weights.append(config.offExchangeListingWeight)  // the outside option: sell off-exchange only
    let choice = weights.reduce(0, +) > 0 ? CategoricalDistribution(weights: weights).sample(using: &choiceRNG) : 0
    guard choice < config.exchanges.count else { return }
    let e = choice
    products[Int(id)].exchange = e
    let x = config.exchanges[e]
    ledger.listingFees += x.listingFee; exchangeLedgers[e].listingFees += x.listingFee
    products[Int(id)].fees += x.listingFee
    try submitForReview(id, exchange: e, kernel: &kernel)
  }

  mutating func submitForReview(_ id: Int32, exchange e: Int, kernel: inout Kernel<Event>) throws {
    let x = config.exchanges[e]
    products[Int(id)].reviewAttempts += 1
    ledger.reviewFees += x.reviewFee; exchangeLedgers[e].reviewFees += x.reviewFee
    products[Int(id)].fees += x.reviewFee
    if reviewBusy[e] < x.reviewServers {
      reviewBusy[e] += 1
      try kernel.schedule(.reviewComplete(product: id), after: -_log(screeningRNG.nextOpenUnitDouble()) * x.reviewDays)
    } else {
      reviewQueues[e].pushBack(id)
    }
  }

  mutating func reviewComplete(_ id: Int32, kernel: inout Kernel<Event>) throws {
    let e = products[Int(id)].exchange
    let x = config.exchanges[e]
    ledger.exchangeRealCosts += x.reviewCost; exchangeLedgers[e].exchangeRealCosts += x.reviewCost
    national.reviewsDone += 1; byExchange[e].reviewsDone += 1
    reviewBusy[e] -= 1
    if let next = reviewQueues[e].popFront() {
      reviewBusy[e] += 1
      try kernel.schedule(.reviewComplete(product: next), after: -_log(screeningRNG.nextOpenUnitDouble()) * x.reviewDays)
    }
    let p = products[Int(id)]
    let caught = p.bad && unitDouble(&screeningRNG) < x.detection
    let passes = p.reviewAttempts == 1 ? unitDouble(&screeningRNG) >= x.firstSubmissionFailure
                                       : unitDouble(&screeningRNG) < x.resubmissionPass
    if !caught && passes {
      try list(id, exchange: e, kernel: &kernel)
    } else if !caught && p.reviewAttempts == 1 {
      try submitForReview(id, exchange: e, kernel: &kernel)
    } else {
      national.reviewRejections += 1; byExchange[e].reviewRejections += 1
    }
  }

  mutating func list(_ id: Int32, exchange e: Int, kernel: inout Kernel<Event>) throws {
    var p = products[Int(id)]
    p.exchange = e
    p.listed = true
    p.book = engine.addBook()
    products[Int(id)] = p
    postAsk(id)
    listed.append(id)
    listedCount[e] += 1
    national.listingsApproved += 1; byExchange[e].listingsApproved += 1
    try flushSignings(now: kernel.now, kernel: &kernel)
  }

  /// Posts (or re-posts) the provider's ask: non-depleting for unlimited licences, else the
  /// licences left. A re-posted lower ask trades with waiting bids at or above it.
  mutating func postAsk(_ id: Int32) {
    let p = products[Int(id)]
    guard p.listed, p.licencesLeft > 0 else { return }
    if p.askSlot >= 0 { engine.cancel(p.askSlot) }
    let ticks = max(1, Int64((p.price / Self.tick).rounded(.up)))
    if !p.limited {
      let left = engine.match(book: p.book, side: .sell, limit: ticks, quantity: Int64(1) << 40)
      _ = left
      let fills = Array(engine.fills)
      for f in fills { fillWaitingBid(f, product: id, priceTicks: f.price) }
      // A book's resting prices may span at most MatchingEngine.maximumSpan ticks (RMB 1.6 bn):
      // an ask that cannot rest is withdrawn until its next re-post.
      products[Int(id)].askSlot = engine.canRest(book: p.book, price: ticks)
        ? engine.rest(book: p.book, id: UInt64(id), side: .sell, price: ticks, quantity: 1, unlimited: true) : -1
    } else {
      products[Int(id)].askSlot = -1  // limited licences trade in the period's call auction
    }
  }

  // MARK: buyers

  struct Offer { var product: Int32; var onExchange: Bool; var price: Double; var expectedValue: Double; var trueValue: Double
    var friction: Double; var score: Double; var willingness: Double; var free: Bool }

  mutating func buyerArrives(region r: Int, now: Double, kernel: inout Kernel<Event>) throws {
    national.buyerArrivals += 1; byRegion[r].buyerArrivals += 1
    let segment = segmentDraw.sample(using: &buyerRNG)
    let seg = config.buyers.segments[segment]
    let v = deal.sample(using: &buyerRNG)
    drawBuyerDomain()
    let wealth = v * config.buyers.wealthMultiple
    let gamma = config.buyers.riskAversion
    let varZ = _exp(config.benefitSigma * config.benefitSigma) - 1
    var best: Offer?
    func consider(_ o: Offer) { if best == nil || o.score > best!.score { best = o } }
    // on-exchange: a consideration set of visible listings
    if !listed.isEmpty {
      for _ in 0..<config.buyers.considerationSetSize {
        let id = listed[Int(UniformIntegerDistribution.below(UInt64(listed.count), using: &choiceRNG))]
        let p = products[Int(id)]
        guard p.licencesLeft > 0 else { continue }
        let exRegion = config.exchanges[p.exchange].region
        let cross = exRegion != r
        if cross && unitDouble(&choiceRNG) >= config.visibilityFloor + (1 - config.visibilityFloor) * config.unification { continue }
        products[Int(id)].views += 1
        let x = config.exchanges[p.exchange]
        let recognised = p.certified && certificateRecognised(productRegion: p.region, buyerRegion: r)
        let (ev, tv) = expectedValue(id, buyerScale: v, readinessWeight: seg.readinessWeight, exchangeDetection: x.detection,
                                     registryDetection: recognised ? config.registry.detection : 0)
        let free = p.isPublic && seg.publicPurpose
        let price = free ? 0 : p.price
        var friction = config.searchCost + config.dueDiligenceCost * (recognised ? 1 - config.certificateDiligenceCut : 1)
        if !free { friction += x.membershipFee }
        if cross { friction += (1 - config.unification) * (config.crossRegionFixedCost + config.crossRegionCostRate * price) }
        let k = 1 + (free ? 0 : x.buyerFeeRate)
        let score = free ? ev - friction - gamma / (2 * wealth) * ev * ev * varZ
                         : bestCertaintyEquivalent(expectedValue: ev, price: price, friction: friction, buyerFeeRate: x.buyerFeeRate,
                                                   misreporting: config.contracts.misreportingOn, wealth: wealth)
        let risk = max(0, ev - k * price - friction - score)   // the risk premium under the best contract
        let wtp = (ev - friction - risk) / k
        consider(Offer(product: id, onExchange: true, price: price, expectedValue: ev, trueValue: tv, friction: friction, score: score,
                       willingness: wtp, free: free))
      }
    }
    // off-exchange: bilateral offers from providers in the buyer's region (M6)
    if config.offExchangeEnabled && !productsByRegion[r].isEmpty {
      for _ in 0..<max(1, config.buyers.considerationSetSize / 3) {
        let list = productsByRegion[r]
        let id = list[Int(UniformIntegerDistribution.below(UInt64(list.count), using: &choiceRNG))]
        let p = products[Int(id)]
        guard !p.limited else { continue }
        let recognised = p.certified
        let (ev, tv) = expectedValue(id, buyerScale: v, readinessWeight: seg.readinessWeight, exchangeDetection: 0,
                                     registryDetection: recognised ? config.registry.detection : 0)
        let friction = config.searchCost + config.dueDiligenceCost * config.offExchangeDiligenceMultiple
          * (recognised ? 1 - config.certificateDiligenceCut : 1)
        let price = p.marginalCost + config.bargainingShare * (ev - p.marginalCost - friction)
        guard price >= p.marginalCost else { continue }
        let score = bestCertaintyEquivalent(expectedValue: ev, price: price, friction: friction, buyerFeeRate: 0,
                                            misreporting: config.contracts.misreportingOff, wealth: wealth)
        consider(Offer(product: id, onExchange: false, price: price, expectedValue: ev, trueValue: tv, friction: friction,
                       score: score, willingness: price, free: false))
      }
    }
    guard let offer = best else { return }
    let p = products[Int(offer.product)]
    if p.isPublic && !offer.free { observedWillingness.append(offer.willingness) }
    if !offer.onExchange {
      if offer.score > 0 {
        try sign(product: offer.product, buyerRegion: r, segment: segment, onExchange: false, price: offer.price,
                 expectedValue: offer.expectedValue, trueValue: offer.trueValue, friction: offer.friction, wealth: wealth,
                 arrival: now, now: now, kernel: &kernel)
      }
      return
    }
    if offer.free {
      if offer.score > 0 {
        try sign(product: offer.product, buyerRegion: r, segment: segment, onExchange: true, price: 0, expectedValue: offer.expectedValue,
                 trueValue: offer.trueValue, friction: offer.friction, wealth: wealth, arrival: now, now: now, kernel: &kernel)
      }
      return
    }
    let bidTicks = Int64((offer.willingness / Self.tick).rounded(.down))
    guard bidTicks >= 1 else { return }
    let b = Int32(waiting.count)
    waiting.append(WaitingBuyer(region: r, segment: segment, product: offer.product, slot: -1, arrival: now,
                                expectedValue: offer.expectedValue, trueValue: offer.trueValue, frictionCosts: offer.friction,
                                wealth: wealth, active: true))
    if p.limited {
      auctionBids[offer.product, default: []].append((b, bidTicks))
      try kernel.schedule(.patienceEnd(buyer: b), after: config.buyers.patienceDays)
      return
    }
    let left = engine.match(book: p.book, side: .buy, limit: bidTicks, quantity: 1)
    if left == 0, let fill = engine.fills.first {
      waiting[Int(b)].active = false
      products[Int(offer.product)].conversions += 1
      try sign(product: offer.product, buyerRegion: r, segment: segment, onExchange: true, price: Double(fill.price) * Self.tick,
               expectedValue: offer.expectedValue, trueValue: offer.trueValue, friction: offer.friction, wealth: wealth,
               arrival: now, now: now, kernel: &kernel)
    } else if engine.canRest(book: p.book, price: bidTicks) {
      let slot = engine.rest(book: p.book, id: UInt64(b), side: .buy, price: bidTicks, quantity: 1)
      waiting[Int(b)].slot = slot
      bidders[slot] = b
      try kernel.schedule(.patienceEnd(buyer: b), after: config.buyers.patienceDays)
    } else {
      waiting[Int(b)].active = false  // a bid this far below the ask cannot rest: the buyer leaves
    }
  }

  /// Draws the arriving buyer's domain vector into the reused `buyerDomain` buffer.
  mutating func drawBuyerDomain() {
    let d = config.domains
    if buyerDomain.count != d { buyerDomain = Array(repeating: 0, count: d) }
    let primary = Int(UniformIntegerDistribution.below(UInt64(d), using: &buyerRNG))
    for i in 0..<d { buyerDomain[i] = 0.3 * unitDouble(&buyerRNG) }
    buyerDomain[primary] += 1
  }
  var buyerDomain: [Double] = []

  /// The buyer's best certainty equivalent at `price` over the allowed contract types (M7), with
  /// the contract designed from the buyer's own expected benefit.
  func bestCertaintyEquivalent(expectedValue ev: Double, price: Double, friction: Double, buyerFeeRate: Double,
                               misreporting h: Double, wealth: Double) -> Double {
    var best = -Double.infinity
    for t in config.contracts.allowed {
      let terms = ContractTerms.design(t, price: price, upfrontShare: config.contracts.upfrontShare, providerExpectedBenefit: ev,
                                       sigma: config.benefitSigma, misreporting: h, term: config.contracts.termPeriods,
                                       outcomeQuantile: config.contracts.outcomeQuantile, expectedUses: config.contracts.expectedUses)
      best = max(best, terms.buyerCE(expectedBenefit: ev, sigma: config.benefitSigma, misreporting: h, buyerFeeRate: buyerFeeRate,
                                     fixedCosts: friction, riskAversion: config.buyers.riskAversion, wealth: wealth))
    }
    return best
  }

  func certificateRecognised(productRegion: Int, buyerRegion: Int) -> Bool {
    switch config.registry.mode {
    case .off: return false
    case .national: return true
    case .regional: return productRegion == buyerRegion || config.unification >= config.recognitionThreshold
    }
  }

  /// M1 + M2: the buyer's expected value of product `id`, and its value at the true quality.
  /// `exchangeDetection`, `registryDetection`: the screens it passed (0 = none). No allocation.
  func expectedValue(_ id: Int32, buyerScale v: Double, readinessWeight omega: Double, exchangeDetection: Double,
                     registryDetection: Double) -> (Double, Double) {
    let p = products[Int(id)]
    let fit = Valuation.fit(buyerDomain, domainVectors, offset: Int(id) * config.domains)
    let scale = Valuation.scale(buyerScale: v, fit: fit, readiness: p.readiness, readinessWeight: omega)
    let beta = config.qualityExponent
    let truth = Valuation.value(scale: scale, quality: p.quality, qualityExponent: beta)
    if p.isPublic { return (truth, truth) }
    let pi = Valuation.posteriorBad(prior: config.badShare, pass: (1 - exchangeDetection) * (1 - registryDetection))
    let claimed = Valuation.value(scale: scale, quality: p.claimedQuality, qualityExponent: beta)
    let degraded = Valuation.value(scale: scale, quality: p.claimedQuality * (1 - config.badShortfall), qualityExponent: beta)
    return (Valuation.expectedValue(posteriorBad: pi, claimedValue: claimed, badValue: degraded), truth)
  }

  /// A waiting buyer's bid traded against a (re-posted) ask.
  mutating func fillWaitingBid(_ f: Fill, product id: Int32, priceTicks: Int64) {
    guard let b = bidders[f.makerSlot] else { return }
    bidders[f.makerSlot] = nil
    let w = waiting[Int(b)]
    guard w.active else { return }
    waiting[Int(b)].active = false
    products[Int(id)].conversions += 1
    pendingSignings.append((id, b, Double(priceTicks) * Self.tick))
  }
  var pendingSignings: [(Int32, Int32, Double)] = []

  // MARK: contracts and money

  mutating func sign(product id: Int32, buyerRegion r: Int, segment: Int, onExchange: Bool, price: Double, expectedValue ev: Double,
                     trueValue trueEV: Double, friction: Double, wealth: Double, arrival: Double, now: Double,
                     kernel: inout Kernel<Event>) throws {
    var p = products[Int(id)]
    let free = price == 0 && p.isPublic
    let e = onExchange ? p.exchange : -1
    let x = e >= 0 ? config.exchanges[e] : nil
    let h = onExchange ? config.contracts.misreportingOn : config.contracts.misreportingOff
    let fb = free ? 0 : (x?.buyerFeeRate ?? 0), fs = free ? 0 : (x?.sellerFeeRate ?? 0)
    // M7: the buyer picks the allowed contract with the highest CE that both sides accept.
    var terms = ContractTerms.design(.fixed, price: price, upfrontShare: 0, providerExpectedBenefit: trueEV, sigma: config.benefitSigma,
                                     misreporting: h, term: config.contracts.termPeriods, outcomeQuantile: config.contracts.outcomeQuantile,
                                     expectedUses: config.contracts.expectedUses)
    if !free {
      var bestCE = -Double.infinity
      for t in config.contracts.allowed {
        let c = ContractTerms.design(t, price: price, upfrontShare: config.contracts.upfrontShare, providerExpectedBenefit: trueEV,
                                     sigma: config.benefitSigma, misreporting: h, term: config.contracts.termPeriods,
                                     outcomeQuantile: config.contracts.outcomeQuantile, expectedUses: config.contracts.expectedUses)
        let ceB = c.buyerCE(expectedBenefit: ev, sigma: config.benefitSigma, misreporting: h, buyerFeeRate: fb, fixedCosts: friction,
                            riskAversion: config.buyers.riskAversion, wealth: wealth)
        let ceP = c.providerCE(expectedBenefit: trueEV, sigma: config.benefitSigma, misreporting: h, sellerFeeRate: fs,
                               marginalCost: p.marginalCost, riskAversion: config.providers.riskAversion, wealth: config.providers.wealth)
        if ceP >= 0 && ceB > bestCE { bestCE = ceB; terms = c }
      }
    }
    let cid = contracts.count
    var contract = Contract(id: cid, product: id, buyerRegion: r, segment: segment, exchange: e, terms: terms, price: price,
                            signedAt: now, trueMeanBenefit: trueEV, believedMeanBenefit: ev, misreporting: h, cash: wealth)
    // upfront money, friction and marginal cost
    let membership = (onExchange && !free) ? (x?.membershipFee ?? 0) : 0
    pay(amount: terms.upfront, contract: &contract, membership: membership)
    let realFriction = friction - membership
    ledger.buyerRealCosts += realFriction
    if !p.isPublic { ledger.providerRealCosts += p.marginalCost; p.costs += p.marginalCost }
    if let x, !free { ledger.exchangeRealCosts += x.costPerTrade; exchangeLedgers[e].exchangeRealCosts += x.costPerTrade }
    // activity
    let crossRegion = onExchange ? config.exchanges[e].region != r : p.region != r
    var a = DataMarketActivity()
    a.trades = 1
    a.gmv = price
    if onExchange { a.onExchangeTrades = 1; a.onExchangeGMV = price }
    if crossRegion { a.crossRegionTrades = 1; a.crossRegionGMV = price }
    a.timeToMatchDays = now - arrival
    a.badTrades = p.bad ? 1 : 0
    if config.buyers.segments[segment].name == "ai" { a.aiTrades = 1; a.aiGMV = price }
    if p.isPublic { if free { a.publicFreeUses = 1 } else { a.publicCommercialTrades = 1 } }
    a.readinessSum = p.readiness
    if price > 0 { a.pricePerQuality.add(price / max(p.claimedQuality, 1e-9)) }
    a.contractCounts[ContractType.allCases.firstIndex(of: terms.type)!] = 1
    national.add(a); byRegion[r].add(a)
    if e >= 0 { byExchange[e].add(a) }
    p.sales += 1
    if p.limited { p.licencesLeft -= 1 }
    providerGMV[Int(id)] += price
    products[Int(id)] = p
    contracts.append(contract)
    try kernel.schedule(.benefitRealization(contract: Int32(cid)), after: config.contracts.benefitDelayDays)
  }

  /// Books a buyer payment of `amount` (+ buyer fee and membership) at every end of the transfer.
  mutating func pay(amount: Double, contract c: inout Contract, membership: Double) {
    let p = products[Int(c.product)]
    let e = c.exchange
    let free = c.price == 0
    let fb = (e >= 0 && !free) ? config.exchanges[e].buyerFeeRate : 0
    let fs = (e >= 0 && !free) ? config.exchanges[e].sellerFeeRate : 0
    let buyerPays = amount * (1 + fb) + membership
    let fees = amount * (fb + fs) + membership
    let net = amount * (1 - fs)
    ledger.buyerPayments += buyerPays
    ledger.exchangeTradeFees += fees
    if e >= 0 { exchangeLedgers[e].exchangeTradeFees += fees }
    if p.isPublic {
      ledger.publicOperatorRevenue += net
      publicRevenueThisYear += net
    } else {
      ledger.providerReceipts += net
    }
    products[Int(c.product)].revenue += net
    c.paid += buyerPays
    c.cash -= buyerPays
  }

  mutating func realiseBenefit(_ i: Int) {
    var c = contracts[i]
    let z = LogNormalDistribution.meanOne(sigma: config.benefitSigma).sample(using: &benefitRNG)
    let y = c.trueMeanBenefit * z
    c.benefit = y
    ledger.benefits += y
    let reported = (1 - c.misreporting) * y
    var due = 0.0
    switch c.terms.type {
    case .fixed: break
    case .revenueShare: due = c.terms.share * reported
    case .outcome: due = reported >= c.terms.threshold ? c.terms.bonus : 0
    case .subscription: due = y >= c.terms.threshold ? c.terms.bonus : 0
    case .usage:
      let uses = min(PoissonDistribution(mean: c.terms.expectedUses * z).sample(using: &benefitRNG), Int(3 * c.terms.expectedUses))
      due = c.terms.perUse * Double(uses)
    }
    if due > 0 {
      let fb = c.exchange >= 0 ? config.exchanges[c.exchange].buyerFeeRate : 0
      if due * (1 + fb) > c.cash {
        c.defaulted = true
        national.defaults += 1; byRegion[c.buyerRegion].defaults += 1
        due = max(0, min(c.cash / (1 + fb), config.contracts.recovery * due))
      }
      if due > 0 { pay(amount: due, contract: &c, membership: 0) }
    }
    c.settled = true
    national.settlements += 1
    contracts[i] = c
  }

  // MARK: periods

  mutating func closePeriod(_ index: Int, kernel: inout Kernel<Event>) throws {
    let now = kernel.now
    // limited-licence call auctions: top K bids at or above the reserve win at one price
    for id in auctionBids.keys.sorted() {
      let bids = auctionBids[id]!
      var p = products[Int(id)]
      guard p.listed, p.licencesLeft > 0 else { continue }
      var auction = CallAuction()
      let reserve = max(1, Int64((p.price / Self.tick).rounded(.up)))
      auction.add(.init(id: UInt64.max, side: .sell, price: reserve, quantity: Int64(p.licencesLeft)))
      for (b, price) in bids where waiting[Int(b)].active { auction.add(.init(id: UInt64(b), side: .buy, price: price, quantity: 1)) }
      let result = auction.clear(referencePrice: reserve)
      if let clearing = result.price {
        for x in result.executions {
          let b = Int32(x.buyID)
          waiting[Int(b)].active = false
          p.conversions += 1
          products[Int(id)] = p
          pendingSignings.append((id, b, Double(clearing) * Self.tick))
        }
      }
    }
    auctionBids.removeAll(keepingCapacity: true)
    // adaptive pricing and re-posting asks (a lower ask may fill waiting bids)
    if config.providers.pricing == .adaptive {
      let fee = config.exchanges.first?.sellerFeeRate ?? 0
      for id in listed where !products[Int(id)].isPublic {
        var p = products[Int(id)]
        if p.views > 0 {
          let s = Double(p.conversions) / Double(p.views)
          let floor = p.marginalCost / max(1e-9, 1 - fee)
          p.price = min(max(p.price * _exp(config.providers.adaptiveRate * (s - config.providers.targetConversion)), floor), 1e5)
          products[Int(id)] = p
          postAsk(id)
        }
      }
    }
    for id in listed { products[Int(id)].views = 0; products[Int(id)].conversions = 0 }
    try flushSignings(now: now, kernel: &kernel)
    // fixed costs of exchanges and the public operator
    for (e, x) in config.exchanges.enumerated() {
      ledger.exchangeRealCosts += x.fixedCostPerPeriod; exchangeLedgers[e].exchangeRealCosts += x.fixedCostPerPeriod
    }
    var clawback = 0.0
    if config.publicOperator.enabled {
      ledger.publicOperatorCosts += config.publicOperator.allowedCost / periodsPerYear
      // yearly MAR review: revenue above MAR is deducted from next year's MAR (M8)
      if (index + 1) % 12 == 0 {
        clawback = max(0, publicRevenueThisYear - marThisYear)
        marThisYear = PublicDataPricing.nextMAR(base: config.mar, revenue: publicRevenueThisYear, mar: marThisYear)
        publicRevenueThisYear = 0
        publicCap = guideCap()
        observedWillingness.removeAll(keepingCapacity: true)
        for id in listed where products[Int(id)].isPublic {
          products[Int(id)].price = publicCap
          postAsk(id)
        }
        try flushSignings(now: now, kernel: &kernel)
      }
    }
    let record = PeriodRecord(index: index, ledger: ledger, national: national, byRegion: byRegion, byExchange: byExchange,
                              exchangeLedgers: exchangeLedgers, listings: listedCount,
                              providerHHI: Concentration.hhi(periodProviderGMV()), exchangeHHI: Concentration.hhi(byExchange.map(\.onExchangeGMV)),
                              publicPriceCap: publicCap, clawback: clawback)
    periods.append(record)
    ledger = DataMarketLedger(); national = DataMarketActivity()
    exchangeLedgers = Array(repeating: DataMarketLedger(), count: config.exchanges.count)
    byRegion = Array(repeating: DataMarketActivity(), count: config.regions.count)
    byExchange = Array(repeating: DataMarketActivity(), count: config.exchanges.count)
    lastPeriodGMV = providerGMV
  }

  var lastPeriodGMV: [Double] = []
  func periodProviderGMV() -> [Double] {
    providerGMV.indices.map { providerGMV[$0] - ($0 < lastPeriodGMV.count ? lastPeriodGMV[$0] : 0) }
  }

  /// Signs contracts for waiting bids filled outside a buyer's own arrival (a re-posted lower
  /// ask, a call auction).
  mutating func flushSignings(now: Double, kernel: inout Kernel<Event>) throws {
    let batch = pendingSignings
    pendingSignings.removeAll(keepingCapacity: true)
    for (id, b, price) in batch {
      let w = waiting[Int(b)]
      if w.slot >= 0 { bidders[w.slot] = nil }
      try sign(product: id, buyerRegion: w.region, segment: w.segment, onExchange: true, price: price, expectedValue: w.expectedValue,
               trueValue: w.trueValue, friction: w.frictionCosts, wealth: w.wealth, arrival: w.arrival, now: now, kernel: &kernel)
    }
  }

  /// Runs the whole market.
  public static func simulate(_ config: DataMarketConfig, seed: UInt64) throws -> (DataMarketModel, Int) {
    var sim = Simulator(model: DataMarketModel(config: config, seed: seed), capacity: 1024)
    try sim.model.start(&sim.kernel)
    try sim.run()
    return (sim.model, sim.kernel.eventsProcessed)
  }
}
