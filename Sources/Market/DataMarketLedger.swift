import Simulation

/// Money and welfare of one reporting period, booked so that both sides of every transfer land
/// in the same period (DOMAIN.md §4.6). Money in RMB 10,000.
///
/// Identities (checked as properties over random scenarios):
/// - buyer payments = provider receipts + exchange trade fees + public-operator revenue;
/// - total welfare = buyer surplus + provider profit + exchange profit + operator profit −
///   government cost = Σ benefits − Σ real costs.
public struct DataMarketLedger: Sendable, Equatable {
  /// Prices and buyer-side fees paid by buyers (incl. membership fees).
  public var buyerPayments = 0.0
  /// What private providers receive for sales, net of the seller fee.
  public var providerReceipts = 0.0
  /// φ_b·P + φ_s·P + m_b collected by exchanges on trades.
  public var exchangeTradeFees = 0.0
  /// What the public operator receives for sales, net of the seller fee.
  public var publicOperatorRevenue = 0.0
  /// Listing and review fees (providers → exchanges) and registration fees (providers → registry).
  public var listingFees = 0.0
  public var reviewFees = 0.0
  public var registrationFees = 0.0
  /// Realised benefits Y (buyers), booked when they realise.
  public var benefits = 0.0
  /// Benefits in expectation: each contract's true mean benefit E[Y], booked when it is signed.
  /// Welfare on these is free of the heavy-tailed benefit shocks Z.
  public var expectedBenefits = 0.0
  /// Real costs: buyers' search, due diligence and cross-region friction; providers' fixed and
  /// marginal costs; exchanges' operating and review costs; registry; public operator.
  public var buyerRealCosts = 0.0
  public var providerRealCosts = 0.0
  public var exchangeRealCosts = 0.0
  public var registryRealCosts = 0.0
  public var publicOperatorCosts = 0.0
  /// The public operator's revenue above MAR returned at a yearly review (operator → government).
  public var clawbacks = 0.0

  public init() {}

  /// Buyer surplus BS = Σ Y − payments − buyer real costs.
  public var buyerSurplus: Double { benefits - buyerPayments - buyerRealCosts }
  /// Provider profit PP (private providers).
  public var providerProfit: Double { providerReceipts - providerRealCosts - listingFees - reviewFees - registrationFees }
  /// Exchange profit.
  public var exchangeProfit: Double { exchangeTradeFees + listingFees + reviewFees - exchangeRealCosts }
  /// Public operator profit.
  public var operatorProfit: Double { publicOperatorRevenue - publicOperatorCosts - clawbacks }
  /// Government cost: registry costs not covered by fees, less clawbacks received (no subsidies
  /// in this model yet).
  public var governmentCost: Double { registryRealCosts - registrationFees - clawbacks }
  /// Buyer surplus with benefits in expectation (E[Y] for Y).
  public var expectedBuyerSurplus: Double { buyerSurplus - benefits + expectedBenefits }
  /// Total welfare with benefits in expectation.
  public var expectedTotalWelfare: Double { totalWelfare - benefits + expectedBenefits }
  /// TW from its components.
  public var totalWelfare: Double { buyerSurplus + providerProfit + exchangeProfit + operatorProfit - governmentCost }
  /// TW from resources: benefits less real costs (fees and prices are transfers).
  public var resourceWelfare: Double {
    benefits - buyerRealCosts - providerRealCosts - exchangeRealCosts - registryRealCosts - publicOperatorCosts
  }

  public mutating func add(_ o: DataMarketLedger) {
    buyerPayments += o.buyerPayments; providerReceipts += o.providerReceipts; exchangeTradeFees += o.exchangeTradeFees
    publicOperatorRevenue += o.publicOperatorRevenue; listingFees += o.listingFees; reviewFees += o.reviewFees
    registrationFees += o.registrationFees; benefits += o.benefits; expectedBenefits += o.expectedBenefits; buyerRealCosts += o.buyerRealCosts
    providerRealCosts += o.providerRealCosts; exchangeRealCosts += o.exchangeRealCosts
    registryRealCosts += o.registryRealCosts; publicOperatorCosts += o.publicOperatorCosts
    clawbacks += o.clawbacks
  }
}

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
  public var contractCounts = [Int](repeating: 0, count: ContractType.allCases.count)
  public var defaults = 0
  public var settlements = 0
  public var listingsApproved = 0
  public var reviewsDone = 0
  public var reviewRejections = 0
  public var registrationsApplied = 0
  public var registrationsGranted = 0
  public var expiredBids = 0
  /// Trades matched but not signed: the provider accepted none of the allowed contract types.
  public var refusals = 0
  public init() {}

  /// Trades per buyer arrival; NaN without arrivals.
  public var matchRate: Double { buyerArrivals > 0 ? Double(trades) / Double(buyerArrivals) : .nan }
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

  public mutating func add(_ o: DataMarketActivity) {
    buyerArrivals += o.buyerArrivals; trades += o.trades; onExchangeTrades += o.onExchangeTrades
    crossRegionTrades += o.crossRegionTrades; gmv += o.gmv; onExchangeGMV += o.onExchangeGMV; crossRegionGMV += o.crossRegionGMV
    timeToMatchDays += o.timeToMatchDays; badTrades += o.badTrades; aiTrades += o.aiTrades; aiGMV += o.aiGMV
    publicCommercialTrades += o.publicCommercialTrades; publicFreeUses += o.publicFreeUses; readinessSum += o.readinessSum
    pricePerQuality.merge(o.pricePerQuality)
    for i in contractCounts.indices { contractCounts[i] += o.contractCounts[i] }
    defaults += o.defaults; settlements += o.settlements; listingsApproved += o.listingsApproved
    reviewsDone += o.reviewsDone; reviewRejections += o.reviewRejections; registrationsApplied += o.registrationsApplied
    registrationsGranted += o.registrationsGranted; expiredBids += o.expiredBids; refusals += o.refusals
  }
}
