import Testing
@testable import Simulation

/// Known answers from Vigna's reference C code (xoshiro256starstar.c, splitmix64.c).
@Suite struct RandomGeneratorTests {
  @Test func xoshiroMatchesReferenceFromState1234() {
    var rng = Xoshiro256StarStar(state: (1, 2, 3, 4))
    let expected: [UInt64] = [11520, 0, 1_509_978_240, 1_215_971_899_390_074_240,
                              1_216_172_134_540_287_360, 607_988_272_756_665_600]
    #expect((0..<6).map { _ in rng.next() } == expected)
  }

  @Test func splitMixMatchesReferenceFromZero() {
    var sm = SplitMix64(seed: 0)
    #expect((0..<4).map { _ in sm.next() } == [16_294_208_416_658_607_535, 7_960_286_522_194_355_700,
                                                487_617_019_471_545_679, 17_909_611_376_780_542_444])
  }

  @Test func seedingGoesThroughSplitMix() {
    var rng = Xoshiro256StarStar(seed: 42)
    #expect((0..<4).map { _ in rng.next() } == [1_546_998_764_402_558_742, 6_990_951_692_964_543_102,
                                                12_544_586_762_248_559_009, 17_057_574_109_182_124_193])
  }

  @Test func unitDoublesStayInRange() {
    var rng = Xoshiro256StarStar(seed: 1)
    for _ in 0..<100_000 {
      let u = rng.nextUnitDouble(); #expect(u >= 0 && u < 1)
      let o = rng.nextOpenUnitDouble(); #expect(o > 0 && o < 1)
    }
  }

  @Test func namedStreamsAreStableAndIndependentOfOtherConsumers() {
    let streams = RandomStreams(masterSeed: 99)
    var a1 = streams.stream("arrivals")
    _ = streams.stream("quality")  // adding a consumer changes nothing for "arrivals"
    var a2 = RandomStreams(masterSeed: 99).stream("arrivals")
    #expect(a1.next() == a2.next())
    var q = streams.stream("quality")
    var a3 = streams.stream("arrivals")
    #expect(q.next() != a3.next())
    var other = RandomStreams(masterSeed: 100).stream("arrivals")
    var same = RandomStreams(masterSeed: 99).stream("arrivals")
    #expect(other.next() != same.next())
    var r0 = streams.stream("benefits", index: 0), r1 = streams.stream("benefits", index: 1)
    #expect(r0.next() != r1.next())
  }
}
