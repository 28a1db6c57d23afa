import Matching
import Simulation

// M2 and M3: providers arrive and create their products (quality, claim, readiness, domain,
// costs, licences, price).
extension DataMarketModel {

  /// A product's domain vector d_k: weight 1 on a primary domain plus noise U(0, domainNoise) on
  /// every domain.
  func newDomain() -> [Double] {
    let d = config.domains
    let primary = Int(UniformIntegerDistribution.below(UInt64(d), using: &productRNG))
    var v = (0..<d).map { _ in Self.domainNoise * unitDouble(&productRNG) }
    v[primary] += 1
    return v
  }

  func createProduct(region: Int, isPublic: Bool) -> Int32 {
    let p = config.providers
    let q = BetaDistribution(alpha: p.qualityAlpha, beta: p.qualityBeta).sample(using: &productRNG)
    // M2: every product claims the quality q it was drawn with; a bad one delivers q(1 − δ_bad).
    // The claim is informative (good and bad claims share one distribution, and a bad product's
    // true quality is its claim scaled by 1 − δ_bad) and the lie is bounded by δ_bad.
    let bad = !isPublic && unitDouble(&productRNG) < config.badShare
    let claimed = q
    let trueQuality = bad ? q * (1 - config.badShortfall) : q
    let drawn = BetaDistribution(alpha: p.readinessAlpha, beta: p.readinessBeta).sample(using: &productRNG)
    let fixed = fixedCostDraw.sample(using: &productRNG)
    let limited = !isPublic && unitDouble(&productRNG) < p.limitedShare
    // M3; the floor c/(1 − φ_s) of the exchange it lists at is applied on listing
    let beta = config.qualityExponent
    let claimedPower = _pow(max(0, claimed), beta)
    // M10: a private provider invests in readiness when it pays (the public operator does not)
    let (investment, readiness) = isPublic ? (0, drawn) : readinessInvestment(claimedPower: claimedPower, readiness: drawn, region: region)
    let aiReady = readiness >= config.readiness.aiReadyThreshold
    // the readiness buyers credit it with (M10; `Product.believedReadiness`)
    let believed = config.readiness.certifiedOnly && !aiReady ? uncertifiedReadiness : readiness
    let price = isPublic ? publicCap : initialPrice(claimedPower: claimedPower, readiness: believed, fixedCost: fixed)
    let domain = newDomain()
    let domainNorm = Valuation.norm(domain, count: domain.count)
    listingsOf.append([])
    for r in localListing.indices { localListing[r].append(RegionalListing()) }
    products.append(Product(region: region, price: price, marginalCost: isPublic ? 0 : p.marginalCost, readiness: readiness,
                            believedReadiness: believed,
                            licencesLeft: limited ? p.licenceLimit : Int.max, isPublic: isPublic, bad: bad, limited: limited,
                            offersSample: !isPublic && unitDouble(&sampleOfferRNG) < p.sampleShare, aiReady: aiReady,
                            quality: trueQuality, claimedQuality: claimed, fixedCost: fixed, readinessInvestment: investment))
    providerGMV.append(0)
    drawCoverage()
    lastIncome.append(0)
    incomeHistory.append(contentsOf: repeatElement(0, count: config.providers.exitWindowPeriods))
    salesHistory.append(contentsOf: repeatElement(0, count: config.providers.exitWindowPeriods))
    winningRings.append(WinningRing())
    basicPrices.append(0)
    winningPrices.append(contentsOf: repeatElement(0, count: config.providers.demandMemory))
    if config.providers.versioning { basicWinningPrices.append(contentsOf: repeatElement(0, count: config.providers.demandMemory)) }
    valuationTable.append(
      powers: (_pow(max(0, trueQuality), beta), _pow(max(0, claimed), beta), _pow(max(0, claimed * (1 - config.badShortfall)), beta)),
      domainNorm: domainNorm, domain: domain)
    let id = Int32(products.count - 1)
    if !isPublic { productsByRegion[region].append(id) }
    return id
  }


  func providerArrives(region r: Int, now: Double, kernel: inout Kernel<Event>) throws {
    let id = createProduct(region: r, isPublic: false)
    products[Int(id)].enteredPeriod = periods.count
    guard enters(id) else {
      products[Int(id)].active = false   // deterred: it never enters (kept for providers.csv)
      productsByRegion[r].removeLast()
      national.deterredEntrants += 1; byRegion[r].deterredEntrants += 1
      return
    }
    national.providerEntries += 1; byRegion[r].providerEntries += 1
    postInvestment(products[Int(id)].readinessInvestment, product: id)
    ledger.post(products[Int(id)].fixedCost, .realCost, from: .providers, to: .world)
    products[Int(id)].costs += products[Int(id)].fixedCost
    // registration: the share `uptake` applies, deterred by the fee through the providers' fee
    // elasticity on its ad valorem equivalent over expected sales
    let registers = config.registry.uptake * _exp(-config.providerFeeElasticity * fixedFeeRate(config.registry.fee, id))
    if config.registry.mode != .off && unitDouble(&screeningRNG) < registers {
      applyForRegistration(id)
      try kernel.schedule(.registrationDecision(product: id), after: config.registry.days + config.registry.publicityDays)
    } else {
      try requestListing(id, kernel: &kernel)
    }
  }
}
