/// Bounded Nelder–Mead minimisation in the unit cube [0, 1]^n (Nelder & Mead 1965; coefficients
/// of Lagarias et al. 1998: reflection 1, expansion 2, contraction ½, shrink ½), with restarts.
///
/// - Bounds: every proposed point is clamped to the cube (a reflection that leaves it stops at
///   its face), so callers map [0, 1] to their parameter ranges, linearly or on a log scale.
/// - Restarts: when the simplex is smaller than ``tolerance`` (largest coordinate distance from
///   its best vertex), a fresh simplex is built around the best point, as the first one was, up
///   to ``restarts`` times: a noisy or clamped simplex that collapsed early gets another chance.
/// - Determinism: the initial simplex is `start` and `start ± step·eᵢ`; ties are broken by the
///   order points were evaluated. The same objective gives the same sequence of points.
/// - Batches: the initial simplex and a shrink are evaluated as one batch (the caller may
///   evaluate a batch in parallel); every other step proposes one point.
///
/// Pure: it calls `evaluate` and nothing else; the budget counts points evaluated.
public struct NelderMead: Sendable {
  /// One evaluated point: its position in the unit cube and the objective's value there
  /// (NaN is treated as +∞).
  public struct Evaluation: Sendable, Equatable {
    public var point: [Double]
    public var value: Double
  }

  /// The best point found and how the search went.
  public struct Result: Sendable {
    public var best: Evaluation
    /// Every evaluation, in order.
    public var trace: [Evaluation]
    /// Simplexes started (1 + restarts used).
    public var starts: Int
  }

  /// The starting point, in the unit cube.
  public var start: [Double]
  /// Edge of the initial simplex, in unit-cube coordinates.
  public var step: Double
  /// The most points evaluated.
  public var maxEvaluations: Int
  /// Further simplexes built around the best point after one has converged.
  public var restarts: Int
  /// Convergence: the simplex's largest coordinate distance from its best vertex.
  public var tolerance: Double

  public init(start: [Double], step: Double = 0.25, maxEvaluations: Int, restarts: Int = 2, tolerance: Double = 1e-4) {
    self.start = start.map(NelderMead.clamp); self.step = step; self.maxEvaluations = maxEvaluations
    self.restarts = restarts; self.tolerance = tolerance
  }

  /// Minimises `evaluate` (given a batch of points, returns their values in order).
  public func minimise(_ evaluate: ([[Double]]) throws -> [Double]) rethrows -> Result {
    var search = Search(remaining: maxEvaluations)
    var centre = start
    var starts = 0
    while starts <= restarts && search.remaining > 0 {
      starts += 1
      guard try search.run(from: centre, step: step, tolerance: tolerance, evaluate) else { break }
      centre = search.best!.point
    }
    return Result(best: search.best ?? Evaluation(point: start, value: .infinity), trace: search.trace, starts: starts)
  }

  /// `x` clamped to [0, 1].
  static func clamp(_ x: Double) -> Double { x.isNaN ? 0.5 : Swift.min(1, Swift.max(0, x)) }

  /// The vertices of the initial simplex around `centre`: the centre, then one step along each
  /// axis (backwards where a step forwards would leave the cube).
  static func simplex(around centre: [Double], step: Double) -> [[Double]] {
    var vertices = [centre]
    for i in centre.indices {
      var v = centre
      v[i] = centre[i] + step <= 1 ? centre[i] + step : centre[i] - step
      v[i] = clamp(v[i])
      vertices.append(v)
    }
    return vertices
  }

  /// One search's state: the budget left, every evaluation, the best so far.
  struct Search {
    var remaining: Int
    var trace: [Evaluation] = []
    var best: Evaluation?

    /// Evaluates `points` (only as many as the budget allows).
    mutating func values(_ points: [[Double]], _ evaluate: ([[Double]]) throws -> [Double]) rethrows -> [Evaluation] {
      let batch = Array(points.prefix(remaining))
      guard !batch.isEmpty else { return [] }
      let raw = try evaluate(batch)
      remaining -= batch.count
      let out = zip(batch, raw).map { Evaluation(point: $0, value: $1.isNaN ? .infinity : $1) }
      for e in out {
        trace.append(e)
        if best == nil || e.value < best!.value { best = e }
      }
      return out
    }

    /// Runs one simplex from `centre` until it converges (true) or the budget ends (false).
    mutating func run(from centre: [Double], step: Double, tolerance: Double,
                      _ evaluate: ([[Double]]) throws -> [Double]) rethrows -> Bool {
      let initial = NelderMead.simplex(around: centre, step: step)
      var s = try values(initial, evaluate)
      guard s.count == initial.count else { return false }
      while true {
        s = NelderMead.ordered(s)
        if NelderMead.size(s) <= tolerance { return true }
        guard let next = try iterate(s, evaluate) else { return false }
        s = next
      }
    }

    /// One Nelder–Mead step on the ordered simplex `s`; nil when the budget ran out.
    mutating func iterate(_ s: [Evaluation], _ evaluate: ([[Double]]) throws -> [Double]) rethrows -> [Evaluation]? {
      let n = s.count - 1
      let worst = s[n], c = NelderMead.centroid(s.dropLast().map(\.point))
      // c + t·(x − c): reflection t = −1, expansion −2, outside contraction −½, inside +½
      func along(_ t: Double, _ x: [Double]) -> [Double] { zip(c, x).map { NelderMead.clamp($0 + t * ($1 - $0)) } }
      var out = s
      guard let r = try values([along(-1, worst.point)], evaluate).first else { return nil }
      if r.value < s[0].value {
        guard let e = try values([along(-2, worst.point)], evaluate).first else { return nil }
        out[n] = e.value < r.value ? e : r
        return out
      }
      if r.value < s[n - 1].value { out[n] = r; return out }
      let outside = r.value < worst.value
      guard let k = try values([along(outside ? -0.5 : 0.5, worst.point)], evaluate).first else { return nil }
      if outside ? k.value <= r.value : k.value < worst.value { out[n] = k; return out }
      let shrunk = try values(s.dropFirst().map { v in zip(s[0].point, v.point).map { NelderMead.clamp($0 + 0.5 * ($1 - $0)) } }, evaluate)
      guard shrunk.count == n else { return nil }
      return [s[0]] + shrunk
    }
  }

  /// `s` sorted by value, ties in evaluation order (stable sort).
  static func ordered(_ s: [Evaluation]) -> [Evaluation] {
    s.enumerated().sorted { a, b in a.element.value != b.element.value ? a.element.value < b.element.value : a.offset < b.offset }
      .map(\.element)
  }

  /// The largest coordinate distance of any vertex from the first (best) one.
  static func size(_ s: [Evaluation]) -> Double {
    var m = 0.0
    for v in s.dropFirst() { for (a, b) in zip(v.point, s[0].point) { m = Swift.max(m, Swift.abs(a - b)) } }
    return m
  }

  /// The mean of `points`.
  static func centroid(_ points: [[Double]]) -> [Double] {
    var c = [Double](repeating: 0, count: points[0].count)
    for p in points { for i in p.indices { c[i] += p[i] } }
    return c.map { $0 / Double(points.count) }
  }
}
