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

  /// The model's table of certificate recognition by buyer and product region agrees with
  /// `CertificateRecognition.recognises` for every registry mode and unification, and its table
  /// of exchanges outside a region with the exchanges' regions.
  @Test func recognitionTableAgreesWithTheBooleanTest() {
    for mode in DataMarketConfig.RegistryMode.allCases {
      for unification in [0.0, 0.5, 1.0] {
        var c = DataMarketConfig()
        c.registry.mode = mode
        c.unification = unification
        let table = DataMarketModel.ListingConditions(c).recognises, n = c.regions.count
        #expect(table.count == n * n)
        for r in 0..<n {
          let recognition = DataMarketModel.certificateRecognition(c, buyerRegion: r)
          for productRegion in 0..<n {
            #expect(table[r * n + productRegion] == (recognition.recognises(productRegion: productRegion) ? 1 : 0))
          }
          let outside = DataMarketModel.ListingConditions(c).outside
          for (e, x) in c.exchanges.enumerated() { #expect(outside[r * c.exchanges.count + e] == (x.region != r ? 1 : 0)) }
        }
      }
    }
  }
}
