#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// DOMAIN M3 and M6: how a provider prices (RMB 10,000). Pure; fixture-tested.
public enum ProviderPricing {
  /// Cost-plus: p = (1 + m)(F/N̂ + c).
  public static func costPlus(fixedCost f: Double, expectedSales n: Double, marginalCost c: Double, markup m: Double) -> Double {
    (1 + m) * (f / n + c)
  }

  /// p_min = c/(1 − φ_s): below it a sale loses money after the seller fee.
  public static func floor(marginalCost c: Double, sellerFeeRate fs: Double) -> Double { c / max(1e-9, 1 - fs) }

  /// Adaptive pricing: p ← clamp(p·e^{η(s − s*)}, p_min, p_max), s = conversions / views.
  public static func adapt(price p: Double, conversion s: Double, target: Double, rate eta: Double, floor: Double, ceiling: Double) -> Double {
    min(max(p * exp(eta * (s - target)), floor), ceiling)
  }

  /// A bilateral deal's price, bargained over the surplus: p = c + θ(E[v] − c − TC).
  public static func bargained(marginalCost c: Double, expectedValue ev: Double, transactionCosts tc: Double, providerShare theta: Double) -> Double {
    c + theta * (ev - c - tc)
  }
}
