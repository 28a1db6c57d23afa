/// Invariants mode's memory of the data market's contracts: checks that contract states only
/// move forward between two checks — a benefit goes from NaN to a value once and never changes
/// again, paid amounts never decrease, a default never reverts, and no contract disappears.
public struct DataMarketInvariants: Sendable {
  var benefit: [Double] = []
  var paid: [Double] = []
  var defaulted: [Bool] = []

  public init() {}

  /// The first contract that moved backwards since the last call, or nil; then remembers the
  /// current states. O(contracts).
  public mutating func check(_ model: DataMarketModel) -> String? {
    let contracts = model.contracts
    if contracts.count < benefit.count {
      return "contracts are never removed (\(contracts.count) after \(benefit.count))"
    }
    for i in benefit.indices {
      let c = contracts[i]
      let sameBenefit = c.benefit == benefit[i] || (c.benefit.isNaN && benefit[i].isNaN)
      if sameBenefit && c.paid == paid[i] && c.defaulted == defaulted[i] { continue }
      if !benefit[i].isNaN && !sameBenefit {
        return "contract states only move forward (contract \(i)'s benefit changed from \(benefit[i]) to \(c.benefit))"
      }
      if c.paid < paid[i] {
        return "contract states only move forward (contract \(i)'s paid amount fell from \(paid[i]) to \(c.paid))"
      }
      if defaulted[i] && !c.defaulted {
        return "contract states only move forward (contract \(i)'s default reverted)"
      }
      benefit[i] = c.benefit; paid[i] = c.paid; defaulted[i] = c.defaulted
    }
    for c in contracts[benefit.count...] {
      benefit.append(c.benefit); paid.append(c.paid); defaulted.append(c.defaulted)
    }
    return nil
  }
}
