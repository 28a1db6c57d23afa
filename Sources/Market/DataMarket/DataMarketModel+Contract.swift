import Matching
import Simulation

extension DataMarketModel {
  /// A signed contract (M7). Money in RMB 10,000, time in days.
  public struct Contract: Sendable {
    public var id: Int
    public var product: Int32
    /// The buyer's region and segment (indices into the configuration).
    public var buyerRegion: Int
    public var segment: Int
    /// The exchange it was signed on, −1 off-exchange.
    public var exchange: Int
    public var terms: ContractTerms
    /// The trade price p: the contract's expected payment by the provider's belief.
    public var price: Double
    public var signedAt: Double
    /// E[Y] at the true quality, and the buyer's belief of it when it signed.
    public var trueMeanBenefit: Double
    public var believedMeanBenefit: Double
    /// h, the share of the benefit the buyer leaves unreported.
    public var misreporting: Double
    /// The buyer's cash left for later payments (its wealth less what it paid).
    public var cash: Double
    /// A free public-interest use of public data (no payment, no contract type chosen).
    public var free = false
    /// M3's versions: the buyer bought the product's basic version (readiness a_L).
    public var basicVersion = false
    public var paid = 0.0
    public var benefit = Double.nan
    public var defaulted = false
    /// OPTION: whether the buyer exercised after its trial (decided at signing); an unexercised
    /// option pays no strike and yields no benefit. True for every other type.
    public var exercised = true
  }
}
