import Matching
import Simulation

extension DataMarketModel {
  /// A data product and its provider (one product per provider; the public operator owns several).
  /// Qualities and readiness in [0, 1]; money (costs, price, revenue, fees, damages) in RMB 10,000.
  ///
  /// The fields a buyer reads of every product it considers come first and the flags are packed
  /// together, so that they share the struct's first 64 bytes (one cache line): the buyers' loop
  /// reads thousands of random products a second.
  public struct Product: Sendable {
    public var region: Int
    public var price: Double
    public var marginalCost: Double
    public var readiness: Double
    /// The readiness buyers credit it with (M10): its own where it is certified AI-ready or
    /// readiness is observable (`readiness.certifiedOnly` off), else the mean readiness of
    /// uncertified products under the prior, E[a | a < threshold]. Fixed at creation, as its
    /// readiness and certification are.
    public var believedReadiness: Double
    public var licencesLeft: Int
    /// The exchange it chose first (its primary listing; −1 off-exchange only). With multi-listing
    /// (M5) it may also list elsewhere (`listingsOf`).
    public var exchange = -1
    /// Its primary listing (an index into the model's listings; −1 none).
    public var listing: Int32 = -1
    public var isPublic: Bool
    public var bad: Bool
    public var limited: Bool
    /// Whether buyers may inspect a sample (trial) before buying (M2's d_sample).
    public var offersSample = false
    public var certified = false
    /// M10: certified AI-ready (readiness ≥ the threshold).
    public var aiReady = false
    /// Listed at one exchange or more.
    public var listed = false
    /// M9: whether it has leaked, and the period it last leaked (its copy goes stale
    /// `leakage.stalePeriods` later).
    public var leaked = false
    /// M3's versions: whether its provider offers a basic version (decided at each price
    /// revision, ``VersionMenu``; its price is the model's `basicPrices`).
    public var versionsOffered = false
    public var leakedPeriod = -1
    /// Buyers who scored it this period (M3's adaptive conversion rate).
    public var views = 0
    public var quality: Double
    public var claimedQuality: Double
    public var fixedCost: Double
    /// M10: the readiness investment I it made.
    public var readinessInvestment = 0.0
    /// M9: licences sold on and off exchanges (copies that may leak).
    public var copiesOn = 0
    public var copiesOff = 0
    /// Damages received on enforcement (RMB 10,000; not in `revenue`, which is net trade receipts).
    public var damages = 0.0
    /// M12: whether the provider is in the market (it entered and has not exited), the period it
    /// entered (0-based) and the one it exited (−1: still in, or never entered).
    public var active = true
    public var enteredPeriod = 0
    public var exitedPeriod = -1
    /// Reviews of its listings, at every exchange.
    public var reviewAttempts = 0
    public var registrationAttempts = 0
    public var conversions = 0
    public var sales = 0
    public var revenue = 0.0
    public var fees = 0.0
    public var costs = 0.0
  }
}
