import Foundation
import Scenario

/// What `datamarket analyze` needs from a sweep folder's `sweep.json`: the design (Sobol or
/// Morris), parameter order, the point layout its `sensitivity` member records (see
/// ``SobolDesign`` and ``MorrisDesign``), the number of points, and the seed (which also seeds
/// the bootstrap).
public struct SensitivityLayout: Sendable {
  public enum Method: String, Sendable { case sobol, morris }

  public var method: Method
  public var parameters: [String]
  public var seed: UInt64
  /// Points before the design's first (1 when the sweep has a reference point).
  public var offset: Int
  public var pointCount: Int
  /// Sobol: N base rows.
  public var samples = 0
  /// Morris: Δ and each trajectory's steps.
  public var delta = 0.0
  public var steps: [[(parameter: Int, direction: Int)]] = []

  /// Reads `folder/sweep.json`; refuses a folder that is not a sweep, or a sweep of another design.
  public static func read(folder: String) throws(SweepError) -> SensitivityLayout {
    let path = folder + "/sweep.json"
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw SweepError("\(folder): not a sweep folder (no readable sweep.json)")
    }
    let root: JSONNode
    do { root = try JSON5Parser.parse(text, source: path) } catch { throw SweepError(error.description) }
    func fail(_ what: String) -> SweepError { SweepError("\(path): \(what)") }
    guard case .string(let design)? = root["design"]?.value, case .array(let params)? = root["parameters"]?.value,
          case .string(let seedText)? = root["seed"]?.value, let seed = UInt64(seedText),
          case .array(let points)? = root["points"]?.value else {
      throw fail("not a sweep.json written by datamarket sweep (design, parameters, seed or points missing)")
    }
    guard let method = Method(rawValue: design), let detail = root["sensitivity"] else {
      throw fail("design \"\(design)\" is not a sensitivity design; analyze needs design: { sobol: {...} } or { morris: {...} }")
    }
    var names: [String] = []
    for p in params { guard case .string(let s) = p.value else { throw fail("$.parameters: expected strings") }; names.append(s) }
    var offset = 0
    if case .bool(true)? = root["reference"]?.value { offset = 1 }
    var layout = SensitivityLayout(method: method, parameters: names, seed: seed, offset: offset, pointCount: points.count)
    try layout.readDetail(detail, path: path)
    return layout
  }

  /// Reads the `sensitivity` member and checks it against the point count.
  mutating func readDetail(_ detail: JSONNode, path: String) throws(SweepError) {
    func fail(_ what: String) -> SweepError { SweepError("\(path): $.sensitivity: \(what)") }
    let k = parameters.count
    switch method {
    case .sobol:
      guard case .number(let n, _)? = detail["samples"]?.value, n >= 1, n <= Double(SweepSpec.maxRuns), n == n.rounded() else {
        throw fail("expected samples, an integer from 1 to \(SweepSpec.maxRuns)")
      }
      samples = Int(n)
      guard pointCount == offset + samples * (k + 2) else { throw fail("\(pointCount) points, expected \(offset + samples * (k + 2))") }
    case .morris:
      guard case .number(let d, _)? = detail["delta"]?.value, d > 0, d.isFinite, case .array(let trajectories)? = detail["steps"]?.value else {
        throw fail("expected delta and steps")
      }
      delta = d
      for (t, node) in trajectories.enumerated() {
        guard case .array(let moves) = node.value, moves.count == k else { throw fail("steps[\(t)]: expected \(k) steps") }
        var trajectory: [(parameter: Int, direction: Int)] = []
        for m in moves {
          guard case .array(let pair) = m.value, pair.count == 2, case .number(let i, _) = pair[0].value, case .number(let s, _) = pair[1].value,
                i >= 0, i < Double(k), i == i.rounded(), s == 1 || s == -1 else { throw fail("steps[\(t)]: expected [parameter, ±1] pairs") }
          trajectory.append((Int(i), Int(s)))
        }
        steps.append(trajectory)
      }
      guard pointCount == offset + steps.count * (k + 1) else { throw fail("\(pointCount) points, expected \(offset + steps.count * (k + 1))") }
    }
  }
}
