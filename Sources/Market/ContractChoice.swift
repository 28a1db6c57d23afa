/// DOMAIN.md M7's choice of contract, in one place: among the allowed contract types, the one
/// with the highest certainty equivalent for the buyer that the provider also accepts
/// (provider CE ≥ 0). Money in RMB 10,000.
///
/// The same function scores an offer when a buyer bids (both beliefs are then the buyer's own:
/// it cannot see the provider's private knowledge) and fixes the terms when the contract is
/// signed (terms designed on the provider's belief, which knows the true quality), so the two
/// cannot drift apart. A menu that leaves no acceptable type means no contract: FIXED is never
/// a fallback unless it is allowed.
///
/// Misreporting (M7, Ŷ = (1 − h)Y): the provider knows only the venue's mean share h̄ and designs
/// α and the OUTCOME bonus to be paid p in expectation at h̄, bearing Var h as risk; each buyer
/// knows its own h_j and values the terms with it. So buyers who misreport more favour
/// risk-sharing, and a venue with a higher h̄ (off-exchange) makes providers accept it less.
public struct ContractChoice: Sendable, Equatable {
  /// The types the scenario allows (`contracts.allowed`), in the scenario's order (ties go to
  /// the earlier one).
  public var allowed: [ContractType]
  /// p0 as a share of the price (REVSHARE, OUTCOME, USAGE).
  public var upfrontShare: Double
  /// σ_Z, the log-sd of the benefit shock.
  public var sigma: Double
  /// SUBSCRIPTION term in periods.
  public var term: Int
  /// OUTCOME threshold as a multiple of the expected reported benefit.
  public var outcomeQuantile: Double
  /// USAGE expected uses u0.
  public var expectedUses: Double
  /// γ_B and γ_P, absolute risk aversion scaled by wealth (CE = E − γ/(2W)·Var).
  public var buyerRiskAversion: Double
  public var providerRiskAversion: Double
  /// W_i, the provider's wealth (RMB 10,000).
  public var providerWealth: Double
  /// OPTION premium o as a share of the price.
  public var premiumShare: Double
  /// d_trial, the probability that an OPTION's trial finds a bad product bad.
  public var trialDetection: Double
  /// Var Z = e^{σ²} − 1, computed once.
  public let varZ: Double
  /// Whether OUTCOME or REVSHARE are allowed (the only types whose expected payment a buyer can
  /// see below the price, through its own misreporting).
  let allowsOutcome: Bool, allowsRevenueShare: Bool
  /// Whether OPTION is allowed (a buyer expects to pay its strike only if it exercises).
  let allowsOption: Bool

  public init(allowed: [ContractType], upfrontShare: Double, sigma: Double, term: Int, outcomeQuantile: Double,
              expectedUses: Double, buyerRiskAversion: Double, providerRiskAversion: Double, providerWealth: Double,
              premiumShare: Double = 0.2, trialDetection: Double = 0.5) {
    self.allowed = allowed; self.upfrontShare = upfrontShare; self.sigma = sigma; self.term = term
    self.outcomeQuantile = outcomeQuantile; self.expectedUses = expectedUses; self.buyerRiskAversion = buyerRiskAversion
    self.providerRiskAversion = providerRiskAversion; self.providerWealth = providerWealth
    self.varZ = _exp(sigma * sigma) - 1
    self.allowsOutcome = allowed.contains(.outcome)
    self.allowsRevenueShare = allowed.contains(.revenueShare)
    self.premiumShare = premiumShare; self.trialDetection = trialDetection
    self.allowsOption = allowed.contains(.option)
  }

  /// An upper bound on the buyer's CE over the allowed types for a *bid* (both beliefs the
  /// buyer's, E[Y] = `ey`), so that offers whose bound is below one already found need no
  /// contract scoring: CE = E[Y] − (1 + φ_b)·E_j[P] − costs − (risk term ≥ 0), and E_j[P] is at
  /// least p·share. FIXED, USAGE and SUBSCRIPTION are designed to pay p in expectation at the
  /// designing belief (share 1); REVSHARE pays p0 + (p − p0)(1 − h_j)/(1 − h̄) ≥ that at the
  /// highest h_j; OUTCOME at least its upfront p0. OPTION (``OptionValuation``), designed in a bid
  /// on the buyer's own π̂ (X = (p − o)/(1 − π̂d)): the benefit kept B ≤ E[Y], and a buyer who
  /// exercises after a clean trial pays o + X·P_x ≥ o + X(1 − π̂d) = p (share 1); one who would not
  /// exercise even then (nor, as v_bad ≤ E_clean, after a bad one) walks away from every outcome
  /// with CE = −(1 + φ_b)o − costs, which the bound also covers.
  public func buyerCEBound(expectedBenefit ey: Double, price: Double, buyerFeeRate: Double, fixedCosts: Double,
                           misreporting h: Double) -> Double {
    buyerCEBound(expectedBenefit: ey, price: price, buyerFeeRate: buyerFeeRate, fixedCosts: fixedCosts,
                 leastPaymentShare: leastPaymentShare(misreporting: h))
  }

  /// The same with the least share of p found once (``leastPaymentShare(misreporting:)``): a
  /// buyer weighing many offers at one venue finds it once, not per offer.
  @inline(__always)
  public func buyerCEBound(expectedBenefit ey: Double, price: Double, buyerFeeRate: Double, fixedCosts: Double,
                           leastPaymentShare share: Double) -> Double {
    let bound = ey - (1 + buyerFeeRate) * price * share - fixedCosts
    return allowsOption ? max(bound, -(1 + buyerFeeRate) * premiumShare * price - fixedCosts) : bound
  }

  /// The least share of p that any allowed contract pays in expectation (dimensionless, ≤ 1) at a
  /// venue whose mean misreporting share is `h` (see ``buyerCEBound(expectedBenefit:price:buyerFeeRate:fixedCosts:misreporting:)``).
  public func leastPaymentShare(misreporting h: Double) -> Double {
    var share = 1.0
    if allowsRevenueShare {
      let highest = h + min(h, 0.99 - h)
      share = min(share, upfrontShare + (1 - upfrontShare) * (1 - highest) / (1 - h))
    }
    if allowsOutcome { share = min(share, upfrontShare) }
    return share
  }

  /// One trade's circumstances: the price, both parties' expected benefit, the venue's
  /// misreporting share and fees, the buyer's fixed costs and wealth, the provider's marginal cost.
  public struct Deal: Sendable, Equatable {
    public var price: Double
    /// E_i[Y] by which the provider designs the terms (α = (p − p0)/((1 − h)E_i[Y]), …).
    public var providerExpectedBenefit: Double
    /// E_j[Y], the buyer's belief.
    public var buyerExpectedBenefit: Double
    /// h̄, the venue's mean misreporting share: the provider designs and values the terms with it.
    public var misreporting: Double
    /// h_j, this buyer's own share (it knows it): its CE uses it.
    public var buyerMisreporting: Double
    /// Var h across buyers, a risk the provider bears on REVSHARE.
    public var misreportingVariance: Double
    public var buyerFeeRate: Double
    public var sellerFeeRate: Double
    /// Search, due diligence, membership and cross-region costs (RMB 10,000).
    public var buyerFixedCosts: Double
    public var buyerWealth: Double
    public var marginalCost: Double
    /// OPTION: π_P, the provider's belief that its product is bad (it knows: 0 or 1 at signing;
    /// in a bid, the buyer's own π̂); it designs the strike on the exercise probability 1 − π_P·d.
    public var providerBadProbability: Double
    /// OPTION: π̂ and E_j[Y | bad], the buyer's belief that the product is bad and its benefit if so.
    public var buyerBadProbability: Double
    public var buyerBadBenefit: Double

    public init(price: Double, providerExpectedBenefit: Double, buyerExpectedBenefit: Double, misreporting: Double,
                buyerMisreporting: Double? = nil, misreportingVariance: Double = 0,
                buyerFeeRate: Double, sellerFeeRate: Double, buyerFixedCosts: Double, buyerWealth: Double, marginalCost: Double,
                providerBadProbability: Double = 0, buyerBadProbability: Double = 0, buyerBadBenefit: Double? = nil) {
      self.price = price; self.providerExpectedBenefit = providerExpectedBenefit; self.buyerExpectedBenefit = buyerExpectedBenefit
      self.misreporting = misreporting; self.buyerMisreporting = buyerMisreporting ?? misreporting
      self.misreportingVariance = misreportingVariance; self.buyerFeeRate = buyerFeeRate; self.sellerFeeRate = sellerFeeRate
      self.buyerFixedCosts = buyerFixedCosts; self.buyerWealth = buyerWealth; self.marginalCost = marginalCost
      self.providerBadProbability = providerBadProbability; self.buyerBadProbability = buyerBadProbability
      self.buyerBadBenefit = buyerBadBenefit ?? buyerExpectedBenefit
    }

    /// The buyer's view of an OPTION in this deal.
    public func option(trialDetection d: Double) -> OptionValuation {
      OptionValuation(badProbability: buyerBadProbability, expectedBenefit: buyerExpectedBenefit, badBenefit: buyerBadBenefit, trialDetection: d)
    }
  }

  /// A buyer's own misreporting share at a venue of mean h̄, from its uniform draw u ∈ [0, 1):
  /// uniform on [h̄ − w, h̄ + w] with w = min(h̄, 0.99 − h̄), so the mean is h̄ and h stays in [0, 0.99].
  public static func buyerMisreporting(mean h: Double, draw u: Double) -> Double {
    h + (2 * u - 1) * min(h, 0.99 - h)
  }

  /// Var h of that distribution, w²/3.
  public static func misreportingVariance(mean h: Double) -> Double {
    let w = min(h, 0.99 - h)
    return w * w / 3
  }

  /// The terms of `type` for `deal`, designed on the provider's belief.
  public func terms(_ type: ContractType, for deal: Deal) -> ContractTerms {
    var memo = LogNormalTailMemo()
    return terms(type, for: deal, memo: &memo)
  }

  /// The same, remembering the tail the design computes in `memo`.
  func terms(_ type: ContractType, for deal: Deal, memo: inout LogNormalTailMemo) -> ContractTerms {
    ContractTerms.design(type, price: deal.price, upfrontShare: upfrontShare, providerExpectedBenefit: deal.providerExpectedBenefit,
                         sigma: sigma, misreporting: deal.misreporting, term: term, outcomeQuantile: outcomeQuantile,
                         expectedUses: expectedUses, premiumShare: premiumShare,
                         exerciseProbability: 1 - min(1, max(0, deal.providerBadProbability)) * trialDetection, memo: &memo)
  }

  /// The allowed contract with the highest buyer CE among those the provider accepts, with that
  /// CE; nil when the provider accepts none. No allocation. When both parties hold the same belief
  /// (a bid) the payment's moments of FIXED, SUBSCRIPTION and USAGE, which do not depend on
  /// misreporting, are computed once for both.
  public func best(for deal: Deal) -> (terms: ContractTerms, buyerCE: Double)? {
    var best: (terms: ContractTerms, buyerCE: Double)?
    var memo = LogNormalTailMemo()   // a SUBSCRIPTION's design and moments share one tail
    for type in allowed {
      let t = terms(type, for: deal, memo: &memo)
      let provider = t.paymentMoments(expectedBenefit: deal.providerExpectedBenefit, sigma: sigma, varZ: varZ,
                                      misreporting: deal.misreporting, misreportingVariance: deal.misreportingVariance, memo: &memo)
      let providerCE = ContractTerms.providerCE(provider, sellerFeeRate: deal.sellerFeeRate, marginalCost: deal.marginalCost,
                                                riskAversion: providerRiskAversion, wealth: providerWealth)
      guard providerCE >= 0 else { continue }
      let buyerCE = buyerCE(t, for: deal, providerMoments: provider)
      if best == nil || buyerCE > best!.buyerCE { best = (t, buyerCE) }
    }
    return best
  }

  /// The buyer's CE of terms `t` in `deal` (OPTION by ``OptionValuation``); `provider` are the
  /// payment's moments by the provider's belief, reused when both beliefs agree.
  func buyerCE(_ t: ContractTerms, for deal: Deal, providerMoments provider: (mean: Double, variance: Double, covariance: Double)) -> Double {
    if t.type == .option {
      return deal.option(trialDetection: trialDetection).buyerCE(t, buyerFeeRate: deal.buyerFeeRate, fixedCosts: deal.buyerFixedCosts,
                                                                 varZ: varZ, riskAversion: buyerRiskAversion, wealth: deal.buyerWealth)
    }
    let sameMoments = deal.providerExpectedBenefit == deal.buyerExpectedBenefit && t.type != .revenueShare && t.type != .outcome
    let buyer = sameMoments ? provider
      : t.paymentMoments(expectedBenefit: deal.buyerExpectedBenefit, sigma: sigma, varZ: varZ, misreporting: deal.buyerMisreporting,
                         misreportingVariance: 0)
    return ContractTerms.buyerCE(buyer, expectedBenefit: deal.buyerExpectedBenefit, varZ: varZ, buyerFeeRate: deal.buyerFeeRate,
                                 fixedCosts: deal.buyerFixedCosts, riskAversion: buyerRiskAversion, wealth: deal.buyerWealth)
  }
}
