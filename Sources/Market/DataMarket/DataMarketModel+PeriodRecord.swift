import Matching
import Simulation

extension DataMarketModel {
  /// Results of one period: the national ledger and activity, and activity by buyer region and
  /// by exchange.
  public struct PeriodRecord: Sendable {
    public var index: Int
    public var ledger: DataMarketLedger
    public var national: DataMarketActivity
    public var byRegion: [DataMarketActivity]
    public var byExchange: [DataMarketActivity]
    /// Each exchange's own view of the period's ledger (its trade fees and profit).
    public var exchangeLedgers: [DataMarketLedger] { (0..<ledger.exchanges).map { ledger.exchangeView($0) } }
    public var listings: [Int]
    public var providerHHI: Double
    public var exchangeHHI: Double
    public var publicPriceCap: Double
    public var clawback: Double
    /// Private providers in the market at the period's end (M12).
    public var activeProviders = 0
  }
}
