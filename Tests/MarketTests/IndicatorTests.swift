import Testing
@testable import Market
@testable import Simulation

/// The buyers' loops weigh randomly drawn products' flags by arithmetic instead of branches
/// (``Swift/Bool/indicator``). These tests hold the claim that makes that safe: every such form
/// gives bit for bit the value the branch would, so outputs cannot change.
@Suite struct IndicatorTests {
  @Test func indicatorIsOneOrZero() {
    #expect(true.indicator == 1)
    #expect(false.indicator == 0)
    #expect(false.indicator.sign == .plus)
  }

  /// Seeded random finite values ≥ 0, zeros and ones included: x·(1 − d·1[c]) is c ? x(1 − d) : x,
  /// and a·(1 − 1[c]) + b·1[c] is c ? b : a, to the bit.
  @Test func arithmeticSelectionsEqualTheBranches() {
    var rng = Xoshiro256StarStar(seed: 20261204)
    func draw() -> Double {
      switch rng.next() % 8 {
      case 0: return 0
      case 1: return 1
      case 2: return rng.nextUnitDouble() * 1e-300
      case 3: return rng.nextUnitDouble() * 1e300
      default: return rng.nextUnitDouble() * 1_000
      }
    }
    for _ in 0..<20_000 {
      let x = draw(), d = rng.nextUnitDouble(), a = draw(), b = draw()
      for c in [false, true] {
        #expect((x * (1 - d * c.indicator)).bitPattern == (c ? x * (1 - d) : x).bitPattern)
        #expect((a * (1 - c.indicator) + b * c.indicator).bitPattern == (c ? b : a).bitPattern)
        #expect((x - a * (1 - c.indicator)).bitPattern == (x - (c ? 0 : a)).bitPattern)
      }
    }
  }

  /// A buyer's certificate recognition as an indicator agrees with `certified && recognises`
  /// for every registry reach, buyer region and product region.
  @Test func recognitionIndicatorAgreesWithTheBooleanTest() {
    for all in [false, true] {
      for buyerRegion in -1..<4 {
        let recognition = DataMarketModel.CertificateRecognition(all: all, region: buyerRegion)
        for productRegion in 0..<4 {
          for certified in [false, true] {
            let expected = certified && recognition.recognises(productRegion: productRegion)
            #expect(recognition.indicator(certified: certified, productRegion: productRegion) == (expected ? 1 : 0))
          }
        }
      }
    }
  }
}
