import Scenario

/// A sweep parameter as a sensitivity design sees it: a key path and how a coordinate u of the
/// unit interval maps to its value — `{ from, to }` linearly (rounded when `integer`), a
/// `values` list by equal-width bins (u in [j/n, (j+1)/n) picks value j; u = 1 the last).
public struct SensitivityParameter: Sendable {
  public var key: String
  /// `{ from, to, integer }`, or nil for a values list.
  public var range: (from: Double, to: Double, integer: Bool)?
  public var values: [JSONNode.Value]

  /// The parameters of a sweep file, in its order.
  static func all(_ keys: [String], ranges: [(Double, Double, Bool)?], values: [[JSONNode.Value]]) -> [SensitivityParameter] {
    zip(keys, zip(ranges, values)).map { k, rv in
      SensitivityParameter(key: k, range: rv.0.map { (from: $0.0, to: $0.1, integer: $0.2) }, values: rv.1)
    }
  }

  /// The assignment at unit coordinate `u` ∈ [0, 1].
  public func assignment(_ u: Double) -> SweepSpec.Assignment {
    if let (from, to, integer) = range {
      var v = from + (to - from) * u
      if integer { v = v.rounded() }
      return SweepSpec.Assignment(key: key, value: .number(v, text: v.description))
    }
    let j = min(values.count - 1, Int(u * Double(values.count)))
    return SweepSpec.Assignment(key: key, value: values[max(0, j)])
  }
}
