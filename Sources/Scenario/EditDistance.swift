/// Levenshtein edit distance, for "did you mean" hints on unknown keys and options.
public enum EditDistance {
  /// The number of single-character insertions, deletions or substitutions turning `a` into `b`
  /// (case-insensitive).
  public static func between(_ a: String, _ b: String) -> Int {
    let x = Array(a.lowercased()), y = Array(b.lowercased())
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      current[0] = i
      for j in 1...y.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
      }
      swap(&previous, &current)
    }
    return previous[y.count]
  }

  /// The candidate closest to `word`, if within `maxDistance` (default: a third of its length, at least 2).
  public static func suggestion(for word: String, among candidates: [String], maxDistance: Int? = nil) -> String? {
    let limit = maxDistance ?? max(2, word.count / 3)
    var best: (String, Int)?
    for c in candidates {
      let d = between(word, c)
      if d <= limit, best == nil || d < best!.1 { best = (c, d) }
    }
    return best?.0
  }
}
