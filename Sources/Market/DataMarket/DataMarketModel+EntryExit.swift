import Simulation

// M12: providers enter when the profit they expect covers their fixed cost and fees, and leave
// after sustained operating losses or a year without a sale.
extension DataMarketModel {
  /// λ_P,r scaled by the region's demand (M12): (1 + ν_P ln(1 + B̄_r)) / (1 + ν_P ln(1 + B_r)),
  /// B̄_r the buyers who arrived in region r last period and B_r those its configured λ_B,r
  /// brings in a period, so the rate is as configured when demand is.
  func providerRate(_ r: Int) -> Double {
    let base = config.providerArrivalRate(r)
    guard let last = periods.last, config.providerNetworkEffect > 0 else { return base }
    let nu = config.providerNetworkEffect
    let reference = config.buyerArrivalRate(r) * config.periodDays
    return base * (1 + nu * _log(1 + Double(last.byRegion[r].buyerArrivals))) / (1 + nu * _log(1 + reference))
  }

  /// Whether the provider of new product `id` enters (M12): after the warm-up (which seeds the
  /// market: every arrival enters), iff H·r̂_r·(q̃^β / E[q^β]) − F − expected fees > 0, with
  /// r̂_r the region's recent operating income per active provider and period (receipts −
  /// marginal costs − upkeep), H the horizon it plans over, and the fees of listing at its home
  /// exchange, two reviews and registration at the registry's uptake.
  func enters(_ id: Int32) -> Bool {
    guard config.providers.endogenousEntry, measuring, periods.count > 0 else { return true }
    let p = products[Int(id)]
    let r = p.region
    let quality = valuationTable.powers(id).claimed / max(meanQualityPower, 1e-12)
    var fees = 0.0
    if let x = config.exchanges.first(where: { $0.region == r }) { fees += x.listingFee + 2 * x.reviewFee }
    if config.registry.mode != .off { fees += config.registry.uptake * config.registry.fee }
    let expected = Double(config.providers.planningHorizonPeriods) * regionIncome[r] * quality - p.fixedCost - fees
    return expected > 0
  }

  /// E[q^β] for q ~ Beta(α, β_B): B(α + β, β_B)/B(α, β_B).
  static func meanQualityPower(_ c: DataMarketConfig) -> Double {
    let a = c.providers.qualityAlpha, b = c.providers.qualityBeta, beta = c.qualityExponent
    return _exp(_lgamma(a + beta) + _lgamma(a + b) - _lgamma(a) - _lgamma(a + b + beta))
  }

  /// A product's operating income to date: net receipts − marginal costs − upkeep (its sunk
  /// fixed cost, readiness investment and one-time fees left out).
  func operatingIncome(_ p: Product) -> Double { p.revenue + p.damages - (p.costs - p.fixedCost - p.readinessInvestment) }

  /// Period end (M12): every active private provider pays its upkeep; each region's income per
  /// active provider updates r̂_r; providers active for N_win periods whose operating income over
  /// them is below −X_exit, or who sold nothing in them, exit.
  func closeProviderPeriod(_ index: Int) {
    let n = config.providers.exitWindowPeriods, upkeep = config.providers.upkeepPerPeriod
    var income = Array(repeating: 0.0, count: config.regions.count), active = Array(repeating: 0, count: config.regions.count)
    for id in products.indices where !products[id].isPublic && products[id].active {
      if upkeep > 0 {
        ledger.post(upkeep, .realCost, from: .providers, to: .world)
        products[id].costs += upkeep
      }
      let p = products[id]
      let now = operatingIncome(p)
      income[p.region] += now - lastIncome[id]; active[p.region] += 1
      lastIncome[id] = now
      let slot = id * n + index % n
      let age = index - p.enteredPeriod
      if config.providers.exitEnabled && age >= n {
        let windowIncome = now - incomeHistory[slot], windowSales = p.sales - salesHistory[slot]
        if windowIncome < -config.providers.exitLoss || windowSales == 0 { exit(Int32(id), period: index); continue }
      }
      incomeHistory[slot] = now; salesHistory[slot] = p.sales
    }
    let w = Self.incomeSmoothing
    for r in regionIncome.indices where active[r] > 0 {
      let x = income[r] / Double(active[r])
      regionIncome[r] = periods.isEmpty ? x : (1 - w) * regionIncome[r] + w * x
    }
    var n0 = 0
    for p in products where !p.isPublic && p.active { n0 += 1 }
    activeProviders = n0
  }

  /// The provider of `id` leaves: its asks are withdrawn, it is no longer listed or offered
  /// bilaterally; waiting bids on it lapse with their buyers' patience.
  func exit(_ id: Int32, period: Int) {
    products[Int(id)].active = false; products[Int(id)].exitedPeriod = period
    delist(id)
    let p = products[Int(id)]
    if let i = productsByRegion[p.region].firstIndex(of: id) { productsByRegion[p.region].remove(at: i) }
    national.providerExits += 1; byRegion[p.region].providerExits += 1
  }

  /// Weight of the newest period in r̂_r [assumed].
  static let incomeSmoothing = 1.0 / 6
}
