import Matching
import Simulation

// M2 and M3: providers arrive and create their products (quality, claim, readiness, domain,
// costs, licences, price).
extension DataMarketModel {

  func newDomain() -> [Double] {
    let d = config.domains
    let primary = Int(UniformIntegerDistribution.below(UInt64(d), using: &productRNG))
    var v = (0..<d).map { _ in 0.3 * unitDouble(&productRNG) }
    v[primary] += 1
    return v
  }

  func createProduct(region: Int, isPublic: Bool) -> Int32 {
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


  func providerArrives(region r: Int, now: Double, kernel: inout Kernel<Event>) throws {
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
}
