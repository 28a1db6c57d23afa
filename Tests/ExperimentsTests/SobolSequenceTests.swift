import Testing
@testable import Experiments

/// The Sobol sequence: its known first points, and each coordinate's balance (the first 2^m
/// points of every dimension fall one in each interval [i/2^m, (i+1)/2^m)).
@Suite struct SobolSequenceTests {
  @Test func theFirstPointsInTwoDimensionsAreTheKnownOnes() {
    let s = SobolSequence(dimensions: 2)
    let expected: [[Double]] = [[0, 0], [0.5, 0.5], [0.75, 0.25], [0.25, 0.75], [0.375, 0.375], [0.875, 0.875], [0.625, 0.125], [0.125, 0.625]]
    #expect((0..<8).map(s.point) == expected)
  }

  @Test func everyDimensionIsBalancedOverPowersOfTwo() {
    let s = SobolSequence(dimensions: SobolSequence.maxDimensions)
    let n = 1 << 10
    let points = (0..<n).map(s.integerPoint)
    for d in 0..<SobolSequence.maxDimensions {
      for m in [1, 4, 10] {
        let cells = Set(points.prefix(1 << m).map { $0[d] >> UInt32(32 - m) })
        #expect(cells.count == 1 << m, "dimension \(d + 1), first 2^\(m) points")
      }
    }
  }

  @Test func aDigitalShiftKeepsTheBalanceAndMovesThePoints() {
    let plain = SobolSequence(dimensions: 3), shifted = SobolSequence(dimensions: 3, shift: [0x9E37_79B9, 0x7F4A_7C15, 0x1234_5678])
    #expect(plain.point(5) != shifted.point(5))
    for d in 0..<3 {
      #expect(Set((0..<64).map { shifted.integerPoint($0)[d] >> 26 }).count == 64)
    }
  }
}
