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
