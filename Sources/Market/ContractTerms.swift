import Simulation
#if canImport(Glibc)
import Glibc
#endif

/// DOMAIN.md M7: contract types, their payment schedules and the certainty equivalents by which
/// a buyer and a provider choose among them. Money in RMB 10,000.
///
/// Benefit Y = E[v]·Z with Z ~ LogNormal(−σ²/2, σ) (E[Z] = 1, Var Z = e^{σ²} − 1). Every
/// payment is P = A + B·Ŷ + C·1[Ŷ ≥ t] or usage based; CE = E[π] − (γ/(2W))·Var[π].
public enum ContractType: String, Sendable, CaseIterable, Equatable {
  /// Pay p at signing; the buyer bears all downstream risk.
  case fixed = "FIXED"
  /// A fee p_s each period; the buyer stops after two periods if its benefit per period is below
  /// the list price's per-period share (Y < p). p_s is set so the expected payment is p.
  case subscription = "SUBSCRIPTION"
  /// A base fee plus a fee per use; uses U ~ Poisson(u0·Z).
  case usage = "USAGE"
  /// p0 upfront plus a share α of the reported benefit Ŷ = (1 − h)Y.
  case revenueShare = "REVSHARE"
  /// p0 upfront plus a bonus b if the reported benefit reaches y*.
  case outcome = "OUTCOME"
  /// A premium o at signing buys a trial; the buyer then pays the strike X and keeps using the
  /// data iff its updated E[v] covers (1 + φ_b)X, else walks away with no benefit (see
  /// ``OptionValuation``). X is set so the expected payment is p by the provider's belief.
  case option = "OPTION"
}

/// The moments of a contract's payment given the benefit distribution, and the resulting
/// certainty equivalents. Pure functions; each party uses its own E[Y].
public struct ContractTerms: Sendable, Equatable {
  public var type: ContractType
  /// Upfront payment at signing.
  public var upfront: Double
  /// REVSHARE share α of reported benefit.
  public var share: Double
  /// OUTCOME bonus b / SUBSCRIPTION remaining fees; paid if the (reported) benefit reaches `threshold`.
  public var bonus: Double
  public var threshold: Double
  /// USAGE fee per use and expected uses.
  public var perUse: Double
  public var expectedUses: Double
  /// OPTION: the exercise probability q the provider designed the strike on (premium `upfront`,
  /// strike `bonus`, upfront + bonus·q = p); 1 for every other type.
  public var exerciseProbability = 1.0

  /// The contract that, by the provider's own expectation `providerExpectedBenefit`, has
  /// expected payment `price` (DOMAIN M7: "provider sets α = (p − p0)/((1−h)E_i[Y])").
  /// OPTION: the premium is `premiumShare`·p and the strike X = (p − o)/q, with q = 1 − π_P·d the
  /// exercise probability by the provider's belief π_P that its product is bad, when a trial finds
  /// a bad product bad with probability d and a buyer who found it bad walks away.
  public static func design(_ type: ContractType, price p: Double, upfrontShare: Double, providerExpectedBenefit ey: Double,
                            sigma: Double, misreporting h: Double, term: Int, outcomeQuantile: Double, expectedUses: Double,
                            premiumShare: Double = 0.2, exerciseProbability q: Double = 1) -> ContractTerms {
    var memo = LogNormalTailMemo()
    return design(type, price: p, upfrontShare: upfrontShare, providerExpectedBenefit: ey, sigma: sigma, misreporting: h, term: term,
                  outcomeQuantile: outcomeQuantile, expectedUses: expectedUses, premiumShare: premiumShare, exerciseProbability: q,
                  memo: &memo)
  }

  /// The same, remembering the tail it computes in `memo` (``ContractChoice`` then takes the
  /// payment's moments with it).
  static func design(_ type: ContractType, price p: Double, upfrontShare: Double, providerExpectedBenefit ey: Double,
                     sigma: Double, misreporting h: Double, term: Int, outcomeQuantile: Double, expectedUses: Double,
                     premiumShare: Double, exerciseProbability q: Double, memo: inout LogNormalTailMemo) -> ContractTerms {
    var t = ContractTerms(type: type, upfront: p, share: 0, bonus: 0, threshold: 0, perUse: 0, expectedUses: 0)
    switch type {
    case .fixed: break
    case .revenueShare:
      t.upfront = upfrontShare * p
      t.share = ey > 0 ? (p - t.upfront) / ((1 - h) * ey) : 0
    case .outcome:
      t.upfront = upfrontShare * p
      t.threshold = (1 - h) * ey * outcomeQuantile
      let prob = ContractTerms.exceedance(threshold: t.threshold, mean: (1 - h) * ey, sigma: sigma, memo: &memo)
      t.bonus = prob > 0 ? (p - t.upfront) / prob : 0
    case .subscription:
      // the buyer continues past the first two periods iff Y/term ≥ p/term ⇔ Y ≥ p, with
      // probability P by the provider's belief; the fee p_s = p/(2 + (term − 2)P) makes the
      // expected payment 2p_s + (term − 2)p_s·P = p
      let periods = Double(max(term, 2))
      t.threshold = p
      let continues = ContractTerms.exceedance(threshold: p, mean: ey, sigma: sigma, memo: &memo)
      let fee = p / (2 + (periods - 2) * continues)
      t.upfront = 2 * fee                      // the first two periods are always paid
      t.bonus = (periods - 2) * fee            // the rest, paid when the benefit covers the price
    case .usage:
      t.upfront = upfrontShare * p
      t.expectedUses = expectedUses
      t.perUse = expectedUses > 0 ? (p - t.upfront) / expectedUses : 0
    case .option:
      t.upfront = premiumShare * p
      t.exerciseProbability = q
      t.bonus = q > 0 ? (p - t.upfront) / q : 0
    }
    return t
  }

  /// P(Y ≥ t) for Y = mean·Z, Z ~ LogNormal(−σ²/2, σ).
  public static func exceedance(threshold t: Double, mean m: Double, sigma s: Double) -> Double {
    guard m > 0 else { return t <= 0 ? 1 : 0 }
    guard t > 0 else { return 1 }
    guard s > 0 else { return m >= t ? 1 : 0 }
    return 1 - normalCDF((_log(t / m) + s * s / 2) / s)
  }

  /// E[Y·1[Y ≥ t]] for the same Y.
  public static func partialMean(threshold t: Double, mean m: Double, sigma s: Double) -> Double {
    guard m > 0 else { return 0 }
    guard t > 0 else { return m }
    guard s > 0 else { return m >= t ? m : 0 }
    return m * (1 - normalCDF((_log(t / m) - s * s / 2) / s))
  }

  /// The same through `memo` (identical results).
  static func exceedance(threshold t: Double, mean m: Double, sigma s: Double, memo: inout LogNormalTailMemo) -> Double {
    guard m > 0, t > 0, s > 0 else { return exceedance(threshold: t, mean: m, sigma: s) }
    return memo.tail(threshold: t, mean: m, sigma: s).exceedance
  }

  /// Both at once, sharing the logarithm: (P(Y ≥ t), E[Y·1[Y ≥ t]]).
  public static func exceedanceAndPartialMean(threshold t: Double, mean m: Double, sigma s: Double) -> (Double, Double) {
    var memo = LogNormalTailMemo()
    return exceedanceAndPartialMean(threshold: t, mean: m, sigma: s, memo: &memo)
  }

  /// The same through `memo` (identical results).
  static func exceedanceAndPartialMean(threshold t: Double, mean m: Double, sigma s: Double, memo: inout LogNormalTailMemo) -> (Double, Double) {
    guard m > 0, t > 0, s > 0 else { return (exceedance(threshold: t, mean: m, sigma: s), partialMean(threshold: t, mean: m, sigma: s)) }
    let (l, exceeds) = memo.tail(threshold: t, mean: m, sigma: s)
    return (exceeds, m * (1 - normalCDF((l - s * s / 2) / s)))
  }

  public static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

  /// Mean and variance of the payment, and its covariance with Y, when the true benefit has
  /// mean `ey` (a party's belief), log-sd `sigma` and reports are (1 − h)·Y. `misreportingVariance`
  /// is Var h when the party does not know h (a provider facing an unknown buyer: h independent
  /// of Y, mean h); it adds α²·Var h·E[Y²] to a REVSHARE payment's variance.
  public func paymentMoments(expectedBenefit ey: Double, sigma s: Double, misreporting h: Double,
                             misreportingVariance vh: Double = 0) -> (mean: Double, variance: Double, covariance: Double) {
    paymentMoments(expectedBenefit: ey, sigma: s, varZ: _exp(s * s) - 1, misreporting: h, misreportingVariance: vh)
  }

  /// The same with Var Z = e^{σ²} − 1 given (the model computes it once).
  public func paymentMoments(expectedBenefit ey: Double, sigma s: Double, varZ: Double, misreporting h: Double,
                             misreportingVariance vh: Double) -> (mean: Double, variance: Double, covariance: Double) {
    var memo = LogNormalTailMemo()
    return paymentMoments(expectedBenefit: ey, sigma: s, varZ: varZ, misreporting: h, misreportingVariance: vh, memo: &memo)
  }

  /// The same through `memo` (identical results).
  func paymentMoments(expectedBenefit ey: Double, sigma s: Double, varZ: Double, misreporting h: Double,
                      misreportingVariance vh: Double, memo: inout LogNormalTailMemo) -> (mean: Double, variance: Double, covariance: Double) {
    let varY = ey * ey * varZ
    switch type {
    case .fixed:
      return (upfront, 0, 0)
    case .revenueShare:
      let k = share * (1 - h)
      return (upfront + k * ey, k * k * varY + share * share * vh * (varY + ey * ey), k * varY)
    case .outcome, .subscription:
      // reported benefit ≥ threshold ⇔ Y ≥ threshold / (1 − h) (subscription: no reporting)
      let hh = type == .subscription ? 0 : h
      let trueThreshold = threshold / (1 - hh)
      let (prob, partial) = ContractTerms.exceedanceAndPartialMean(threshold: trueThreshold, mean: ey, sigma: s, memo: &memo)
      return (upfront + bonus * prob, bonus * bonus * prob * (1 - prob), bonus * (partial - ey * prob))
    case .usage:
      // U ~ Poisson(u0 Z): E = u0, Var = u0 + u0² Var Z, Cov(Y, U) = ey · u0 · Var Z
      let eu = expectedUses
      return (upfront + perUse * eu, perUse * perUse * (eu + eu * eu * varZ), perUse * ey * eu * varZ)
    case .option:
      // by the designing belief: the strike is paid with probability q, whatever Z
      let q = exerciseProbability
      return (upfront + bonus * q, bonus * bonus * q * (1 - q), 0)
    }
  }

  /// The buyer's certainty equivalent of π_B = Y − P(1 + φ_b) − fixed costs. Not for OPTION,
  /// whose benefit depends on exercise: ``OptionValuation/buyerCE(_:buyerFeeRate:fixedCosts:varZ:riskAversion:wealth:)``.
  public func buyerCE(expectedBenefit ey: Double, sigma s: Double, misreporting h: Double, buyerFeeRate fb: Double,
                      fixedCosts: Double, riskAversion gamma: Double, wealth w: Double) -> Double {
    let varZ = _exp(s * s) - 1
    return ContractTerms.buyerCE(paymentMoments(expectedBenefit: ey, sigma: s, varZ: varZ, misreporting: h, misreportingVariance: 0),
                                 expectedBenefit: ey, varZ: varZ, buyerFeeRate: fb, fixedCosts: fixedCosts, riskAversion: gamma, wealth: w)
  }

  /// The buyer's CE from the payment's moments (by the buyer's belief) and Var Z.
  public static func buyerCE(_ m: (mean: Double, variance: Double, covariance: Double), expectedBenefit ey: Double, varZ: Double,
                             buyerFeeRate fb: Double, fixedCosts: Double, riskAversion gamma: Double, wealth w: Double) -> Double {
    let varY = ey * ey * varZ
    let k = 1 + fb
    let variance = max(0, varY + k * k * m.variance - 2 * k * m.covariance)
    return ey - k * m.mean - fixedCosts - gamma / (2 * w) * variance
  }

  /// The provider's certainty equivalent of π_P = P(1 − φ_s) − c.
  public func providerCE(expectedBenefit ey: Double, sigma s: Double, misreporting h: Double, misreportingVariance vh: Double = 0,
                         sellerFeeRate fs: Double, marginalCost c: Double, riskAversion gamma: Double, wealth w: Double) -> Double {
    ContractTerms.providerCE(paymentMoments(expectedBenefit: ey, sigma: s, misreporting: h, misreportingVariance: vh),
                             sellerFeeRate: fs, marginalCost: c, riskAversion: gamma, wealth: w)
  }

  /// The provider's CE from the payment's moments (by the provider's belief).
  public static func providerCE(_ m: (mean: Double, variance: Double, covariance: Double), sellerFeeRate fs: Double,
                                marginalCost c: Double, riskAversion gamma: Double, wealth w: Double) -> Double {
    let k = 1 - fs
    return k * m.mean - c - gamma / (2 * w) * k * k * m.variance
  }
}
