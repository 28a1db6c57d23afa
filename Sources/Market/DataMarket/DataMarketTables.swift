import Output

/// The data market's per-entity tables: `contracts.csv` (every contract), `providers.csv` (every
/// product and its provider) and `trades.csv` (with `--trades`). Money in RMB 10,000, time in days.
public enum DataMarketTables {
  /// One row per contract signed; `type` FREE for a free public-interest use of public data;
  /// `version` basic for M3's basic version, else full.
  public static func contracts(_ model: DataMarketModel) -> CSVTable {
    let c = model.config
    var contracts = CSVTable(columns: ["contract", "signed_day", "product", "buyer_region", "segment", "exchange", "type", "price_wan_rmb",
                                       "upfront_wan_rmb", "share", "bonus_wan_rmb", "threshold_wan_rmb", "believed_benefit_wan_rmb",
                                       "true_mean_benefit_wan_rmb", "benefit_wan_rmb", "paid_wan_rmb", "defaulted", "bad_product", "version"])
    for k in model.contracts {
      contracts.append([.int(k.id), .double(k.signedAt), .int(Int(k.product)), .text(c.regions[k.buyerRegion].name),
                        .text(c.buyers.segments[k.segment].name), .text(k.exchange >= 0 ? c.exchanges[k.exchange].name : "off-exchange"),
                        .text(k.free ? "FREE" : k.terms.type.rawValue), .double(k.price), .double(k.terms.upfront), .double(k.terms.share), .double(k.terms.bonus),
                        .double(k.terms.threshold), .double(k.believedMeanBenefit), .double(k.trueMeanBenefit), .double(k.benefit),
                        .double(k.paid), .bool(k.defaulted), .bool(model.products[Int(k.product)].bad),
                        .text(k.basicVersion ? "basic" : "full")])
    }
    return contracts
  }

  /// One row per product (a private provider's, or one of the public operator's).
  public static func providers(_ model: DataMarketModel) -> CSVTable {
    let c = model.config
    var providers = CSVTable(columns: ["product", "region", "public", "bad", "quality", "claimed_quality", "readiness", "certified", "exchange",
                                       "listed", "price_wan_rmb", "basic_price_wan_rmb", "sales", "revenue_wan_rmb", "fees_wan_rmb", "costs_wan_rmb", "profit_wan_rmb"])
    for (i, p) in model.products.enumerated() {
      providers.append([.int(i), .text(c.regions[p.region].name), .bool(p.isPublic), .bool(p.bad), .double(p.quality), .double(p.claimedQuality),
                        .double(p.readiness), .bool(p.certified), .text(p.exchange >= 0 ? c.exchanges[p.exchange].name : ""), .bool(p.listed),
                        .double(p.price), .double(model.basicPrices[i]), .int(p.sales), .double(p.revenue), .double(p.fees), .double(p.costs),
                        .double(p.revenue - p.fees - p.costs)])
    }
    return providers
  }

  /// One row per trade (a contract's signing).
  public static func trades(_ model: DataMarketModel) -> CSVTable {
    let c = model.config
    var tt = CSVTable(columns: ["day", "product", "exchange", "buyer_region", "price_wan_rmb", "contract"])
    for k in model.contracts {
      tt.append([.double(k.signedAt), .int(Int(k.product)), .text(k.exchange >= 0 ? c.exchanges[k.exchange].name : "off-exchange"),
                 .text(c.regions[k.buyerRegion].name), .double(k.price), .text(k.free ? "FREE" : k.terms.type.rawValue)])
    }
    return tt
  }
}
