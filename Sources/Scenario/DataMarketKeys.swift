import Market

/// Every key of the `dataMarket` scenario kind, declared once (ScenarioKey): decoding, errors,
/// `datamarket keys dataMarket` and the README's reference all come from these tables. Money in
/// RMB 10,000 ("wan"), time in days, rates per day. Defaults are `DataMarketConfig()`'s; a
/// source in brackets is DOMAIN's ([S17] …), "assumed" marks an illustrative default. Upper
/// bounds keep every value finite inside the model.
enum DataMarketKeys {
  typealias Key = ScenarioKey<DataMarketConfig>
  static let money = "RMB 10,000"
  static let maxMoney = NumberRule.range(0, 1e7)           // up to RMB 100 bn
  static let maxRate = NumberRule.range(0, 10_000)         // per day

  /// `market.*`.
  static var market: [Key] {
    let s = "market"
    return [
      .integer(s, "periods", \.periods, 1...10_000, unit: "periods", symbol: "T", "reporting periods simulated (five years of months; assumed)"),
      .number(s, "periodDays", \.periodDays, .range(1, 366), unit: "days", "length of a period (a month: 365/12); a year is 365 days"),
      .integer(s, "warmupPeriods", \.warmupPeriods, 0...9_999, unit: "periods", "periods left out of summary.csv (fewer than periods; a year for prices and entry to settle, assumed)"),
      .number(s, "unification", \.unification, .unitInterval, symbol: "u", "0 fragmented regional markets … 1 one national market (0.2: still mostly regional; assumed)"),
      .number(s, "visibilityFloor", \.visibilityFloor, .unitInterval, symbol: "v0",
              "visibility of another region's listing at u = 0; v0 + (1 − v0)u in general (assumed)"),
      .number(s, "crossRegionFixedCost", \.crossRegionFixedCost, maxMoney, unit: money, symbol: "κ_x",
              "cross-region friction (1 − u)(κ_x + τ_x p) per trade (assumed)"),
      .number(s, "crossRegionCostRate", \.crossRegionCostRate, .range(0, 10), unit: "share of price", symbol: "τ_x",
              "cross-region friction per unit of price (assumed)"),
      .number(s, "recognitionThreshold", \.recognitionThreshold, .unitInterval, symbol: "u*",
              "regional certificates are recognised elsewhere iff u ≥ u* (assumed)"),
      .number(s, "qualityExponent", \.qualityExponent, .range(0.01, 20), symbol: "β_q", "value ∝ quality^β_q (assumed)"),
      .number(s, "benefitSigma", \.benefitSigma, .range(0, 5), symbol: "σ_Z", "log-sd of the benefit shock Z (assumed)"),
      .number(s, "badShare", \.badShare, .unitInterval, symbol: "π_bad", "share of private products that are bad (assumed)"),
      .number(s, "badShortfall", \.badShortfall, .range(0, 0.99), symbol: "δ_bad",
              "a bad product's true quality is its claim × (1 − δ_bad) (assumed)"),
      .number(s, "sampleDetection", \.sampleDetection, .unitInterval, symbol: "d_sample",
              "probability that a buyer inspecting a bad product's sample finds it bad (assumed)"),
      .number(s, "dueDiligenceCost", \.dueDiligenceCost, maxMoney, unit: money, symbol: "κ_dd", "buyer's due diligence per trade (assumed)"),
      .number(s, "certificateDiligenceCut", \.certificateDiligenceCut, .unitInterval, symbol: "θ_reg",
              "share of κ_dd a recognised certificate saves (assumed)"),
      .number(s, "searchCost", \.searchCost, maxMoney, unit: money, symbol: "s_search", "buyer's search cost per trade (assumed)"),
      .integer(s, "domains", \.domains, 1...64, unit: "dimensions", "dimensions of the domain vectors behind Fit (assumed)"),
      .number(s, "buyerNetworkEffect", \.buyerNetworkEffect, .range(0, 100), symbol: "ν_B",
              "a region's buyer arrivals scale with 1 + ν_B ln(1 + listed products its buyers see: at its exchanges + v × the rest) (assumed)"),
      .number(s, "providerNetworkEffect", \.providerNetworkEffect, .range(0, 100), symbol: "ν_P",
              "exchange choice ∝ 1 + ν_P ln(1 + its trades this period so far) (assumed)"),
      .number(s, "buyerFeeElasticity", \.buyerFeeElasticity, .range(0, 1_000), symbol: "ε_B",
              "a buyer uses an exchange with probability e^{−ε_B φ_b} (assumed)"),
      .number(s, "providerFeeElasticity", \.providerFeeElasticity, .range(0, 1_000), symbol: "ε_P",
              "exchange choice ∝ e^{−ε_P(φ_s + (L_e + f_rev)/(N̂p))}; registration × e^{−ε_P f_g/(N̂p)} (assumed)"),
      .number(s, "networkReferenceListings", \.networkReferenceListings, .range(0, 1e6), unit: "products",
              "listed products a region's buyers see (those at its exchanges + v × the rest) at which its buyer rate is as configured (assumed)"),
      .number(s, "offExchangeListingWeight", \.offExchangeListingWeight, .range(0, 1e6),
              "weight of staying off-exchange in a provider's exchange choice (assumed)"),
      .bool(s, "multiListing", \.multiListing,
            "a listed product also lists at other regions' exchanges where the margin on the buyers it newly reaches covers (1 − u)(L_e + f_rev) (M5; one review counts everywhere iff u ≥ u*; on: the complete model, assumed)"),
      .bool(s, "offExchange", \.offExchangeEnabled, "bilateral (off-exchange) deals on or off (on: the complete model; assumed)"),
      .number(s, "bargainingShare", \.bargainingShare, .unitInterval, symbol: "θ_i",
              "provider's share of the surplus in a bilateral deal, p = c + θ(E[v] − c − TC) (assumed)"),
      .number(s, "offExchangeDiligenceMultiple", \.offExchangeDiligenceMultiple, .range(0, 1_000),
              "due diligence off-exchange as a multiple of κ_dd (assumed)"),
    ]
  }

  /// `registry.*` (DOMAIN §2.2).
  static var registry: [Key] {
    let s = "registry"
    return [
      .choice(s, "mode", \.registry.mode, "property-rights registry: off, regional (recognised elsewhere iff u ≥ u*) or national (regional; assumed)"),
      .number(s, "fee", \.registry.fee, maxMoney, unit: money, symbol: "f_g", "registration fee per submission (assumed)"),
      .number(s, "days", \.registry.days, .range(0, 3_650), unit: "days", symbol: "T_g", "examination delay (assumed)"),
      .number(s, "publicityDays", \.registry.publicityDays, .range(0, 3_650), unit: "days", "publicity period after examination (assumed)"),
      .number(s, "detection", \.registry.detection, .unitInterval, symbol: "d_g", "probability a bad product is caught (assumed)"),
      .number(s, "firstSubmissionFailure", \.registry.firstSubmissionFailure, .unitInterval, symbol: "p_fail1",
              "first submissions failing examination [S8: 91% at SZDEX]"),
      .number(s, "resubmissionPass", \.registry.resubmissionPass, .unitInterval, "pass rate of the one resubmission (assumed)"),
      .number(s, "uptake", \.registry.uptake, .unitInterval, "share of providers who would apply at a zero fee (assumed)"),
      .number(s, "costPerRegistration", \.registry.costPerRegistration, maxMoney, unit: money,
              "registry's real cost per submission (assumed)"),
    ]
  }

  /// `providers.*` (M2, M3).
  static var providers: [Key] {
    let s = "providers"
    return [
      .number(s, "fixedCostMedian", \.providers.fixedCostMedian, .range(1e-6, 1e7), unit: money, symbol: "F",
              "median fixed cost of making a product, lognormal (assumed)"),
      .number(s, "fixedCostMean", \.providers.fixedCostMean, .range(1e-6, 1e7), unit: money, "mean fixed cost (≥ the median; assumed)"),
      .number(s, "marginalCost", \.providers.marginalCost, .range(0, 1e6), unit: money, symbol: "c", "cost of serving one licence (assumed)"),
      .number(s, "markup", \.providers.markup, .range(0, 100), symbol: "m", "cost-plus markup p = (1 + m)(F/N̂ + c) (assumed)"),
      .number(s, "expectedSales", \.providers.expectedSales, .range(0.01, 1e7), unit: "licences", symbol: "N̂",
              "sales over which F is recovered (assumed)"),
      .choice(s, "pricing", \.providers.pricing,
              "valueBased (profit-maximising against observed winning prices, learned each period), costPlus, or adaptive p ← clamp(p·e^{η(s − s*)}) (valueBased, M3; assumed)"),
      .number(s, "priceLearningWeight", \.providers.priceLearningWeight, .unitInterval,
              "value-based pricing: weight of the period's optimal price in the (log) update (assumed)"),
      .integer(s, "demandMemory", \.providers.demandMemory, 1...10_000, unit: "buyers",
               "value-based pricing: recent buyers' winning prices a provider remembers (assumed)"),
      .number(s, "priorFit", \.providers.priorFit, .unitInterval,
              "value-based pricing: a new provider's expected Fit of a buyer who considers it (assumed)"),
      .number(s, "adaptiveRate", \.providers.adaptiveRate, .range(0, 10), symbol: "η", "adaptive pricing step per period (assumed)"),
      .number(s, "targetConversion", \.providers.targetConversion, .unitInterval, symbol: "s*",
              "conversion (sales per view) adaptive pricing aims at (assumed)"),
      .number(s, "qualityAlpha", \.providers.qualityAlpha, .range(0.01, 1_000), "quality q ~ Beta(α, β): α (assumed)"),
      .number(s, "qualityBeta", \.providers.qualityBeta, .range(0.01, 1_000), "quality q ~ Beta(α, β): β (assumed)"),
      .number(s, "readinessAlpha", \.providers.readinessAlpha, .range(0.01, 1_000), "AI-readiness a ~ Beta(α, β): α (assumed)"),
      .number(s, "readinessBeta", \.providers.readinessBeta, .range(0.01, 1_000), "AI-readiness a ~ Beta(α, β): β (assumed)"),
      .number(s, "riskAversion", \.providers.riskAversion, .range(0, 1_000), symbol: "γ_P", "providers' risk aversion (assumed)"),
      .number(s, "wealth", \.providers.wealth, .range(1e-3, 1e9), unit: money, symbol: "W_i", "providers' wealth in CE = E − γ/(2W)Var (assumed)"),
      .number(s, "limitedShare", \.providers.limitedShare, .unitInterval, "share of products sold as K limited licences (assumed)"),
      .integer(s, "licenceLimit", \.providers.licenceLimit, 1...1_000_000, unit: "licences", symbol: "K",
               "licences of a limited product, sold by call auction (assumed)"),
      .number(s, "sampleShare", \.providers.sampleShare, .unitInterval,
              "share of private products offering a free sample or trial that buyers inspect (assumed)"),
      .number(s, "arrivalMultiplier", \.providers.arrivalMultiplier, .range(0, 10_000),
              "multiplies every region's provider arrival rate λ_P,r (assumed 1)"),
      .bool(s, "versioning", \.providers.versioning,
            "M3's optional versions (Varian 1997): a provider of an unlimited private product with a > a_L may also post a basic version of readiness a_L, priced so the segment valuing readiness most is indifferent, and does when that pays against the demand it observes (assumed off)"),
      .number(s, "basicReadiness", \.providers.basicReadiness, .unitInterval, symbol: "a_L",
              "readiness of the basic version (0: raw data, no AI preparation; assumed)"),
      .bool(s, "endogenousEntry", \.providers.endogenousEntry,
            "after the warm-up an arriving provider enters only if H·r̂·q̃^β/E[q^β] − F − fees > 0 (M12; on: the complete model, assumed)"),
      .bool(s, "exit", \.providers.exitEnabled, "providers exit after N_win periods of losses below −X_exit or without a sale (M12; on: the complete model, assumed)"),
      .integer(s, "planningHorizonPeriods", \.providers.planningHorizonPeriods, 1...10_000, unit: "periods", symbol: "H",
               "periods over which an entrant expects its region's income per provider (assumed)"),
      .number(s, "upkeepPerPeriod", \.providers.upkeepPerPeriod, .range(0, 1e6), unit: money,
              "hosting, maintenance and compliance per active provider and period (assumed)"),
      .integer(s, "exitWindowPeriods", \.providers.exitWindowPeriods, 1...1_000, unit: "periods", symbol: "N_win",
               "periods over which exit is judged (assumed)"),
      .number(s, "exitLoss", \.providers.exitLoss, .range(0, 1e7), unit: money, symbol: "X_exit",
              "operating loss over N_win periods that makes a provider exit (assumed)"),
    ]
  }

  /// `buyers.*` (M1, M5, M7).
  static var buyers: [Key] {
    let s = "buyers"
    return [
      .number(s, "valueMedian", \.buyers.valueMedian, .range(1e-6, 1e7), unit: money, symbol: "V_j",
              "median of the buyer's value scale V_j, lognormal (assumed: S18's deal-size median; deals are prices, a fraction of V_j — calibrate, docs/calibration.md)"),
      .number(s, "valueMean", \.buyers.valueMean, .range(1e-6, 1e9), unit: money, "mean of V_j, ≥ the median (assumed: S18's deal-size mean 1.1 bn/415 ≈ 265)"),
      .number(s, "riskAversion", \.buyers.riskAversion, .range(0, 1_000), symbol: "γ_B", "buyers' risk aversion (assumed)"),
      .number(s, "wealthMultiple", \.buyers.wealthMultiple, .range(1e-3, 1e6), symbol: "W_j/V_j", "buyer wealth as a multiple of its scale (assumed)"),
      .number(s, "patienceDays", \.buyers.patienceDays, .range(0, 3_650), unit: "days", symbol: "τ_j",
              "how long an unmatched bid waits (assumed)"),
      .number(s, "arrivalMultiplier", \.buyers.arrivalMultiplier, .range(0, 10_000),
              "multiplies every region's buyer arrival rate λ_B,r: the market's size (calibrated; assumed 1)"),
      .integer(s, "considerationSetSize", \.buyers.considerationSetSize, 1...10_000, unit: "listings",
               "listings a buyer samples (a third as many bilateral offers; assumed)"),
      .integer(s, "firmsPerRegion", \.buyers.firmsPerRegion, 1...100_000, unit: "firms",
               "buyer firms per region; each pays an exchange's membership once a year (assumed)"),
    ]
  }

  /// `contracts.*` (M7).
  static var contracts: [Key] {
    let s = "contracts"
    return [
      .number(s, "upfrontShare", \.contracts.upfrontShare, .unitInterval, symbol: "p0/p", "upfront share of REVSHARE, OUTCOME, USAGE (assumed)"),
      .integer(s, "termPeriods", \.contracts.termPeriods, 2...1_000, unit: "periods", "SUBSCRIPTION term (assumed)"),
      .number(s, "outcomeQuantile", \.contracts.outcomeQuantile, .range(1e-3, 100), symbol: "y*",
              "OUTCOME threshold as a multiple of the expected reported benefit (assumed)"),
      .number(s, "expectedUses", \.contracts.expectedUses, .range(1e-3, 1e6), unit: "uses", symbol: "u0", "USAGE expected uses (assumed)"),
      .number(s, "benefitDelayDays", \.contracts.benefitDelayDays, .range(0, 3_650), unit: "days",
              "from signing to the benefit's realisation (assumed)"),
      .number(s, "misreportingOn", \.contracts.misreportingOn, .range(0, 0.99), symbol: "h_on",
              "mean share of benefit unreported on-exchange (assumed)"),
      .number(s, "misreportingOff", \.contracts.misreportingOff, .range(0, 0.99), symbol: "h_off",
              "mean share of benefit unreported off-exchange (assumed)"),
      .number(s, "recovery", \.contracts.recovery, .unitInterval, symbol: "ρ_rec", "share of a defaulted payment recovered (assumed)"),
      .number(s, "optionPremiumShare", \.contracts.optionPremiumShare, .unitInterval, symbol: "o/p",
              "OPTION premium paid at signing as a share of the price (assumed)"),
      .number(s, "trialDetection", \.contracts.trialDetection, .unitInterval, symbol: "d_trial",
              "probability that an OPTION's trial finds a bad product bad (assumed)"),
    ]
  }

  /// `readiness.*` (M10).
  static var readiness: [Key] {
    let s = "readiness"
    return [
      .bool(s, "investment", \.readiness.investment, "providers invest in AI-readiness when it pays (M10; on: the complete model; assumed)"),
      .number(s, "subsidy", \.readiness.subsidy, .unitInterval, symbol: "σ_sub",
              "share of a readiness investment the government pays (assumed; the W6 what-if sweeps 0, 0.3, 0.5)"),
      .number(s, "lowInvestment", \.readiness.lowInvestment, .range(0, 1e7), unit: money, symbol: "I_lo", "the smaller investment (assumed)"),
      .number(s, "highInvestment", \.readiness.highInvestment, .range(0, 1e7), unit: money, symbol: "I_hi", "the larger investment (assumed)"),
      .number(s, "scale", \.readiness.scale, .range(1e-6, 1e7), unit: money, symbol: "I0",
              "a' = a + (1 − a)(1 − e^{−I/(I0·annoMult_r)}) (assumed)"),
      .number(s, "annotationMultiplier", \.readiness.annotationMultiplier, .range(1e-3, 100), symbol: "annoMult",
              "I0's multiplier in annotation-base regions: below 1 is cheaper annotation [S32 for the bases; 0.7 assumed]"),
      .number(s, "captureShare", \.readiness.captureShare, .unitInterval, symbol: "ρ_cap",
              "share of buyers' value gain a provider expects to capture in price (assumed)"),
      .number(s, "aiReadyThreshold", \.readiness.aiReadyThreshold, .unitInterval,
              "readiness at which a product is certified AI-ready (assumed)"),
      .bool(s, "certifiedOnly", \.readiness.certifiedOnly,
            "buyers see readiness only through AI-ready certification (uncertified: the prior mean below the threshold; on, assumed)"),
    ]
  }

  /// `bundles.*` (M11).
  static var bundles: [Key] {
    let s = "bundles"
    return [
      .number(s, "share", \.bundles.share, .unitInterval, "share of arriving buyers who need a bundle of products (assumed)"),
      .integer(s, "maxSize", \.bundles.maxSize, 1...20, unit: "products", "most products in a bundle (assumed)"),
      .integer(s, "features", \.bundles.features, 1...64, unit: "features", symbol: "F", "features of the coverage game, μ_f = 1/F (assumed)"),
      .number(s, "coverageProbability", \.bundles.coverageProbability, .unitInterval,
              "probability that a product covers a feature, at a level U(0.5, 1) (assumed)"),
      .choice(s, "rule", \.bundles.rule,
              "how a bundle's price is shared: shapley, robustShapley (Agarwal, Dahleh & Sarkar 2019), equal, standaloneProportional, leaveOneOut (shapley, M11; assumed)"),
      .number(s, "robustness", \.bundles.robustness, .range(0, 100), symbol: "λ",
              "robust split ψ_k ∝ φ_k·e^{−λ Σ_l sim(k, l)} (assumed)"),
      .integer(s, "exactUpTo", \.bundles.exactUpTo, 1...12, unit: "products", "exact Shapley values up to this many products (2^n coalitions each bundle; sampled above; 10: about 10^4 operations, assumed)"),
      .integer(s, "permutations", \.bundles.permutations, 1...100_000, symbol: "M", "sampled permutations above it (assumed)"),
    ]
  }

  /// `leakage.*` (M9).
  static var leakage: [Key] {
    let s = "leakage"
    return [
      .bool(s, "enabled", \.leakage.enabled, "sold copies may leak (M9; on: the complete model; assumed)"),
      .number(s, "onExchange", \.leakage.onExchange, .unitInterval, symbol: "ℓ_on",
              "probability that a copy sold on an exchange leaks in a period (assumed)"),
      .number(s, "offExchange", \.leakage.offExchange, .unitInterval, symbol: "ℓ_off",
              "the same for a copy sold off-exchange (assumed)"),
      .number(s, "substituteShare", \.leakage.substituteShare, .unitInterval, symbol: "χ",
              "share of a leaked product's potential buyers who get a free substitute (assumed)"),
      .number(s, "enforcement", \.leakage.enforcement, .unitInterval, symbol: "e_g",
              "probability that a registered product's provider stops a leak (assumed)"),
      .number(s, "damagesMultiple", \.leakage.damagesMultiple, .range(0, 1e6),
              "damages on enforcement, as a multiple of the product's price (assumed)"),
      .integer(s, "stalePeriods", \.leakage.stalePeriods, 1...10_000, unit: "periods",
               "a leaked copy substitutes for the product this long, then is stale (assumed)"),
    ]
  }

  /// `publicOperator.*` (M8).
  static var publicOperator: [Key] {
    let s = "publicOperator"
    return [
      .bool(s, "enabled", \.publicOperator.enabled, "the public-data operator on or off (on: the complete model; assumed)"),
      .integer(s, "products", \.publicOperator.products, 0...100_000, unit: "products", "public-data products it lists (assumed)"),
      .number(s, "allowedCost", \.publicOperator.allowedCost, maxMoney, unit: "RMB 10,000 per year", symbol: "C_o",
              "allowed operating cost (assumed)"),
      .number(s, "assetBase", \.publicOperator.assetBase, maxMoney, unit: money, symbol: "K_o", "asset base of the permitted return (assumed)"),
      .number(s, "bondYield", \.publicOperator.bondYield, .range(0, 1), symbol: "y10", "10-year government bond yield: the rule is [S10], the level assumed"),
      .number(s, "profitPremium", \.publicOperator.profitPremium, .range(0, 0.06), symbol: "δ", "permitted premium, ≤ 0.06 [S10]"),
      .number(s, "tax", \.publicOperator.tax, maxMoney, unit: "RMB 10,000 per year", "taxes in MAR = C_o + (y10 + δ)K_o + tax (0, assumed)"),
      .number(s, "capMultiple", \.publicOperator.capMultiple, .positiveOrInfiniteFrom0, symbol: "κ_cap",
              "caps at κ_cap × the guide price MAR/Q̂; Infinity = no cap: last cycle's revenue-maximising price, within the clawback (1: the guide price; assumed)"),
      .number(s, "expectedVolume", \.publicOperator.expectedVolume, .range(1e-3, 1e9), unit: "sales per year", symbol: "Q̂",
              "first year's expected commercial sales; then moves halfway to each year's realised volume (assumed)"),
    ]
  }

  /// `exchanges.defaults.*` and every `exchanges.list[]` entry (M4, review).
  static var exchange: [ScenarioKey<DataMarketConfig.Exchange>] {
    let s = "exchanges.defaults"
    return [
      .number(s, "sellerFeeRate", \.sellerFeeRate, .unitInterval, unit: "share of price", symbol: "φ_s", "seller fee [S17: 2.5%]"),
      .number(s, "buyerFeeRate", \.buyerFeeRate, .unitInterval, unit: "share of price", symbol: "φ_b", "buyer fee (assumed 0)"),
      .number(s, "membershipFee", \.membershipFee, .range(0, 1e6), unit: money, symbol: "m_b",
              "buyer membership fee [S17: SDE's RMB 9,980, one-time], charged once a year per firm and exchange (assumed)"),
      .number(s, "listingFee", \.listingFee, .range(0, 1e6), unit: money, symbol: "L_e", "listing fee (assumed)"),
      .number(s, "reviewFee", \.reviewFee, .range(0, 1e6), unit: money, symbol: "f_rev", "compliance-review fee per submission (assumed)"),
      .integer(s, "reviewServers", \.reviewServers, 1...10_000, unit: "reviewers", "reviews in parallel (assumed)"),
      .number(s, "reviewDays", \.reviewDays, .range(1e-3, 3_650), unit: "days", symbol: "T_rev", "mean review time, exponential (assumed)"),
      .number(s, "detection", \.detection, .unitInterval, symbol: "d_e", "probability review catches a bad product (assumed)"),
      .number(s, "firstSubmissionFailure", \.firstSubmissionFailure, .unitInterval, symbol: "p_fail1",
              "first submissions failing review (assumed from [S8]'s 91% for registration at SZDEX)"),
      .number(s, "resubmissionPass", \.resubmissionPass, .unitInterval, "pass rate of the one resubmission (assumed)"),
      .number(s, "fixedCostPerPeriod", \.fixedCostPerPeriod, .range(0, 1e7), unit: "RMB 10,000 per period", symbol: "C_e",
              "exchange's operating cost (assumed)"),
      .number(s, "costPerTrade", \.costPerTrade, .range(0, 1e6), unit: money, symbol: "c_e", "exchange's cost per trade (assumed)"),
      .number(s, "reviewCost", \.reviewCost, .range(0, 1e6), unit: money, symbol: "c_rev", "exchange's cost per review (assumed)"),
    ]
  }

  /// `regions[]` entries.
  static var region: [ScenarioKey<DataMarketConfig.Region>] {
    let s = "regions[]"
    return [
      .number(s, "buyerArrivalRate", \.buyerArrivalRate, maxRate, unit: "per day", symbol: "λ_B,r", "buyer arrivals (assumed)"),
      .number(s, "providerArrivalRate", \.providerArrivalRate, maxRate, unit: "per day", symbol: "λ_P,r", "provider arrivals (assumed)"),
      .bool(s, "annotationBase", \.annotationBase,
            "one of the seven data-annotation base regions [S32]: readiness investment there costs annoMult × as much (M10)"),
    ]
  }

  /// `buyers.segments[]` entries.
  static var segment: [ScenarioKey<DataMarketConfig.Segment>] {
    let s = "buyers.segments[]"
    return [
      .number(s, "share", \.share, .range(0, 1e6), "relative share of arrivals (normalised; assumed 30/30/25/15)"),
      .number(s, "readinessWeight", \.readinessWeight, .unitInterval, symbol: "ω_j", "weight of AI-readiness in value (AI 0.8, others 0.3; assumed)"),
      .bool(s, "publicPurpose", \.publicPurpose, "public-interest uses of public data are free"),
      .bool(s, "ai", \.ai, "counts in the ai_* metrics (default: the segment named \"ai\")"),
    ]
  }
}

extension NumberRule {
  /// ≥ 0 or Infinity (κ_cap).
  static var positiveOrInfiniteFrom0: NumberRule { .range(0, .infinity) }
}
