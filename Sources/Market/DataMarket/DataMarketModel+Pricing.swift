import Simulation

// M3: how private providers set and revise their posted prices — value-based against the demand
// they observe (the default), cost-plus, or conversion-targeting adaptive.
extension DataMarketModel {
  /// A listing the arriving buyer scored: its certainty equivalent (or, where the buyer skipped
  /// scoring it, the upper bound that ruled it out), price and price multiplier 1 + φ_b.
  struct ViewedListing { var product: Int32; var score: Double; var price: Double; var multiplier: Double }

  /// Where a product's ring of remembered winning prices stands: how many slots hold one (at
  /// most the ring's capacity, `demandMemory`) and the slot the next one overwrites (the oldest
  /// once the ring is full).
  struct WinningRing {
    var count: Int32 = 0, next: Int32 = 0

    mutating func advance(capacity: Int) {
      if Int(count) < capacity { count += 1 }
      next = Int(next) + 1 == capacity ? 0 : next + 1
    }
  }

  /// A winning price recorded for a product (and, with M3's versions, the basic version's, 0 if
  /// none), waiting in ``DataMarketModel/winningLog`` for the next price revision.
  struct LoggedWinningPrice { var product: Int32; var price: Double; var basic: Double }

  /// Moves the winning prices logged since the last revision into their products' rings, in the
  /// order they were recorded: each ring then holds what it would have held had every price been
  /// written when recorded (nothing reads the rings between revisions). Written here, a period's
  /// prices go to their scattered slots in one tight loop rather than one or two at a time
  /// between the buyers' loops, which evict the rings' cache lines (about −2% of the national
  /// benchmark's time).
  func flushWinningPrices() {
    let memory = config.providers.demandMemory, versions = config.providers.versioning, log = winningLog
    guard !log.isEmpty else { return }
    winningPrices.withUnsafeMutableBufferPointer { prices in
      winningRings.withUnsafeMutableBufferPointer { rings in
        guard versions else {
          for i in 0..<log.count {
            let e = log[i], k = Int(e.product)
            prices[k * memory + Int(rings[k].next)] = e.price
            rings[k].advance(capacity: memory)
          }
          return
        }
        // the basic versions' array only with versions on: an empty array's buffer is shared, so
        // asking for it mutably would allocate one
        basicWinningPrices.withUnsafeMutableBufferPointer { basicPrices in
          for i in 0..<log.count {
            let e = log[i], k = Int(e.product)
            let slot = k * memory + Int(rings[k].next)
            basicPrices[slot] = e.basic
            prices[slot] = e.price
            rings[k].advance(capacity: memory)
          }
        }
      }
    }
    log.removeAll()
  }

  /// The first posted price of a new private product. Value-based: the monopoly price against the
  /// provider's prior about a viewer's willingness to pay, κ·V with V the deal-size distribution
  /// and κ = Fit̄ · q̃^β · (1 − ω̄(1 − a)) · (1 − π_bad(1 − (1 − δ_bad)^β)) (its claim, readiness,
  /// the segment mix's mean ω and unscreened beliefs); cost-plus and adaptive start at cost-plus.
  func initialPrice(claimedPower: Double, readiness: Double, fixedCost: Double) -> Double {
    let p = config.providers
    guard p.pricing == .valueBased else {
      return ProviderPricing.costPlus(fixedCost: fixedCost, expectedSales: p.expectedSales, marginalCost: p.marginalCost, markup: p.markup)
    }
    let (omega, belief, fs) = pricePrior   // found once for the run
    let kappa = p.priorFit * claimedPower * (1 - omega * (1 - readiness)) * belief
    return monopolyGrid.price(scale: kappa, sellerFeeRate: fs, marginalCost: p.marginalCost)
  }

  /// Whether product `id` learns its price from the buyers who consider it.
  func learnsPrice(_ p: Product) -> Bool { config.providers.pricing == .valueBased && !p.isPublic }

  /// After a buyer has weighed its offers: each listing it scored learns the buyer's winning
  /// price, p + (CE − max(0, CE of the buyer's best other offer))/(1 + φ_b), the highest price
  /// at which the buyer would have chosen it (logged for the next revision: ``winningLog``).
  /// `bilateralScore` is the best off-exchange offer's CE.
  func recordWinningPrices(bilateralScore: Double) {
    let seen = viewed, basicValues = viewedBasicValues
    guard !seen.isEmpty else { return }
    var first = bilateralScore, second = -Double.infinity, firstIndex = -1
    for i in 0..<seen.count {
      // the best and second-best scores (a score above the best moves the best to second), as
      // selections: the compiler makes the second-best a maximum instruction and the index a
      // conditional move, where an if–else gave jumps the random scores mispredict (a
      // selection between Doubles on the best stays a jump: x86 has no conditional move for them)
      let s = seen[i].score
      let aboveFirst = s > first, aboveSecond = s > second
      second = aboveFirst ? first : (aboveSecond ? s : second)
      firstIndex = aboveFirst ? i : firstIndex
      first = aboveFirst ? s : first
    }
    let versions = config.providers.versioning, log = winningLog
    if !versions {
      // one capacity check for the buyer's prices; each is written, and kept if it is positive
      log.append(upTo: seen.count) { out in
        var kept = 0
        for i in 0..<seen.count {
          let v = seen[i]
          let alternative = max(0, i == firstIndex ? second : first)
          let w = v.price + (v.score - alternative) / v.multiplier
          out[kept] = LoggedWinningPrice(product: v.product, price: w, basic: 0)
          kept += w > 0 && w.isFinite ? 1 : 0
        }
        return kept
      }
    } else {
      for i in 0..<seen.count {
        let v = seen[i]
        let alternative = max(0, i == firstIndex ? second : first)
        let w = v.price + (v.score - alternative) / v.multiplier
        // M3's versions: a viewer who would buy either version at some price counts
        let wL = (basicValues[i] - alternative) / v.multiplier
        guard w.isFinite, (w > 0 || (wL > 0 && wL.isFinite)) else { continue }
        log.append(LoggedWinningPrice(product: v.product, price: w, basic: wL.isFinite ? wL : 0))
      }
    }
    seen.removeAll()
    basicValues.removeAll()
    if log.count >= config.winningLogLimit { flushWinningPrices() }   // the same rings, sooner
  }

  /// Period-end price revision of every listed private product, and re-posting its asks (a lower
  /// ask may fill waiting bids). Value-based: toward the profit-maximising price against the
  /// winning prices remembered (at least `minimumObservations`); adaptive: M3's conversion rule.
  func revisePrices() {
    flushWinningPrices()
    let rule = config.providers.pricing
    guard rule != .costPlus else { return }
    let memory = config.providers.demandMemory
    var scratch: [Double] = [], basicScratch: [Double] = []
    scratch.reserveCapacity(memory)
    if config.providers.versioning { basicScratch.reserveCapacity(memory) }
    for id in listedProducts where !products[Int(id)].isPublic {
      var p = products[Int(id)]
      let floor = priceFloor(id)
      switch rule {
      case .valueBased:
        let n = Int(winningRings[Int(id)].count)
        guard n >= Self.minimumObservations else { continue }
        let ring = Int(id) * memory ..< Int(id) * memory + n
        let fs = config.exchanges[p.exchange].sellerFeeRate
        let target: Double
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: winningPrices[ring])
        if versionable(p) {
          // M3's versions: the full price and whether to offer the basic version, against both demands
          basicScratch.removeAll(keepingCapacity: true)
          basicScratch.append(contentsOf: basicWinningPrices[ring])
          let choice = VersionMenu.optimal(full: scratch, basic: basicScratch, highRatio: highVersionRatio(p), floor: floor,
                                           sellerFeeRate: fs, marginalCost: p.marginalCost)
          target = choice?.price ?? floor
          p.versionsOffered = choice?.versions ?? false
        } else {
          target = ProviderPricing.demandOptimal(winningPrices: &scratch, sellerFeeRate: fs, marginalCost: p.marginalCost) ?? floor
        }
        p.price = ProviderPricing.learn(price: p.price, target: target, weight: config.providers.priceLearningWeight,
                                        floor: floor, ceiling: Self.maximumPrice)
      case .adaptive:
        guard p.views > 0 else { continue }
        let s = Double(p.conversions) / Double(p.views)
        p.price = ProviderPricing.adapt(price: p.price, conversion: s, target: config.providers.targetConversion,
                                        rate: config.providers.adaptiveRate, floor: floor, ceiling: Self.maximumPrice)
      case .costPlus: continue
      }
      products[Int(id)] = p
      postAsks(id)
    }
  }

  /// Winning prices a provider needs before it revises a value-based price [assumed].
  static let minimumObservations = 5
}
