import Testing
@testable import Simulation

@Suite struct StatisticsTests {
  @Test func welfordAgainstHandComputedValues() {
    var s = RunningStatistics()
    for x in [2.0, 4, 4, 4, 5, 5, 7, 9] { s.add(x) }
    #expect(s.count == 8)
    #expect(s.mean == 5)
    #expect(abs(s.populationVariance - 4) < 1e-12)
    #expect(abs(s.variance - 32.0 / 7) < 1e-12)
    #expect(s.min == 2 && s.max == 9)
    #expect(abs(s.coefficientOfVariation - (32.0 / 7).squareRoot() / 5) < 1e-15)
    #expect(RunningStatistics().coefficientOfVariation.isNaN)
  }

  @Test func welfordMergeEqualsOnePass() {
    var a = RunningStatistics(), b = RunningStatistics(), all = RunningStatistics()
    for i in 0..<50 { let x = Double(i * i % 17); all.add(x); if i < 20 { a.add(x) } else { b.add(x) } }
    a.merge(b)
    #expect(a.count == all.count)
    #expect(abs(a.mean - all.mean) < 1e-12)
    #expect(abs(a.variance - all.variance) < 1e-10)
  }

  @Test func studentTQuantilesMatchTables() {
    #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: 1) - 12.706204736) < 1e-6)
    #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: 9) - 2.262157163) < 1e-8)
    #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: 29) - 2.045229642) < 1e-8)
    #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: 1e6) - 1.959966) < 1e-5)
    #expect(abs(StudentT.quantile(0.025, degreesOfFreedom: 9) + 2.262157163) < 1e-8)
  }

  @Test func confidenceIntervalByHand() {
    var s = RunningStatistics()
    for x in [1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10] { s.add(x) }
    // mean 5.5, sd 3.0276503540974917, SE 0.9574271077563381, t(0.975, 9) 2.2621571628
    let ci = s.confidenceInterval95
    #expect(abs(ci.low - (5.5 - 2.2621571628 * 0.9574271077563381)) < 1e-8)
    #expect(abs(ci.high - (5.5 + 2.2621571628 * 0.9574271077563381)) < 1e-8)
  }

  @Test func timeWeightedAverageByHand() {
    var tw = TimeWeightedAverage(startTime: 0, value: 0)
    tw.update(to: 2, at: 1)   // 0 on [0,1)
    tw.update(to: 1, at: 4)   // 2 on [1,4)
    // 1 on [4,6): area = 0 + 6 + 2 = 8 over 6
    #expect(abs(tw.average(at: 6) - 8.0 / 6) < 1e-12)
    #expect(tw.max == 2 && tw.min == 0)
  }

  @Test func histogramQuantiles() {
    var h = Histogram(lower: 0, upper: 10, bins: 10)
    for i in 0..<100 { h.add(Double(i) / 10) }  // uniform over [0,10)
    #expect(abs(h.quantile(0.5) - 5) < 1e-12)
    #expect(abs(h.quantile(0.25) - 2.5) < 1e-12)
    h.add(-1); h.add(20)
    #expect(h.underflow == 1 && h.overflow == 1 && h.total == 102)
    #expect(h.quantile(0) == 0)
    #expect(h.quantile(1) == 10)
  }
}
