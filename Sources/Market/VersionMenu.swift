/// M3's versions by readiness tier (Varian 1997, "Versioning Information Goods") priced against
/// observed demand: whether a provider should sell a basic version beside the full one, and at
/// which full price. Money in RMB 10,000.
///
/// Each recent viewer of the product is summarised by two winning prices from the same
/// evaluation: `full`, the highest full-version price at which it would still have chosen the
/// product over its other offers and over buying nothing (value-based pricing's w), and
/// `basic`, the same for the basic version. At a full price P the basic version costs
/// p_L(P) = ``ProviderPricing/basicVersion(price:highRatio:floor:)``; a viewer then buys the
/// version with the larger margin w − price (the full one on a tie) if that margin is ≥ 0. So
/// the basic version both reaches viewers who would not buy the full one (market expansion) and
/// draws some who would (cannibalisation): the menu pays only if the first outweighs the second.
public enum VersionMenu {
  /// The provider's choice: its full price, whether it offers the basic version, and the profit
  /// it expects from its remembered viewers at that price, Σ (price(1 − φ_s) − c) over their purchases.
  public struct Choice: Equatable, Sendable {
    public var price: Double
    public var versions: Bool
    public var profit: Double
  }

  /// The profit-maximising full price with and without the basic version, and the better of the
  /// two (one price only on a tie). Candidates are the viewers' full winning prices and the full
  /// prices at which the basic version costs a viewer's basic winning price (w_L/ρ); as in
  /// ``ProviderPricing/demandOptimal(winningPrices:sellerFeeRate:marginalCost:guardShare:)``,
  /// only prices at which at least `guardShare` of the viewers (and at least two) would buy are
  /// candidates. Nil if no candidate earns a positive profit. `full` and `basic` are paired
  /// (one entry per viewer) and must have the same length. O(n²), n ≤ the demand memory.
  public static func optimal(full: [Double], basic: [Double], highRatio rho: Double, floor: Double,
                             sellerFeeRate fs: Double, marginalCost c: Double, guardShare: Double = 0.125) -> Choice? {
    precondition(full.count == basic.count, "one basic winning price per viewer")
    let n = full.count
    guard n > 0 else { return nil }
    let guarded = ProviderPricing.guardedSales(viewers: n, guardShare: guardShare)
    var single: Choice?, menu: Choice?
    full.withUnsafeBufferPointer { full in
      basic.withUnsafeBufferPointer { basic in
        for candidate in 0..<(rho > 0 ? 2 * n : n) {
          let p = candidate < n ? full[candidate] : basic[candidate - n] / rho
          guard p.isFinite, p > 0 else { continue }
          let pL = ProviderPricing.basicVersion(price: p, highRatio: rho, floor: floor)
          let marginOnFull = p * (1 - fs) - c, marginOnBasic = pL * (1 - fs) - c
          var soloSales = 0, fullSales = 0, basicSales = 0
          for i in 0..<n {
            let surplusFull = full[i] - p, surplusBasic = basic[i] - pL
            if surplusFull >= 0 { soloSales += 1 }
            if surplusFull >= 0 && surplusFull >= surplusBasic { fullSales += 1 } else if surplusBasic >= 0 { basicSales += 1 }
          }
          let soloProfit = marginOnFull * Double(soloSales)
          let menuProfit = marginOnFull * Double(fullSales) + marginOnBasic * Double(basicSales)
          if soloSales >= guarded && soloProfit > 0 && soloProfit > single?.profit ?? 0 {
            single = Choice(price: p, versions: false, profit: soloProfit)
          }
          if fullSales + basicSales >= guarded && menuProfit > 0 && menuProfit > menu?.profit ?? 0 {
            menu = Choice(price: p, versions: true, profit: menuProfit)
          }
        }
      }
    }
    guard let m = menu, m.profit > single?.profit ?? 0 else { return single }
    return m
  }
}
