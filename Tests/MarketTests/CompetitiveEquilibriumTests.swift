import Testing
@testable import Market

@Suite struct CompetitiveEquilibriumTests {
  @Test func handWorkedStepCurves() {
    // D: 10 8 6 ; S: 5 8 9 → Q = 2 (8 ≥ 8 counts), price exactly 8, surplus 5 + 0.
    let e = CompetitiveEquilibrium.compute(values: [6, 10, 8], costs: [9, 5, 8])
    #expect(e.quantity == 2 && e.priceLow == 8 && e.priceHigh == 8 && e.maxSurplus == 5)
  }

  @Test func flatSegmentsGiveAPriceRange() {
    // D: 10 10 10 4 ; S: 2 2 7 7 → Q = 3; low = max(S[2]=7, D[3]=4) = 7, high = min(D[2]=10, S[3]=7) = 7.
    let e = CompetitiveEquilibrium.compute(values: [10, 10, 10, 4], costs: [2, 2, 7, 7])
    #expect(e.quantity == 3 && e.priceLow == 7 && e.priceHigh == 7 && e.maxSurplus == 8 + 8 + 3)
    // D: 10 9 ; S: 1 2 → both trade; range [2, 9] (no extramarginal units bound it).
    let r = CompetitiveEquilibrium.compute(values: [10, 9], costs: [1, 2])
    #expect(r.quantity == 2 && r.priceLow == 2 && r.priceHigh == 9 && r.price == 5.5)
  }

  @Test func smithSymmetricMarket() {
    let values = stride(from: Int64(325), through: 75, by: -25).map { $0 }
    let costs = stride(from: Int64(75), through: 325, by: 25).map { $0 }
    let e = CompetitiveEquilibrium.compute(values: values, costs: costs)
    #expect(e.quantity == 6 && e.priceLow == 200 && e.priceHigh == 200)
    #expect(e.maxSurplus == (325 - 75) + (300 - 100) + (275 - 125) + (250 - 150) + (225 - 175) + 0)
  }

  @Test func noTradePossible() {
    let e = CompetitiveEquilibrium.compute(values: [5], costs: [6])
    #expect(e.quantity == 0 && e.maxSurplus == 0 && e.priceLow.isNaN)
  }
}
