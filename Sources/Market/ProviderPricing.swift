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

  /// M3's versions by readiness tier (Varian 1997, "Versioning Information Goods"): the basic
  /// version's price p_L = max(ρ_H·p, p_min), where ρ_H is the basic version's value relative to
  /// the full version (``Valuation/versionRatio(readiness:basicReadiness:readinessWeight:)``) for
  /// the segment that values readiness most. At p_L that segment is indifferent between the
  /// versions (before fees, friction and risk): the incentive constraint that keeps the buyers
  /// with the highest willingness to pay for readiness on the full version binds, while buyers
  /// who value readiness less pay less for the version they need — second-degree price
  /// discrimination by quality tier. Never above the full price.
  public static func basicVersion(price p: Double, highRatio rho: Double, floor: Double) -> Double {
    min(p, max(p * rho, floor))
  }

  /// Adaptive pricing: p ← clamp(p·e^{η(s − s*)}, p_min, p_max), s = conversions / views.
  public static func adapt(price p: Double, conversion s: Double, target: Double, rate eta: Double, floor: Double, ceiling: Double) -> Double {
    min(max(p * exp(eta * (s - target)), floor), ceiling)
  }

  /// A bilateral deal's price, Nash-bargained over the surplus: p = c + θ(E[v] − c − TC − O_B),
  /// where O_B ≥ 0 is the buyer's outside option (its best on-exchange offer's certainty
  /// equivalent): the buyer keeps O_B plus (1 − θ) of the rest, the provider θ of it.
  public static func bargained(marginalCost c: Double, expectedValue ev: Double, transactionCosts tc: Double, providerShare theta: Double,
                               buyerOutsideOption o: Double = 0) -> Double {
    c + theta * (ev - c - tc - max(0, o))
  }

  /// Value-based pricing (M3): the posted price maximising expected profit (p(1 − φ_s) − c)·D(p)
  /// against the demand the provider has observed. `winningPrices` are, for recent buyers who
  /// considered the product, the highest price at which it would have been their choice (its
  /// certainty equivalent level with their best alternative or with buying nothing), so
  /// D(p) = #{w ≥ p}: buyers' values, segment mix, fees and competition all enter through them.
  /// Guarded (Roughgarden & Schrijvers 2016): only prices at which at least `guardShare` of the
  /// observed buyers (and at least two) would buy are candidates, so that one outlying high
  /// value in a small sample does not set the price.
  /// Sorts `winningPrices` in place (descending); nil if none is above the floor c/(1 − φ_s).
  public static func demandOptimal(winningPrices w: inout [Double], sellerFeeRate fs: Double, marginalCost c: Double,
                                   guardShare: Double = 0.125) -> Double? {
    sortDescending(&w)
    var best: (price: Double, profit: Double)?
    let guarded = guardedSales(viewers: w.count, guardShare: guardShare)
    for (i, p) in w.enumerated() where i + 1 >= guarded {
      let profit = (p * (1 - fs) - c) * Double(i + 1)
      if profit > 0 && (best == nil || profit > best!.profit) { best = (p, profit) }
    }
    return best?.price
  }

  /// Sorts `w` from the highest to the lowest. A demand memory's few dozen prices go through an
  /// insertion sort, which is stable like the standard library's `sort(by: >)` and so puts
  /// the same values in the same order; longer arrays go through `sort(by: >)`.
  static func sortDescending(_ w: inout [Double]) {
    guard w.count <= 64 else { w.sort(by: >); return }
    w.withUnsafeMutableBufferPointer { w in
      guard w.count > 1 else { return }
      for i in 1..<w.count {
        let x = w[i]
        var j = i
        while j > 0 && w[j - 1] < x {
          w[j] = w[j - 1]
          j -= 1
        }
        w[j] = x
      }
    }
  }

  /// The fewest sales a candidate price needs under the guard: `guardShare` of the `viewers`
  /// (rounded up) and at least two, but never more than there are viewers; 1 without a guard.
  public static func guardedSales(viewers n: Int, guardShare: Double) -> Int {
    min(n, guardShare > 0 ? max(2, Int((guardShare * Double(n)).rounded(.up))) : 1)
  }

  /// The learning step of value-based pricing: p ← exp((1 − w)·ln p + w·ln p*), clamped.
  public static func learn(price p: Double, target: Double, weight w: Double, floor: Double, ceiling: Double) -> Double {
    let next = exp((1 - w) * log(max(p, 1e-9)) + w * log(max(target, 1e-9)))
    return min(max(next, floor), ceiling)
  }

  /// Value-based pricing's prior, before any buyer is observed: the monopoly price against a
  /// willingness to pay κ·V with V lognormal (the deal-size distribution's `median` and `mean`),
  /// by ``MonopolyPriceGrid`` (a run tabulates the grid once).
  public static func lognormalMonopoly(scale kappa: Double, median: Double, mean: Double, sellerFeeRate fs: Double, marginalCost c: Double) -> Double {
    MonopolyPriceGrid(median: median, mean: mean).price(scale: kappa, sellerFeeRate: fs, marginalCost: c)
  }
}
