/// The configuration of the data-market model (DOMAIN.md §4). Plain values, no file reading.
/// Money in RMB 10,000; time in days; rates per day; shares and probabilities in [0, 1].
/// Defaults are DOMAIN.md §4.7's.
public struct DataMarketConfig: Sendable, Equatable {
  /// A region with its arrival rates (λ_B,r, λ_P,r, per day) and annotation-base flag.
  public struct Region: Sendable, Equatable {
    public var name: String
    public var buyerArrivalRate: Double
    public var providerArrivalRate: Double
    public var annotationBase: Bool
    public init(name: String, buyerArrivalRate: Double, providerArrivalRate: Double, annotationBase: Bool) {
      self.name = name; self.buyerArrivalRate = buyerArrivalRate; self.providerArrivalRate = providerArrivalRate
      self.annotationBase = annotationBase
    }
  }

  /// An exchange (e), its fees and its compliance review.
  public struct Exchange: Sendable, Equatable {
    public var name: String
    /// Index of its region.
    public var region: Int
    public var sellerFeeRate = 0.025        // φ_s [S17]
    public var buyerFeeRate = 0.0           // φ_b
    public var membershipFee = 0.998        // m_b, one-time per buyer [S17]
    public var listingFee = 0.5             // L_e
    public var reviewFee = 0.2              // f_rev
    public var reviewServers = 3
    public var reviewDays = 10.0            // mean of T_rev ~ Exp
    public var detection = 0.7              // d_e
    public var firstSubmissionFailure = 0.91  // p_fail1 [S8]
    public var resubmissionPass = 0.8
    public var fixedCostPerPeriod = 2.0     // C_e
    public var costPerTrade = 0.05          // c_e
    public var reviewCost = 0.1             // c_rev
    public init(name: String, region: Int) { self.name = name; self.region = region }
  }

  /// Registry modes (DOMAIN 2.2, W2).
  public enum RegistryMode: String, Sendable, CaseIterable { case off, regional, national }

  public struct Registry: Sendable, Equatable {
    public var mode = RegistryMode.regional
    public var fee = 1.0                    // f_g
    public var days = 20.0                  // T_g
    public var publicityDays = 10.0
    public var detection = 0.8              // d_g
    public var firstSubmissionFailure = 0.91
    public var resubmissionPass = 0.8
    /// Share of providers who apply.
    public var uptake = 0.7
    public var costPerRegistration = 0.8
    public init() {}
  }

  /// M3's pricing rules: value-based (the profit-maximising price against the demand a provider
  /// has observed, learned period by period), cost-plus, or the conversion-targeting adaptive rule.
  public enum PricingRule: String, Sendable, CaseIterable { case valueBased, costPlus, adaptive }

  public struct Providers: Sendable, Equatable {
    public var fixedCostMedian = 200.0      // F_k, lognormal [I]
    public var fixedCostMean = 500.0
    public var marginalCost = 0.5           // c_k
    public var markup = 0.3                 // m
    public var expectedSales = 20.0         // N̂
    public var pricing = PricingRule.valueBased
    /// Value-based pricing: weight of the newly optimal price in each period's update (log scale),
    /// and how many recent buyers' winning prices a provider remembers [assumed].
    public var priceLearningWeight = 0.5
    public var demandMemory = 32
    /// Value-based pricing's prior: a provider's expectation of Fit for a buyer who considers its
    /// product, before it has observed any [assumed].
    public var priorFit = 0.5
    public var adaptiveRate = 0.1           // η
    public var targetConversion = 0.2       // s*
    public var qualityAlpha = 4.0           // q ~ Beta(α, β)
    public var qualityBeta = 2.0
    public var readinessAlpha = 2.0         // a ~ Beta
    public var readinessBeta = 2.0
    public var riskAversion = 1.0           // γ_P
    public var wealth = 500.0               // W_i
    public var limitedShare = 0.1           // share of products sold as limited licences
    public var licenceLimit = 5             // K_k
    /// Share of private products that offer a free sample or trial before purchase [assumed].
    public var sampleShare = 0.3
    /// M3's optional versions by readiness tier [S37]: each private, unlimited product whose
    /// readiness a exceeds `basicReadiness` also posts a basic version (readiness a_L =
    /// `basicReadiness`) at ``ProviderPricing/basicVersion(price:highRatio:floor:)`` [assumed off].
    public var versioning = false
    /// a_L, the basic version's readiness: 0 is the raw data, without annotation or other
    /// preparation for AI use [assumed].
    public var basicReadiness = 0.0
    /// M12: entry conditioned on expected profit (after the warm-up), and exit after sustained losses.
    public var endogenousEntry = true
    public var exitEnabled = true
    /// H: periods over which an entrant expects to earn the region's income per provider [assumed].
    public var planningHorizonPeriods = 36
    /// Hosting, maintenance and compliance per active provider and period [assumed].
    public var upkeepPerPeriod = 0.5
    /// N_win and X_exit: exit when operating income over N_win periods is below −X_exit, or no sale in them.
    public var exitWindowPeriods = 12
    public var exitLoss = 2.0
    /// Multiplies every region's λ_P,r [assumed 1].
    public var arrivalMultiplier = 1.0
    public init() {}
  }

  /// A buyer segment: its share of arrivals, readiness weight ω, whether its uses of public
  /// data are public-interest (free), and whether it counts as the AI segment in `ai_*` metrics.
  public struct Segment: Sendable, Equatable {
    public var name: String
    public var share: Double
    public var readinessWeight: Double
    public var publicPurpose: Bool
    public var ai: Bool
    public init(name: String, share: Double, readinessWeight: Double, publicPurpose: Bool, ai: Bool? = nil) {
      self.name = name; self.share = share; self.readinessWeight = readinessWeight; self.publicPurpose = publicPurpose
      self.ai = ai ?? (name == "ai")
    }
  }

  public struct Buyers: Sendable, Equatable {
    public var segments: [Segment] = [
      Segment(name: "ai", share: 0.30, readinessWeight: 0.8, publicPurpose: false),
      Segment(name: "finance", share: 0.30, readinessWeight: 0.3, publicPurpose: false),
      Segment(name: "manufacturing", share: 0.25, readinessWeight: 0.3, publicPurpose: false),
      Segment(name: "publicInterest", share: 0.15, readinessWeight: 0.3, publicPurpose: true),
    ]
    public var valueMedian = 30.0            // V_j lognormal [D] from [S18]
    public var valueMean = 265.0
    public var riskAversion = 2.0           // γ_B
    /// Wealth W_j as a multiple of V_j.
    public var wealthMultiple = 3.0
    public var patienceDays = 60.0          // τ_j
    public var considerationSetSize = 30
    /// Buyer firms per region: each arrival is a need of one of them, drawn uniformly; a firm pays
    /// an exchange's membership fee once a year [assumed].
    public var firmsPerRegion = 500
    /// Multiplies every region's λ_B,r: the market's size in buyers (calibration) [assumed 1].
    public var arrivalMultiplier = 1.0
    public init() {}
  }

  public struct Contracts: Sendable, Equatable {
    public var allowed: [ContractType] = [.fixed, .subscription]
    public var upfrontShare = 0.3           // p0 as a share of the price
    public var termPeriods = 12
    /// OUTCOME threshold y* as a multiple of the provider's expected reported benefit.
    public var outcomeQuantile = 1.0
    public var expectedUses = 100.0         // u0
    public var benefitDelayDays = 180.0
    public var misreportingOn = 0.05        // h on-exchange
    public var misreportingOff = 0.25       // h off-exchange
    public var recovery = 0.5               // ρ_rec on default
    /// OPTION premium o as a share of the price [assumed].
    public var optionPremiumShare = 0.2
    /// d_trial: an OPTION's trial finds a bad product bad with this probability [DOMAIN §4.7's d_sample].
    public var trialDetection = 0.5
    public init() {}
  }

  public struct PublicOperator: Sendable, Equatable {
    public var enabled = true
    public var region = 0
    public var products = 20
    public var allowedCost = 1_000.0        // C_o per year
    public var assetBase = 2_000.0          // K_o
    public var bondYield = 0.018            // y10
    public var profitPremium = 0.06         // δ ≤ 0.06 [S10]
    public var tax = 0.0
    /// κ_cap: caps are κ_cap × the guide price; Infinity ⇒ monopoly pricing.
    public var capMultiple = 1.0
    /// Q̂, expected commercial sales per year across its products.
    public var expectedVolume = 500.0
    public init() {}
  }

  /// M10: AI-readiness investment, its subsidy, and AI-ready certification.
  public struct Readiness: Sendable, Equatable {
    public var investment = true
    /// σ_sub: the share of I the government pays [DOMAIN §5 W6 baseline 0].
    public var subsidy = 0.0
    /// I_lo, I_hi and the scale I0 of a' = a + (1 − a)(1 − e^{−I/(I0·annoMult_r)}) [assumed].
    public var lowInvestment = 5.0
    public var highInvestment = 20.0
    public var scale = 20.0
    /// annoMult_r of the annotation-base regions [DOMAIN §4.7: 0.7, assumed].
    public var annotationMultiplier = 0.7
    /// ρ_cap: the share of buyers' value gain a provider expects to capture in price [assumed].
    public var captureShare = 0.1
    /// Readiness at which a product is certified AI-ready [DOMAIN §4.6: 0.7, assumed].
    public var aiReadyThreshold = 0.7
    /// Whether buyers see readiness only through AI-ready certification (else they observe it).
    public var certifiedOnly = true
    public init() {}
  }

  /// M9: leakage of sold copies, free substitutes, and enforcement by registered providers.
  public struct Leakage: Sendable, Equatable {
    public var enabled = true
    /// ℓ_on, ℓ_off: probability that one sold copy leaks in a period, by venue [DOMAIN §4.7, assumed].
    public var onExchange = 0.005
    public var offExchange = 0.03
    /// χ: share of a leaked product's potential buyers who obtain a free substitute [DOMAIN §4.7, assumed].
    public var substituteShare = 0.5
    /// e_g: probability that a registered product's provider enforces against a leak [assumed].
    public var enforcement = 0.5
    /// Damages on successful enforcement, as a multiple of the product's price [assumed].
    public var damagesMultiple = 5.0
    /// Periods after which a leaked copy is stale (the product has been refreshed) and no longer
    /// substitutes for it [assumed].
    public var stalePeriods = 6
    public init() {}
  }

  /// M11: bundle buyers and how a bundle's price is shared among its providers.
  public struct Bundles: Sendable, Equatable {
    /// Share of arriving buyers who need a bundle of products [assumed].
    public var share = 0.1
    /// Most products in a bundle [assumed].
    public var maxSize = 3
    /// F, features of the coverage game, each with weight μ_f = 1/F [assumed].
    public var features = 8
    /// Probability that a product covers a feature (at a level U(0.5, 1)) [assumed].
    public var coverageProbability = 0.3
    /// The benefit-sharing rule; λ for the replication-robust one [DOMAIN §4.7: ln 2, assumed].
    public var rule = BundleRule.shapley
    public var robustness = 0.6931471805599453
    /// Exact Shapley values up to this many products, else M sampled permutations [DOMAIN §4.7: M = 200].
    public var exactUpTo = 10
    public var permutations = 200
    public init() {}

    /// The rule as the mechanism takes it.
    public var sharingRule: BenefitSharingRule {
      switch rule {
      case .shapley: return .shapley
      case .robustShapley: return .robustShapley(lambda: robustness)
      case .equal: return .equal
      case .standaloneProportional: return .standaloneProportional
      case .leaveOneOut: return .leaveOneOut
      }
    }
  }
  /// The scenario names of the benefit-sharing rules (M11).
  public enum BundleRule: String, Sendable, CaseIterable { case shapley, robustShapley, equal, standaloneProportional, leaveOneOut }

  public var periods = 60
  /// A twelfth of a 365-day year, so 12 periods are a year.
  public var periodDays = 365.0 / 12
  public var warmupPeriods = 12
  /// u: 0 fragmented … 1 unified.
  public var unification = 0.2
  public var visibilityFloor = 0.2          // v0
  public var crossRegionFixedCost = 5.0     // κ_x
  public var crossRegionCostRate = 0.05     // τ_x
  public var recognitionThreshold = 0.5     // u*
  public var qualityExponent = 1.5          // β_q
  public var benefitSigma = 0.8             // σ_Z
  public var badShare = 0.2                 // π_bad
  public var badShortfall = 0.6             // δ_bad
  /// d_sample: probability that inspecting a bad product's sample reveals it (M2).
  public var sampleDetection = 0.5
  public var dueDiligenceCost = 2.0         // κ_dd
  public var certificateDiligenceCut = 0.5  // θ_reg
  public var searchCost = 0.2
  public var domains = 4
  /// ν_B, ν_P: network-effect strengths; ε_B, ε_P: fee elasticities (M4).
  public var buyerNetworkEffect = 0.3
  public var providerNetworkEffect = 0.3
  public var buyerFeeElasticity = 5.0
  public var providerFeeElasticity = 5.0
  /// Listings at which a region's buyer arrival rate equals its configured λ_B,r.
  public var networkReferenceListings = 50.0
  /// Weight of staying off-exchange in a provider's listing choice (M4's outside option).
  public var offExchangeListingWeight = 0.5
  /// M5's multi-listing: a listed provider also lists at other regions' exchanges where that pays.
  public var multiListing = true
  public var offExchangeEnabled = true
  public var bargainingShare = 0.5          // θ_i off-exchange
  public var offExchangeDiligenceMultiple = 2.0
  /// The most price levels the books' windows may hold in all (``BookWindowLimit``): 2^29 of 8
  /// bytes, 4 GiB, five times what the baseline's books use under monopoly-priced public data
  /// (κ_cap = ∞: about 10^8 levels; 14,000 with its cap). Not a scenario key; tests lower it.
  var maximumBookLevels = 1 << 29
  /// Winning prices logged (24 bytes each) past which they go to the products' rings before the
  /// period ends (``DataMarketModel/flushWinningPrices()``), so that long periods keep the log
  /// small (1.5 MB); the rings, and so every output, are the same whatever it is. Not a scenario
  /// key; tests set it to 1, which writes each buyer's prices at once.
  var winningLogLimit = 1 << 16
  public var regions: [Region] = [
    // [I] rates: providers arrive slowly enough that each exchange's review queue (3 servers,
    // 10-day reviews, ~1.9 reviews per product) stays stable.
    Region(name: "East", buyerArrivalRate: 6, providerArrivalRate: 0.12, annotationBase: false),
    Region(name: "South", buyerArrivalRate: 5, providerArrivalRate: 0.10, annotationBase: false),
    Region(name: "North", buyerArrivalRate: 4, providerArrivalRate: 0.08, annotationBase: false),
    Region(name: "Southwest", buyerArrivalRate: 2, providerArrivalRate: 0.06, annotationBase: true),
  ]
  public var exchanges: [Exchange] = (0..<4).map { Exchange(name: ["SDE", "SZDEX", "BJDEX", "GBDEX"][$0], region: $0) }
  public var registry = Registry()
  public var providers = Providers()
  public var buyers = Buyers()
  public var contracts = Contracts()
  public var publicOperator = PublicOperator()
  public var readiness = Readiness()
  public var leakage = Leakage()
  public var bundles = Bundles()

  public init() {}

  /// Region r's buyer and provider arrival rates (per day) with the multipliers applied.
  public func buyerArrivalRate(_ r: Int) -> Double { regions[r].buyerArrivalRate * buyers.arrivalMultiplier }
  public func providerArrivalRate(_ r: Int) -> Double { regions[r].providerArrivalRate * providers.arrivalMultiplier }

  /// The permitted-profit MAR of the public operator.
  public var mar: Double {
    PublicDataPricing.maximumAllowableRevenue(allowedCost: publicOperator.allowedCost, assetBase: publicOperator.assetBase,
                                              permittedRate: publicOperator.bondYield + publicOperator.profitPremium,
                                              tax: publicOperator.tax)
  }
}
