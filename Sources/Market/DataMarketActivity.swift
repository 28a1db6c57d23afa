import Simulation

/// Activity counts of one period for one scope (national, a buyer region, or an exchange).
public struct DataMarketActivity: Sendable, Equatable {
  public var buyerArrivals = 0
  public var trades = 0
  public var onExchangeTrades = 0
  public var crossRegionTrades = 0
  public var gmv = 0.0
  public var onExchangeGMV = 0.0
  public var crossRegionGMV = 0.0
  public var timeToMatchDays = 0.0
  public var badTrades = 0
  public var aiTrades = 0
  public var aiGMV = 0.0
  public var publicCommercialTrades = 0
  public var publicFreeUses = 0
  public var readinessSum = 0.0
  public var pricePerQuality = RunningStatistics()
  public var contractCounts = ContractTypeCounts()
  /// Contracts in bad products by type (M2's screening by contract design).
  public var badContractCounts = ContractTypeCounts()
  /// Bad products revealed to a buyer by its sample inspection.
  public var sampleReveals = 0
  /// Σ E[Y] at true quality of paid trades, and of paid on-exchange trades (the price-to-benefit
  /// ratios' denominators).
  public var paidBenefit = 0.0
  public var onExchangePaidBenefit = 0.0
  /// p / E[Y] of each paid on-exchange trade (its mean is free of the few largest buyers' weight).
  public var onExchangePriceToBenefitPerTrade = RunningStatistics()
  /// Σ over arriving buyers of max(0, max over the offers it considered of v(true q) − c): the
  /// surplus attainable from what each buyer saw; and Σ (E[Y] − c) of the trades signed.
  /// M12: providers who entered, who stayed out (expected profit ≤ 0), who exited.
  /// M10: readiness investments made, and their total I; paid trades of certified AI-ready products.
  public var readinessInvestments = 0
  public var readinessInvestment = 0.0
  public var aiReadyTrades = 0
  /// M3's versions: trades of basic versions, and their GMV.
  public var basicVersionTrades = 0
  public var basicVersionGMV = 0.0
  /// M9: leak events, leaks stopped by enforcement and the damages paid, free substitute uses,
  /// and the sales they replaced at the product's price.
  public var leaks = 0
  public var enforcements = 0
  public var damages = 0.0
  public var leakedUses = 0
  public var leakageLostRevenue = 0.0
  /// M11: bundles sold, their GMV, and per bundle the Gini of its payouts and the replication
  /// gain of its largest share.
  public var bundleSales = 0
  /// Contracts of bundle buyers beyond the first (a bundle is one buyer matched, one contract per
  /// provider): trades − this is the number of buyers matched.
  public var extraBundleContracts = 0
  public var bundleGMV = 0.0
  public var bundlePayoutGini = RunningStatistics()
  public var bundleReplicationGain = RunningStatistics()
  public var providerEntries = 0
  public var deterredEntrants = 0
  public var providerExits = 0
  public var attainableSurplus = 0.0
  public var tradeSurplus = 0.0
  public var defaults = 0
  public var settlements = 0
  public var listingsApproved = 0
  /// Listings approved at a product's further exchanges (M5's multi-listing), within `listingsApproved`.
  public var secondaryListings = 0
  public var reviewsDone = 0
  public var reviewRejections = 0
  public var registrationsApplied = 0
  public var registrationsGranted = 0
  public var expiredBids = 0
  /// Trades matched but not signed: the provider accepted none of the allowed contract types.
  public var refusals = 0
  public init() {}

  /// Buyers matched (trades, a bundle counting once) per buyer arrival; NaN without arrivals.
  public var matchRate: Double { buyerArrivals > 0 ? Double(trades - extraBundleContracts) / Double(buyerArrivals) : .nan }
  /// Mean days from arrival to contract; NaN without trades.
  public var meanTimeToMatchDays: Double { trades > 0 ? timeToMatchDays / Double(trades) : .nan }
  /// On-exchange share of GMV; NaN without GMV.
  public var onExchangeShare: Double { gmv > 0 ? onExchangeGMV / gmv : .nan }
  /// Cross-region share of GMV; NaN without GMV.
  public var crossRegionShare: Double { gmv > 0 ? crossRegionGMV / gmv : .nan }
  /// Share of trades in bad products; NaN without trades.
  public var badTradeShare: Double { trades > 0 ? Double(badTrades) / Double(trades) : .nan }
  /// Mean readiness of the products traded; NaN without trades.
  public var salesWeightedReadiness: Double { trades > 0 ? readinessSum / Double(trades) : .nan }

  /// GMV / Σ E[Y] of paid trades: the share of buyers' expected benefit paid as price; NaN without.
  public var priceToBenefit: Double { paidBenefit > 0 ? gmv / paidBenefit : .nan }
  /// The same for on-exchange trades.
  public var onExchangePriceToBenefit: Double { onExchangePaidBenefit > 0 ? onExchangeGMV / onExchangePaidBenefit : .nan }
  /// Static deadweight loss: attainable surplus − the trades' surplus (≥ 0).
  public var deadweightLoss: Double { attainableSurplus - tradeSurplus }

  /// Share of bad products among contracts of the given types; NaN without such contracts.
  public func lemonShare(_ types: [ContractType]) -> Double {
    var bad = 0, all = 0
    for t in types { let i = ContractType.allCases.firstIndex(of: t)!; bad += badContractCounts[i]; all += contractCounts[i] }
    return all > 0 ? Double(bad) / Double(all) : .nan
  }

  /// ``add(_:)`` for an activity that records one contract (``DataMarketModel`` builds one per
  /// contract signed): only the fields a contract sets are summed, the others being zero, so the
  /// result is `add`'s (x + 0 = x) at a fraction of its work. Debug builds check that on every
  /// contract.
  public mutating func addContract(_ o: DataMarketActivity) {
    trades += o.trades; onExchangeTrades += o.onExchangeTrades
    crossRegionTrades += o.crossRegionTrades; gmv += o.gmv; onExchangeGMV += o.onExchangeGMV; crossRegionGMV += o.crossRegionGMV
    timeToMatchDays += o.timeToMatchDays; badTrades += o.badTrades; aiTrades += o.aiTrades; aiGMV += o.aiGMV
    publicCommercialTrades += o.publicCommercialTrades; publicFreeUses += o.publicFreeUses; readinessSum += o.readinessSum
    pricePerQuality.merge(o.pricePerQuality)
    contractCounts.add(o.contractCounts); badContractCounts.add(o.badContractCounts)
    paidBenefit += o.paidBenefit; onExchangePaidBenefit += o.onExchangePaidBenefit
    onExchangePriceToBenefitPerTrade.merge(o.onExchangePriceToBenefitPerTrade)
    tradeSurplus += o.tradeSurplus; aiReadyTrades += o.aiReadyTrades
    basicVersionTrades += o.basicVersionTrades; basicVersionGMV += o.basicVersionGMV
  }

  /// Sums another activity (a contract's, a region's, a period's) into this one, field by field.
  public mutating func add(_ o: DataMarketActivity) {
    buyerArrivals += o.buyerArrivals; trades += o.trades; onExchangeTrades += o.onExchangeTrades
    crossRegionTrades += o.crossRegionTrades; gmv += o.gmv; onExchangeGMV += o.onExchangeGMV; crossRegionGMV += o.crossRegionGMV
    timeToMatchDays += o.timeToMatchDays; badTrades += o.badTrades; aiTrades += o.aiTrades; aiGMV += o.aiGMV
    publicCommercialTrades += o.publicCommercialTrades; publicFreeUses += o.publicFreeUses; readinessSum += o.readinessSum
    pricePerQuality.merge(o.pricePerQuality)
    contractCounts.add(o.contractCounts); badContractCounts.add(o.badContractCounts)
    sampleReveals += o.sampleReveals
    paidBenefit += o.paidBenefit; onExchangePaidBenefit += o.onExchangePaidBenefit
    onExchangePriceToBenefitPerTrade.merge(o.onExchangePriceToBenefitPerTrade)
    attainableSurplus += o.attainableSurplus; tradeSurplus += o.tradeSurplus
    readinessInvestments += o.readinessInvestments; readinessInvestment += o.readinessInvestment; aiReadyTrades += o.aiReadyTrades
    basicVersionTrades += o.basicVersionTrades; basicVersionGMV += o.basicVersionGMV
    leaks += o.leaks; enforcements += o.enforcements; damages += o.damages; leakedUses += o.leakedUses
    leakageLostRevenue += o.leakageLostRevenue
    bundleSales += o.bundleSales; bundleGMV += o.bundleGMV; extraBundleContracts += o.extraBundleContracts
    bundlePayoutGini.merge(o.bundlePayoutGini); bundleReplicationGain.merge(o.bundleReplicationGain)
    providerEntries += o.providerEntries; deterredEntrants += o.deterredEntrants; providerExits += o.providerExits
    defaults += o.defaults; settlements += o.settlements; listingsApproved += o.listingsApproved
    secondaryListings += o.secondaryListings
    reviewsDone += o.reviewsDone; reviewRejections += o.reviewRejections; registrationsApplied += o.registrationsApplied
    registrationsGranted += o.registrationsGranted; expiredBids += o.expiredBids; refusals += o.refusals
  }
}
