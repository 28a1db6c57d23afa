/// DOMAIN.md M7 OPTION seen by the buyer: how it decides to exercise after the trial and what
/// the option is worth to it (certainty equivalent). Money in RMB 10,000.
///
/// M2's quality uncertainty: the product is bad with probability π̂ by the buyer's belief, with
/// E_j[Y] = (1 − π̂)·v_good + π̂·v_bad. A trial finds a bad product bad with probability d.
/// - found bad (probability π̂d): the buyer exercises iff v_bad ≥ (1 + φ_b)X;
/// - found nothing (1 − π̂d): its belief falls to π̂(1 − d)/(1 − π̂d), so its expected benefit is
///   E_clean = (E_j[Y] − π̂d·v_bad)/(1 − π̂d), and it exercises iff E_clean ≥ (1 + φ_b)X.
/// Search, diligence and membership costs are sunk at signing, so they do not enter the decision.
/// An unexercised option yields no benefit and no strike.
///
/// With e_clean, e_bad ∈ {0, 1} those decisions, the expected benefit kept is
/// B = e_clean·(E_j[Y] − π̂d·v_bad) + e_bad·π̂d·v_bad, the exercise probability
/// P_x = e_clean·(1 − π̂d) + e_bad·π̂d, and the buyer's
/// CE = B − (1 + φ_b)(o + X·P_x) − costs − (γ/(2W))·Var Z·B².
/// The risk term treats the kept benefit as B·Z, as ``ContractTerms`` treats Y as E[Y]·Z (type
/// and trial outcomes enter through means only, as in M2's E[v]): with no doubt (π̂ = 0) or no
/// trial (d = 0) and a strike X = p − o the option's CE is exactly FIXED's.
public struct OptionValuation: Sendable, Equatable {
  /// π̂, the buyer's belief that the product is bad (after screens and any sample).
  public var badProbability: Double
  /// E_j[Y], the buyer's expected benefit.
  public var expectedBenefit: Double
  /// v_bad = E_j[Y | bad], the benefit of the product if it is bad.
  public var badBenefit: Double
  /// d, the probability that the trial finds a bad product bad.
  public var trialDetection: Double

  public init(badProbability: Double, expectedBenefit: Double, badBenefit: Double, trialDetection: Double) {
    self.badProbability = badProbability; self.expectedBenefit = expectedBenefit
    self.badBenefit = badBenefit; self.trialDetection = trialDetection
  }

  /// π̂d, the probability (by the buyer's belief) that the trial finds the product bad.
  var foundBadProbability: Double { badProbability * trialDetection }

  /// E_clean, the buyer's expected benefit after a trial that found nothing.
  public var benefitAfterCleanTrial: Double {
    let clean = 1 - foundBadProbability
    return clean > 0 ? (expectedBenefit - foundBadProbability * badBenefit) / clean : badBenefit
  }

  /// Whether the buyer exercises a strike `strike` after a trial that found the product bad
  /// (`foundBad`) or found nothing, at buyer fee rate φ_b.
  public func exercises(foundBad: Bool, strike: Double, buyerFeeRate fb: Double) -> Bool {
    (foundBad ? badBenefit : benefitAfterCleanTrial) >= (1 + fb) * strike
  }

  /// (P_x, B): the exercise probability and the expected benefit kept under `strike`.
  public func outcome(strike: Double, buyerFeeRate fb: Double) -> (exercise: Double, keptBenefit: Double) {
    let found = foundBadProbability
    let clean = exercises(foundBad: false, strike: strike, buyerFeeRate: fb) ? 1.0 : 0
    let bad = exercises(foundBad: true, strike: strike, buyerFeeRate: fb) ? 1.0 : 0
    return (clean * (1 - found) + bad * found, clean * (expectedBenefit - found * badBenefit) + bad * found * badBenefit)
  }

  /// The buyer's certainty equivalent of OPTION terms (premium `upfront`, strike `bonus`).
  public func buyerCE(_ terms: ContractTerms, buyerFeeRate fb: Double, fixedCosts: Double, varZ: Double,
                      riskAversion gamma: Double, wealth w: Double) -> Double {
    let (px, kept) = outcome(strike: terms.bonus, buyerFeeRate: fb)
    return kept - (1 + fb) * (terms.upfront + terms.bonus * px) - fixedCosts - gamma / (2 * w) * varZ * kept * kept
  }

  /// The buyer's (π̂, v_bad) recovered from its E_j[Y] and the product's values: with s the
  /// product's value scale for this buyer (E[Y] at the true quality = s·q^β), v_good = s·q̃^β and
  /// v_bad = s·(q̃(1 − δ_bad))^β, π̂ = (v_good − E_j[Y])/(v_good − v_bad), clamped to [0, 1].
  /// Without a usable scale (true value 0) or when good and bad are worth the same, (0, E_j[Y]).
  public static func belief(expectedBenefit ev: Double, trueBenefit tv: Double,
                            powers: (true: Double, claimed: Double, degraded: Double)) -> (badProbability: Double, badBenefit: Double) {
    guard powers.true > 0, tv > 0 else { return (0, ev) }
    let scale = tv / powers.true
    let good = scale * powers.claimed, bad = scale * powers.degraded
    guard good > bad else { return (0, ev) }
    return (min(1, max(0, (good - ev) / (good - bad))), bad)
  }
}
