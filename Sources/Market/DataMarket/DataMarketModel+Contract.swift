import Matching
import Simulation

extension DataMarketModel {
  /// A signed contract.
  public struct Contract: Sendable {
    public var id: Int
    public var product: Int32
    public var buyerRegion: Int
    public var segment: Int
    public var exchange: Int
    public var terms: ContractTerms
    public var price: Double
    public var signedAt: Double
    public var trueMeanBenefit: Double
    public var believedMeanBenefit: Double
    public var misreporting: Double
    public var cash: Double
    public var paid = 0.0
    public var benefit = Double.nan
    public var defaulted = false
    public var settled = false
  }

  /// Results of one period: the national ledger and activity, and activity by buyer region and
}
