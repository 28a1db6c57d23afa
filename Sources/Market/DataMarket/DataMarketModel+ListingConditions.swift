extension DataMarketModel {
  /// M5's two conditions on a listing a buyer weighs, tabulated once per run: whether a buyer of
  /// region r recognises the certificates of products of region r̂ (``CertificateRecognition``)
  /// and whether exchange e lies outside region r, each as an indicator, 1 or 0. The buyers'
  /// loops load them rather than compare regions — a branch on a randomly drawn product's region,
  /// which the processor mispredicts about as often as not — and compute with them as numbers
  /// (``Swift/Bool/indicator``: the values are those the branches gave).
  struct ListingConditions {
    let regions: Int, exchanges: Int
    /// 1[a buyer of region r recognises certificates of region r̂] at [r · regions + r̂].
    let recognises: [Double]
    /// 1[exchange e is outside region r] at [r · exchanges + e].
    let outside: [Double]
    /// M2's posterior π̂ that a listed product is bad, after the screens it passed: exchange e's
    /// review, a recognised certificate (c = 1) and an inspected sample (s = 1), at
    /// [(e · 2 + c) · 2 + s]; a bilateral offer's (no review) at [exchanges · 4 + c · 2 + s]. The
    /// values are those ``Valuation/posteriorBad(prior:pass:)`` gives each buyer, computed from the
    /// same products of (1 − d) in the same order; the buyers' loops load them rather than divide.
    let posteriors: [Double]

    init(_ c: DataMarketConfig) {
      regions = c.regions.count
      exchanges = c.exchanges.count
      let n = regions
      recognises = (0..<n * n).map { DataMarketModel.certificateRecognition(c, buyerRegion: $0 / n).recognises(productRegion: $0 % n) ? 1 : 0 }
      outside = c.regions.indices.flatMap { r in c.exchanges.map { $0.region != r ? 1.0 : 0 } }
      // indicators as the loops hold them, 0 or 1, so each product below is the loops' own
      let listed = c.exchanges.flatMap { x in [0.0, 1].map { (1 - x.detection) * (1 - c.registry.detection * $0) } }
      let bilateral = [0.0, 1].map { 1 - c.registry.detection * $0 }
      posteriors = (listed + bilateral).flatMap { screens in
        [0.0, 1].map { Valuation.posteriorBad(prior: c.badShare, pass: screens * (1 - c.sampleDetection * $0)) }
      }
    }

    /// π̂ of a product that passed exchange `e`'s review (−1: a bilateral offer, no review) and,
    /// where `recognised` is 1, a recognised certificate: without and with a sample inspected.
    @inline(__always)
    func posteriorsBad(exchange e: Int, recognised: Double) -> (withoutSample: Double, withSample: Double) {
      let i = ((e >= 0 ? e : exchanges) * 2 + Int(recognised)) * 2
      return (posteriors[i], posteriors[i + 1])
    }

    /// 1[product `p` is certified and a buyer of region `r` recognises its certificate], and
    /// 1[exchange `e` is outside region `r`].
    @inline(__always)
    func indicators(_ p: Product, exchange e: Int, buyerRegion r: Int) -> (recognised: Double, crossRegion: Double) {
      (p.certified.indicator * recognises[r * regions + p.region], outside[r * exchanges + e])
    }
  }
}
