import Simulation

// M10: AI-readiness investment with a public subsidy and cheaper annotation in the annotation-base
// regions, and AI-ready certification as the signal through which buyers see readiness.
extension DataMarketModel {
  /// The readiness after investing I (M10): a + (1 − a)(1 − e^{−I/(I0·annoMult_r)}), annoMult_r
  /// the annotation-base multiplier in base regions and 1 elsewhere.
  func readiness(after investment: Double, from a: Double, region r: Int) -> Double {
    let r0 = config.readiness
    let scale = r0.scale * (config.regions[r].annotationBase ? r0.annotationMultiplier : 1)
    return a + (1 - a) * (1 - _exp(-investment / max(scale, 1e-12)))
  }

  /// The investment a new private provider makes (M10): the I ∈ {0, I_lo, I_hi} maximising
  /// N̂·ρ_cap·E_j[v(a'(I)) − v(a)] − (1 − σ_sub)·I, where the value gain per buyer is
  /// E[V]·Fit̄·q̃^β·ω̄·(believed a' − believed a) (M1 is linear in a) — so below the AI-ready
  /// threshold only an investment that reaches it is seen by buyers when readiness is certified.
  func readinessInvestment(claimedPower: Double, readiness a: Double, region r: Int) -> (investment: Double, readiness: Double) {
    let x = config.readiness
    guard x.investment else { return (0, a) }
    let perUnit = Double(config.providers.expectedSales) * x.captureShare * config.buyers.valueMean * config.providers.priorFit
      * claimedPower * meanReadinessWeight
    func believed(_ v: Double) -> Double { x.certifiedOnly && v < x.aiReadyThreshold ? uncertifiedReadiness : v }
    var best = (investment: 0.0, readiness: a, gain: 0.0)
    for i in [x.lowInvestment, x.highInvestment] where i > 0 {
      let next = readiness(after: i, from: a, region: r)
      let gain = perUnit * (believed(next) - believed(a)) - (1 - x.subsidy) * i
      if gain > best.gain { best = (i, next, gain) }
    }
    return (best.investment, best.readiness)
  }

  /// Posts a provider's readiness investment: the whole of I is a real cost, the subsidy σ_sub·I a
  /// transfer from the government.
  func postInvestment(_ investment: Double, product id: Int32) {
    guard investment > 0 else { return }
    ledger.post(investment, .realCost, from: .providers, to: .world)
    products[Int(id)].costs += investment
    let subsidy = config.readiness.subsidy * investment
    if subsidy > 0 { ledger.post(subsidy, .subsidy, from: .government, to: .providers) }
    national.readinessInvestments += 1; byRegion[products[Int(id)].region].readinessInvestments += 1
    national.readinessInvestment += investment; byRegion[products[Int(id)].region].readinessInvestment += investment
  }

  /// ω̄, the arrival-weighted mean readiness weight of the segments.
  static func meanReadinessWeight(_ c: DataMarketConfig) -> Double {
    let total = c.buyers.segments.reduce(0) { $0 + $1.share }
    return total > 0 ? c.buyers.segments.reduce(0) { $0 + $1.share * $1.readinessWeight } / total : 0
  }

  /// E[a | a < threshold] for a ~ Beta(α, β), by the midpoint rule on 2,000 cells (the threshold
  /// itself when the prior puts no mass below it).
  static func uncertifiedReadiness(_ c: DataMarketConfig) -> Double {
    let t = c.readiness.aiReadyThreshold, a = c.providers.readinessAlpha, b = c.providers.readinessBeta
    var mass = 0.0, moment = 0.0
    let n = 2_000
    for i in 0..<n {
      let x = t * (Double(i) + 0.5) / Double(n)
      let density = _exp((a - 1) * _log(x) + (b - 1) * _log(1 - x))
      mass += density; moment += x * density
    }
    return mass > 0 ? moment / mass : t
  }
}
