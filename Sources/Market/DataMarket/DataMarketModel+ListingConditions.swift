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

    init(_ c: DataMarketConfig) {
      regions = c.regions.count
      exchanges = c.exchanges.count
      let n = regions
      recognises = (0..<n * n).map { DataMarketModel.certificateRecognition(c, buyerRegion: $0 / n).recognises(productRegion: $0 % n) ? 1 : 0 }
      outside = c.regions.indices.flatMap { r in c.exchanges.map { $0.region != r ? 1.0 : 0 } }
    }

    /// 1[product `p` is certified and a buyer of region `r` recognises its certificate], and
    /// 1[exchange `e` is outside region `r`].
    @inline(__always)
    func indicators(_ p: Product, exchange e: Int, buyerRegion r: Int) -> (recognised: Double, crossRegion: Double) {
      (p.certified.indicator * recognises[r * regions + p.region], outside[r * exchanges + e])
    }
  }
}
