import Foundation

/// The readable summary `datamarket analyze` prints: per metric, its `top` parameters ranked by
/// total index S_T (Sobol) or μ* (Morris), each with its 95% interval; metrics whose output did
/// not vary are listed once at the end.
extension SensitivityAnalysis {
  public func table(top: Int) -> String {
    let rank = layout.method == .sobol ? "ST" : "mu_star"
    let width = max(12, (layout.parameters.map(\.count).max() ?? 0) + 2)
    var s = layout.method == .sobol ? "Sobol indices (S1 first-order, ST total; 95% bootstrap intervals)\n"
                                    : "Morris elementary effects (mu*, sigma; 95% bootstrap interval on mu*)\n"
    var constant: [String] = []
    var metrics: [String] = []
    for r in rows where !metrics.contains(r.metric) { metrics.append(r.metric) }
    for m in metrics {
      let own = rows.filter { $0.metric == m }
      let ranked = own.filter { $0.index == rank && $0.value.estimate.isFinite }.sorted { $0.value.estimate > $1.value.estimate }
      guard !ranked.isEmpty else { constant.append(m); continue }
      let n = own.first { $0.index == "n" }.map { Int($0.value.estimate) } ?? 0
      s += "\n\(m)  (n = \(n))\n"
      for r in ranked.prefix(top) {
        let pad = String(repeating: " ", count: max(1, width - r.parameter.count))
        if layout.method == .sobol {
          let first = own.first { $0.parameter == r.parameter && $0.index == "S1" }?.value ?? BootstrapInterval(estimate: .nan)
          s += "  \(r.parameter)\(pad)S1 \(Self.show(first))   ST \(Self.show(r.value))\n"
        } else {
          let sigma = own.first { $0.parameter == r.parameter && $0.index == "sigma" }?.value.estimate ?? .nan
          s += "  \(r.parameter)\(pad)mu* \(Self.show(r.value))   sigma \(Self.number(sigma))\n"
        }
      }
    }
    if !constant.isEmpty { s += "\nno variation (no indices): \(constant.joined(separator: ", "))\n" }
    return s
  }

  static func show(_ v: BootstrapInterval) -> String { "\(number(v.estimate)) [\(number(v.low)), \(number(v.high))]" }

  static func number(_ d: Double) -> String {
    guard d.isFinite else { return "nan" }
    return abs(d) >= 1e4 || (abs(d) < 1e-3 && d != 0) ? String(format: "%.3g", d) : String(format: "%.3f", d)
  }
}
