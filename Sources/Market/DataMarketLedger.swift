/// A party to the data market's money flows: buyers, private providers, the public-data
/// operator, the registry, the government, the world outside the market (benefits come from it,
/// real costs go to it), and each exchange.
public struct LedgerAccount: Hashable, Sendable {
  /// Row of the account in a ledger's balances.
  public let index: Int
  public static let buyers = LedgerAccount(index: 0)
  public static let providers = LedgerAccount(index: 1)
  public static let publicOperator = LedgerAccount(index: 2)
  public static let registry = LedgerAccount(index: 3)
  public static let government = LedgerAccount(index: 4)
  public static let world = LedgerAccount(index: 5)
  static let fixedAccounts = 6
  /// Exchange `e` (from 0).
  public static func exchange(_ e: Int) -> LedgerAccount { LedgerAccount(index: fixedAccounts + e) }
}

/// What a posting is for. Prices and fees are transfers between parties; `benefit` and
/// `realCost` cross the market's boundary (to and from the world).
public enum LedgerFlow: Int, CaseIterable, Sendable {
  case price, buyerFee, sellerFee, membershipFee, listingFee, reviewFee, registrationFee, clawback, benefit, realCost
  /// M10's readiness subsidy (government → providers) and M9's enforcement damages (world → providers).
  case subsidy, damages
}

/// Money and welfare of one reporting period as double-entry postings: every posting moves an
/// amount of one flow from one account to another, so money is conserved by construction (each
/// flow sums to zero over the accounts) and every figure — payments, receipts, fees, surpluses,
/// profits, welfare, and each exchange's own — is derived from the balances, never posted twice.
/// Money in RMB 10,000.
///
/// Identities (hold by construction; tested as properties over random scenarios):
/// - buyer payments = provider receipts + exchange trade fees + public-operator revenue;
/// - total welfare = buyer surplus + provider profit + exchange profit + operator profit −
///   government cost = Σ benefits − Σ real costs.
public struct DataMarketLedger: Sendable, Equatable {
  /// Number of exchange accounts.
  public let exchanges: Int
  /// balances[account.index × flows + flow]: what the account received (+) or paid (−).
  var balances: [Double]
  /// Benefits in expectation: each contract's true mean benefit E[Y], booked when it is signed.
  /// A memo line, not a transfer: welfare on it is free of the heavy-tailed benefit shocks Z.
  public var expectedBenefits = 0.0

  static let flows = LedgerFlow.allCases.count

  public init(exchanges: Int = 0) {
    self.exchanges = exchanges
    balances = Array(repeating: 0, count: (LedgerAccount.fixedAccounts + exchanges) * Self.flows)
  }

  /// Moves `amount` of `flow` from `from` to `to`. No allocation.
  public mutating func post(_ amount: Double, _ flow: LedgerFlow, from: LedgerAccount, to: LedgerAccount) {
    balances[from.index * Self.flows + flow.rawValue] -= amount
    balances[to.index * Self.flows + flow.rawValue] += amount
  }

  /// What `account` received (+) or paid (−) of `flow`.
  public func balance(_ account: LedgerAccount, _ flow: LedgerFlow) -> Double { balances[account.index * Self.flows + flow.rawValue] }

  /// `account`'s net over every flow.
  public func balance(_ account: LedgerAccount) -> Double {
    var sum = 0.0
    for f in 0..<Self.flows { sum += balances[account.index * Self.flows + f] }
    return sum
  }

  /// Σ over the exchange accounts of `value`.
  func overExchanges(_ value: (LedgerAccount) -> Double) -> Double {
    var sum = 0.0
    for e in 0..<exchanges { sum += value(.exchange(e)) }
    return sum
  }

  /// Prices and buyer-side fees paid by buyers (membership fees included).
  public var buyerPayments: Double { -(balance(.buyers, .price) + balance(.buyers, .buyerFee) + balance(.buyers, .membershipFee)) }
  /// What private providers receive for sales, net of the seller fee.
  public var providerReceipts: Double { balance(.providers, .price) + balance(.providers, .sellerFee) }
  /// φ_b·P + φ_s·P + m_b collected by exchanges on trades.
  public var exchangeTradeFees: Double {
    overExchanges { balance($0, .buyerFee) + balance($0, .sellerFee) + balance($0, .membershipFee) }
  }
  /// What the public operator receives for sales, net of the seller fee.
  public var publicOperatorRevenue: Double { balance(.publicOperator, .price) + balance(.publicOperator, .sellerFee) }
  /// Listing and review fees (providers → exchanges) and registration fees (providers → registry).
  public var listingFees: Double { overExchanges { balance($0, .listingFee) } }
  public var reviewFees: Double { overExchanges { balance($0, .reviewFee) } }
  public var registrationFees: Double { balance(.registry, .registrationFee) }
  /// Realised benefits Y (buyers), booked when they realise.
  public var benefits: Double { balance(.buyers, .benefit) }
  /// Real costs: buyers' search, due diligence and cross-region friction; providers' fixed and
  /// marginal costs; exchanges' operating and review costs; registry; public operator.
  public var buyerRealCosts: Double { -balance(.buyers, .realCost) }
  public var providerRealCosts: Double { -balance(.providers, .realCost) }
  public var exchangeRealCosts: Double { -overExchanges { balance($0, .realCost) } }
  public var registryRealCosts: Double { -balance(.registry, .realCost) }
  public var publicOperatorCosts: Double { -balance(.publicOperator, .realCost) }
  /// The public operator's revenue above MAR returned at a yearly review (operator → government).
  public var clawbacks: Double { balance(.government, .clawback) }

  /// Buyer surplus BS = Σ Y − payments − buyer real costs.
  public var buyerSurplus: Double { balance(.buyers) }
  /// Provider profit PP (private providers): receipts − costs − listing, review, registration fees.
  public var providerProfit: Double { balance(.providers) }
  /// Exchange profit Rev_e − Cost_e, summed over the exchanges.
  public var exchangeProfit: Double { overExchanges { balance($0) } }
  /// Public operator profit: revenue − costs − clawbacks.
  public var operatorProfit: Double { balance(.publicOperator) }
  /// Government cost: registry costs not covered by fees, less clawbacks received.
  public var governmentCost: Double { -(balance(.registry) + balance(.government)) }
  /// TW from its components.
  public var totalWelfare: Double { buyerSurplus + providerProfit + exchangeProfit + operatorProfit - governmentCost }
  /// TW from resources: benefits less real costs (fees and prices are transfers).
  public var resourceWelfare: Double { -balance(.world) }
  /// Buyer surplus with benefits in expectation (E[Y] for Y).
  public var expectedBuyerSurplus: Double { buyerSurplus - benefits + expectedBenefits }
  /// Total welfare with benefits in expectation.
  public var expectedTotalWelfare: Double { totalWelfare - benefits + expectedBenefits }

  /// Exchange `e`'s own view: only its account's balances (its trade fees and profit).
  public func exchangeView(_ e: Int) -> DataMarketLedger {
    var view = DataMarketLedger(exchanges: exchanges)
    let row = LedgerAccount.exchange(e).index * Self.flows
    for f in 0..<Self.flows { view.balances[row + f] = balances[row + f] }
    return view
  }

  /// Adds another period's ledger (with as many exchanges).
  public mutating func add(_ o: DataMarketLedger) {
    precondition(o.balances.count == balances.count, "ledgers of markets with different exchanges")
    for i in balances.indices { balances[i] += o.balances[i] }
    expectedBenefits += o.expectedBenefits
  }
}
