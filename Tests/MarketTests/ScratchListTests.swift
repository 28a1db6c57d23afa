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

  /// Appending several at once (`append(upTo:_:)`) keeps what was there, grows as far as the
  /// batch needs, and keeps exactly the elements the batch says it wrote.
  @Test func aBatchKeepsWhatItWrote() {
    var rng = SplitMix64(seed: 7)
    let list = ScratchList<Int>(capacity: 1)
    var expected: [Int] = []
    for round in 0..<200 {
      let n = Int(rng.next() % 40), kept = n == 0 ? 0 : Int(rng.next() % UInt64(n + 1))
      list.append(upTo: n) { out in
        for i in 0..<n { out[i] = round * 100 + i }   // every slot of the batch written, some kept
        return kept
      }
      expected += (0..<kept).map { round * 100 + $0 }
      if round % 50 == 49 { list.removeAll(); expected.removeAll() }
      #expect(list.count == expected.count)
      #expect((0..<list.count).allSatisfy { list[$0] == expected[$0] })
    }
  }
}
