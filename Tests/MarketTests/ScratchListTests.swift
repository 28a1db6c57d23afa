import Testing
@testable import Market
import Simulation

/// The buyers' reusable scratch list keeps its elements in order across growth and keeps its
/// storage when emptied (seeded random lengths).
@Suite struct ScratchListTests {
  @Test func itKeepsEveryElementInOrderAcrossGrowthAndReuse() {
    var rng = SplitMix64(seed: 12)
    let list = ScratchList<Double>(capacity: 1)
    for round in 0..<50 {
      let n = Int(rng.next() % 200)
      for i in 0..<n { list.append(Double(round * 1_000 + i)) }
      #expect(list.count == n)
      #expect(list.isEmpty == (n == 0))
      for i in 0..<n { #expect(list[i] == Double(round * 1_000 + i)) }
      list.removeAll()
      #expect(list.count == 0 && list.isEmpty)
    }
  }
}
