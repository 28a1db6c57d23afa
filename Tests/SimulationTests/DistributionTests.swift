import Testing
@testable import Simulation

/// Each distribution: 10^6 seeded draws; the sample mean must lie within 5 standard errors of the
/// theoretical mean, and the sample variance within 5 standard errors of the theoretical variance
/// (SE of the variance estimated from the sample's fourth central moment).
@Suite struct DistributionTests {
  static let n = 1_000_000

  func check(_ name: String, mean mu: Double, variance sigma2: Double, seed: UInt64,
             draw: (inout Xoshiro256StarStar) -> Double) {
    var rng = Xoshiro256StarStar(seed: seed)
    var xs = [Double](); xs.reserveCapacity(Self.n)
    for _ in 0..<Self.n { xs.append(draw(&rng)) }
    let n = Double(Self.n)
    let mean = xs.reduce(0, +) / n
    var m2 = 0.0, m4 = 0.0
    for x in xs { let d = x - mean; m2 += d * d; m4 += d * d * d * d }
    let variance = m2 / (n - 1)
    m4 /= n
    let seMean = (sigma2 / n).squareRoot()
    let seVar = (max(m4 - variance * variance, 0) / n).squareRoot()
    #expect(abs(mean - mu) <= 5 * seMean, "\(name): mean \(mean) vs \(mu) (SE \(seMean))")
    #expect(abs(variance - sigma2) <= 5 * seVar + 1e-12, "\(name): variance \(variance) vs \(sigma2) (SE \(seVar))")
  }

  @Test func uniform() {
    let d = UniformDistribution(low: -2, high: 5)
    check("uniform", mean: d.mean, variance: d.variance, seed: 1) { d.sample(using: &$0) }
  }
  @Test func exponential() {
    let d = ExponentialDistribution(rate: 2.5)
    check("exponential", mean: 0.4, variance: 0.16, seed: 2) { d.sample(using: &$0) }
  }
  @Test func normal() {
    let d = NormalDistribution(mean: 3, sd: 2)
    check("normal", mean: 3, variance: 4, seed: 3) { d.sample(using: &$0) }
  }
  @Test func logNormalMeanOne() {
    let d = LogNormalDistribution.meanOne(sigma: 0.8)
    #expect(abs(d.mean - 1) < 1e-12)
    #expect(abs(d.variance - 0.896_480_879_304_951_2) < 1e-9)  // e^{0.64} − 1 (DOMAIN fixture 4)
    check("lognormal", mean: 1, variance: d.variance, seed: 4) { d.sample(using: &$0) }
  }
  @Test func logNormalFromMedianAndMean() {
    let d = LogNormalDistribution.fromMedian(30, mean: 265)
    #expect(abs(d.mean - 265) < 1e-9)
    var rng = Xoshiro256StarStar(seed: 11)
    var below = 0
    for _ in 0..<100_000 where d.sample(using: &rng) < 30 { below += 1 }
    #expect(abs(Double(below) / 100_000 - 0.5) < 0.01)
  }
  @Test(arguments: [0.5, 1.0, 4.5])
  func gamma(shape: Double) {
    let d = GammaDistribution(shape: shape, scale: 2)
    check("gamma(\(shape))", mean: d.mean, variance: d.variance, seed: 5) { d.sample(using: &$0) }
  }
  @Test func beta() {
    let d = BetaDistribution(alpha: 2, beta: 5)
    check("beta", mean: d.mean, variance: d.variance, seed: 6) { d.sample(using: &$0) }
  }
  @Test(arguments: [0.7, 4.0, 37.5, 1000.0])
  func poisson(mean: Double) {
    let d = PoissonDistribution(mean: mean)
    check("poisson(\(mean))", mean: mean, variance: mean, seed: 7) { Double(d.sample(using: &$0)) }
  }
  @Test func bernoulli() {
    let d = BernoulliDistribution(p: 0.3)
    check("bernoulli", mean: 0.3, variance: 0.21, seed: 8) { d.sample(using: &$0) ? 1 : 0 }
  }
  @Test func categoricalAlias() {
    let d = CategoricalDistribution(weights: [1, 0, 3, 6])
    #expect(d.probabilities == [0.1, 0, 0.3, 0.6])
    check("categorical", mean: d.mean, variance: d.variance, seed: 9) { Double(d.sample(using: &$0)) }
    var rng = Xoshiro256StarStar(seed: 10)
    for _ in 0..<100_000 { #expect(d.sample(using: &rng) != 1) }
  }
}
