import Simulation

// M9: copies leak, a leaked product loses sales to free substitutes, and a registered product's
// provider can enforce its rights.
extension DataMarketModel {
  /// Period end (M9): each not-yet-leaked private product leaks with probability
  /// 1 − (1 − ℓ_on)^{copies on exchanges}·(1 − ℓ_off)^{copies off them}. A certified (registered)
  /// product's provider enforces with probability e_g: the leak is stopped and the infringer pays
  /// damages of `damagesMultiple` × its reference price (mean net receipt per sale); otherwise the product is leaked until
  /// the copy goes stale `stalePeriods` later (the product has been refreshed since).
  func closeLeakagePeriod() {
    let l = config.leakage
    guard l.enabled else { return }
    let now = periods.count
    for id in products.indices where products[id].leaked && now - products[id].leakedPeriod >= l.stalePeriods {
      products[id].leaked = false
    }
    for id in products.indices where !products[id].isPublic && products[id].active && !products[id].leaked {
      let p = products[id]
      guard p.copiesOn + p.copiesOff > 0 else { continue }
      let intact = _pow(1 - l.onExchange, Double(p.copiesOn)) * _pow(1 - l.offExchange, Double(p.copiesOff))
      guard unitDouble(&leakageRNG) >= intact else { continue }
      national.leaks += 1; byRegion[p.region].leaks += 1
      if p.certified && config.registry.mode != .off && unitDouble(&leakageRNG) < l.enforcement {
        let damages = l.damagesMultiple * referencePrice(p)
        ledger.post(damages, .damages, from: .world, to: .providers)
        products[id].damages += damages
        national.enforcements += 1; national.damages += damages
        byRegion[p.region].enforcements += 1; byRegion[p.region].damages += damages
      } else {
        products[id].leaked = true; products[id].leakedPeriod = now
      }
    }
  }

  /// What one licence of `p` earns: its mean net receipt per sale, or its posted price before
  /// any sale (damages and lost sales are valued at it).
  func referencePrice(_ p: Product) -> Double { p.sales > 0 ? p.revenue / Double(p.sales) : p.price }

  /// Whether the buyer considering a product finds a free substitute copy: only of a `leaked`
  /// one, with probability χ.
  func findsLeakedCopy(leaked: Bool) -> Bool {
    leaked && unitDouble(&leakageRNG) < config.leakage.substituteShare
  }
}
