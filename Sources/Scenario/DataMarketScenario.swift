import Market

/// The `dataMarket` scenario kind: DOMAIN.md §4. Sections `market`, `regions`, `exchanges`,
/// `registry`, `providers`, `buyers`, `contracts`, `publicOperator`; every key has the
/// DOMAIN.md §4.7 default and is listed in the README's scenario reference.
public enum DataMarketScenario {
  static func decode(_ root: inout ConfigReader) throws(ScenarioError) -> DataMarketConfig {
    var c = DataMarketConfig()
    var m = try root.object("market")
    c.periods = try m.integer("periods", default: c.periods, 1...10_000)
    c.periodDays = try m.number("periodDays", default: c.periodDays, .positive)
    c.warmupPeriods = try m.integer("warmupPeriods", default: c.warmupPeriods, 0...10_000)
    if c.warmupPeriods >= c.periods {
      throw .invalid(source: (m.raw("warmupPeriods") ?? m.node).source, path: m.path("warmupPeriods"),
                     expected: "fewer warm-up periods than market.periods (\(c.periods)): the summary needs a measured period",
                     found: String(c.warmupPeriods))
    }
    c.unification = try m.number("unification", default: c.unification, .unitInterval)
    c.visibilityFloor = try m.number("visibilityFloor", default: c.visibilityFloor, .unitInterval)
    c.crossRegionFixedCost = try m.number("crossRegionFixedCost", default: c.crossRegionFixedCost, .nonNegative)
    c.crossRegionCostRate = try m.number("crossRegionCostRate", default: c.crossRegionCostRate, .nonNegative)
    c.recognitionThreshold = try m.number("recognitionThreshold", default: c.recognitionThreshold, .unitInterval)
    c.qualityExponent = try m.number("qualityExponent", default: c.qualityExponent, .positive)
    c.benefitSigma = try m.number("benefitSigma", default: c.benefitSigma, .range(0, 5))
    c.badShare = try m.number("badShare", default: c.badShare, .unitInterval)
    c.badShortfall = try m.number("badShortfall", default: c.badShortfall, .range(0, 0.99))
    c.dueDiligenceCost = try m.number("dueDiligenceCost", default: c.dueDiligenceCost, .nonNegative)
    c.certificateDiligenceCut = try m.number("certificateDiligenceCut", default: c.certificateDiligenceCut, .unitInterval)
    c.searchCost = try m.number("searchCost", default: c.searchCost, .nonNegative)
    c.domains = try m.integer("domains", default: c.domains, 1...64)
    c.buyerNetworkEffect = try m.number("buyerNetworkEffect", default: c.buyerNetworkEffect, .nonNegative)
    c.providerNetworkEffect = try m.number("providerNetworkEffect", default: c.providerNetworkEffect, .nonNegative)
    c.buyerFeeElasticity = try m.number("buyerFeeElasticity", default: c.buyerFeeElasticity, .nonNegative)
    c.providerFeeElasticity = try m.number("providerFeeElasticity", default: c.providerFeeElasticity, .nonNegative)
    c.networkReferenceListings = try m.number("networkReferenceListings", default: c.networkReferenceListings, .nonNegative)
    c.offExchangeListingWeight = try m.number("offExchangeListingWeight", default: c.offExchangeListingWeight, .nonNegative)
    c.offExchangeEnabled = try m.bool("offExchange", default: c.offExchangeEnabled)
    c.bargainingShare = try m.number("bargainingShare", default: c.bargainingShare, .unitInterval)
    c.offExchangeDiligenceMultiple = try m.number("offExchangeDiligenceMultiple", default: c.offExchangeDiligenceMultiple, .nonNegative)
    try m.finish()

    if let regions = try root.array("regions") {
      guard !regions.isEmpty else { throw .invalid(source: root.node.source, path: "$.regions", expected: "at least one region", found: "an empty array") }
      c.regions = []
      for (i, n) in regions.enumerated() {
        var r = try ConfigReader(n, path: "$.regions[\(i)]")
        let name = try r.string("name", default: "R\(i)")
        if c.regions.contains(where: { $0.name == name }) {
          throw .invalid(source: n.source, path: r.path("name"), expected: "a region name not used before", found: "\"\(name)\"")
        }
        c.regions.append(.init(name: name, buyerArrivalRate: try r.number("buyerArrivalRate", default: 5, .nonNegative),
                               providerArrivalRate: try r.number("providerArrivalRate", default: 0.1, .nonNegative),
                               annotationBase: try r.bool("annotationBase", default: false)))
        try r.finish()
      }
    }
    let regionNames = c.regions.map(\.name)

    var ex = try root.object("exchanges")
    var defaults = DataMarketConfig.Exchange(name: "", region: 0)
    var d = try ex.object("defaults")
    try readExchange(&d, into: &defaults)
    try d.finish()
    if let list = try ex.array("list") {
      c.exchanges = []
      for (i, n) in list.enumerated() {
        var r = try ConfigReader(n, path: "$.exchanges.list[\(i)]")
        var e = defaults
        e.name = try r.string("name", default: "X\(i)")
        guard let regionNode = r.raw("region") else {
          throw .missing(source: n.source, path: r.path("region"), expected: "the name of one of the regions")
        }
        let regionName = try ConfigReader.string(regionNode, path: r.path("region"), allowed: regionNames)
        e.region = regionNames.firstIndex(of: regionName)!
        try readExchange(&r, into: &e)
        try r.finish()
        c.exchanges.append(e)
      }
    } else {
      c.exchanges = c.regions.indices.map { i in
        var e = defaults
        e.name = i < 4 && c.regions.count == 4 ? ["SDE", "SZDEX", "BJDEX", "GBDEX"][i] : "X\(i)"
        e.region = i
        return e
      }
    }
    try ex.finish()

    var g = try root.object("registry")
    c.registry.mode = DataMarketConfig.RegistryMode(rawValue: try g.string("mode", default: c.registry.mode.rawValue,
                                                                            allowed: DataMarketConfig.RegistryMode.allCases.map(\.rawValue)))!
    c.registry.fee = try g.number("fee", default: c.registry.fee, .nonNegative)
    c.registry.days = try g.number("days", default: c.registry.days, .nonNegative)
    c.registry.publicityDays = try g.number("publicityDays", default: c.registry.publicityDays, .nonNegative)
    c.registry.detection = try g.number("detection", default: c.registry.detection, .unitInterval)
    c.registry.firstSubmissionFailure = try g.number("firstSubmissionFailure", default: c.registry.firstSubmissionFailure, .unitInterval)
    c.registry.resubmissionPass = try g.number("resubmissionPass", default: c.registry.resubmissionPass, .unitInterval)
    c.registry.uptake = try g.number("uptake", default: c.registry.uptake, .unitInterval)
    c.registry.costPerRegistration = try g.number("costPerRegistration", default: c.registry.costPerRegistration, .nonNegative)
    try g.finish()

    var p = try root.object("providers")
    c.providers.fixedCostMedian = try p.number("fixedCostMedian", default: c.providers.fixedCostMedian, .positive)
    c.providers.fixedCostMean = try p.number("fixedCostMean", default: c.providers.fixedCostMean, .atLeast(c.providers.fixedCostMedian))
    c.providers.marginalCost = try p.number("marginalCost", default: c.providers.marginalCost, .nonNegative)
    c.providers.markup = try p.number("markup", default: c.providers.markup, .nonNegative)
    c.providers.expectedSales = try p.number("expectedSales", default: c.providers.expectedSales, .positive)
    c.providers.pricing = DataMarketConfig.PricingRule(rawValue: try p.string("pricing", default: c.providers.pricing.rawValue,
                                                                                allowed: DataMarketConfig.PricingRule.allCases.map(\.rawValue)))!
    c.providers.adaptiveRate = try p.number("adaptiveRate", default: c.providers.adaptiveRate, .nonNegative)
    c.providers.targetConversion = try p.number("targetConversion", default: c.providers.targetConversion, .unitInterval)
    c.providers.qualityAlpha = try p.number("qualityAlpha", default: c.providers.qualityAlpha, .positive)
    c.providers.qualityBeta = try p.number("qualityBeta", default: c.providers.qualityBeta, .positive)
    c.providers.readinessAlpha = try p.number("readinessAlpha", default: c.providers.readinessAlpha, .positive)
    c.providers.readinessBeta = try p.number("readinessBeta", default: c.providers.readinessBeta, .positive)
    c.providers.riskAversion = try p.number("riskAversion", default: c.providers.riskAversion, .nonNegative)
    c.providers.wealth = try p.number("wealth", default: c.providers.wealth, .positive)
    c.providers.limitedShare = try p.number("limitedShare", default: c.providers.limitedShare, .unitInterval)
    c.providers.licenceLimit = try p.integer("licenceLimit", default: c.providers.licenceLimit, 1...1_000_000)
    try p.finish()

    var b = try root.object("buyers")
    c.buyers.dealMedian = try b.number("dealMedian", default: c.buyers.dealMedian, .positive)
    c.buyers.dealMean = try b.number("dealMean", default: c.buyers.dealMean, .atLeast(c.buyers.dealMedian))
    c.buyers.riskAversion = try b.number("riskAversion", default: c.buyers.riskAversion, .nonNegative)
    c.buyers.wealthMultiple = try b.number("wealthMultiple", default: c.buyers.wealthMultiple, .positive)
    c.buyers.patienceDays = try b.number("patienceDays", default: c.buyers.patienceDays, .nonNegative)
    c.buyers.considerationSetSize = try b.integer("considerationSetSize", default: c.buyers.considerationSetSize, 1...100_000)
    c.buyers.firmsPerRegion = try b.integer("firmsPerRegion", default: c.buyers.firmsPerRegion, 1...100_000)
    if let segments = try b.array("segments") {
      c.buyers.segments = []
      for (i, n) in segments.enumerated() {
        var s = try ConfigReader(n, path: "$.buyers.segments[\(i)]")
        let name = try s.string("name", default: "segment\(i)")
        c.buyers.segments.append(.init(name: name, share: try s.number("share", default: 1, .nonNegative),
                                       readinessWeight: try s.number("readinessWeight", default: 0.3, .unitInterval),
                                       publicPurpose: try s.bool("publicPurpose", default: false),
                                       ai: try s.bool("ai", default: name == "ai")))
        try s.finish()
      }
      if c.buyers.segments.reduce(0, { $0 + $1.share }) <= 0 {
        throw .invalid(source: root.node.source, path: "$.buyers.segments", expected: "shares with a positive sum", found: "all zero")
      }
    }
    try b.finish()

    var k = try root.object("contracts")
    if let allowed = try k.array("allowed") {
      c.contracts.allowed = []
      for (i, n) in allowed.enumerated() {
        let t = try ConfigReader.string(n, path: "$.contracts.allowed[\(i)]", allowed: ContractType.allCases.map(\.rawValue))
        c.contracts.allowed.append(ContractType(rawValue: t)!)
      }
      if c.contracts.allowed.isEmpty {
        throw .invalid(source: root.node.source, path: "$.contracts.allowed", expected: "at least one contract type", found: "an empty array")
      }
    }
    c.contracts.upfrontShare = try k.number("upfrontShare", default: c.contracts.upfrontShare, .unitInterval)
    c.contracts.termPeriods = try k.integer("termPeriods", default: c.contracts.termPeriods, 2...1_000)
    c.contracts.outcomeQuantile = try k.number("outcomeQuantile", default: c.contracts.outcomeQuantile, .positive)
    c.contracts.expectedUses = try k.number("expectedUses", default: c.contracts.expectedUses, .positive)
    c.contracts.benefitDelayDays = try k.number("benefitDelayDays", default: c.contracts.benefitDelayDays, .nonNegative)
    c.contracts.misreportingOn = try k.number("misreportingOn", default: c.contracts.misreportingOn, .range(0, 0.99))
    c.contracts.misreportingOff = try k.number("misreportingOff", default: c.contracts.misreportingOff, .range(0, 0.99))
    c.contracts.recovery = try k.number("recovery", default: c.contracts.recovery, .unitInterval)
    try k.finish()

    var o = try root.object("publicOperator")
    c.publicOperator.enabled = try o.bool("enabled", default: c.publicOperator.enabled)
    if let rn = o.raw("region") {
      let name = try ConfigReader.string(rn, path: o.path("region"), allowed: regionNames)
      c.publicOperator.region = regionNames.firstIndex(of: name)!
    }
    c.publicOperator.products = try o.integer("products", default: c.publicOperator.products, 0...100_000)
    c.publicOperator.allowedCost = try o.number("allowedCost", default: c.publicOperator.allowedCost, .nonNegative)
    c.publicOperator.assetBase = try o.number("assetBase", default: c.publicOperator.assetBase, .nonNegative)
    c.publicOperator.bondYield = try o.number("bondYield", default: c.publicOperator.bondYield, .range(0, 1))
    c.publicOperator.profitPremium = try o.number("profitPremium", default: c.publicOperator.profitPremium, .range(0, 0.06))
    c.publicOperator.tax = try o.number("tax", default: c.publicOperator.tax, .nonNegative)
    c.publicOperator.capMultiple = try o.number("capMultiple", default: c.publicOperator.capMultiple, .range(0, .infinity))
    c.publicOperator.expectedVolume = try o.number("expectedVolume", default: c.publicOperator.expectedVolume, .positive)
    try o.finish()
    return c
  }

  static func readExchange(_ r: inout ConfigReader, into e: inout DataMarketConfig.Exchange) throws(ScenarioError) {
    e.sellerFeeRate = try r.number("sellerFeeRate", default: e.sellerFeeRate, .unitInterval)
    e.buyerFeeRate = try r.number("buyerFeeRate", default: e.buyerFeeRate, .unitInterval)
    e.membershipFee = try r.number("membershipFee", default: e.membershipFee, .nonNegative)
    e.listingFee = try r.number("listingFee", default: e.listingFee, .nonNegative)
    e.reviewFee = try r.number("reviewFee", default: e.reviewFee, .nonNegative)
    e.reviewServers = try r.integer("reviewServers", default: e.reviewServers, 1...10_000)
    e.reviewDays = try r.number("reviewDays", default: e.reviewDays, .positive)
    e.detection = try r.number("detection", default: e.detection, .unitInterval)
    e.firstSubmissionFailure = try r.number("firstSubmissionFailure", default: e.firstSubmissionFailure, .unitInterval)
    e.resubmissionPass = try r.number("resubmissionPass", default: e.resubmissionPass, .unitInterval)
    e.fixedCostPerPeriod = try r.number("fixedCostPerPeriod", default: e.fixedCostPerPeriod, .nonNegative)
    e.costPerTrade = try r.number("costPerTrade", default: e.costPerTrade, .nonNegative)
    e.reviewCost = try r.number("reviewCost", default: e.reviewCost, .nonNegative)
  }
}
