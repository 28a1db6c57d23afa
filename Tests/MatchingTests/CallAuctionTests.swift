import Testing
@testable import Matching

@Suite struct CallAuctionTests {
  func auction(_ orders: [CallAuction.Order]) -> CallAuction {
    var a = CallAuction()
    for o in orders { a.add(o) }
    return a
  }

  /// Bids 10@105, 10@103, 10@101; asks 10@100, 10@102, 10@104.
  /// D: 100→30, 101→30, 102→20, 103→20, 104→10, 105→10; S: 100→10, 101→10, 102→20, 103→20, 104→30, 105→30.
  /// Volume 20 at 102 and 103 (imbalance 0 both); reference 100 picks 102.
  @Test func maximisesVolumeThenImbalanceThenReference() {
    let a = auction([
      .init(id: 1, side: .buy, price: 105, quantity: 10), .init(id: 2, side: .buy, price: 103, quantity: 10),
      .init(id: 3, side: .buy, price: 101, quantity: 10), .init(id: 4, side: .sell, price: 100, quantity: 10),
      .init(id: 5, side: .sell, price: 102, quantity: 10), .init(id: 6, side: .sell, price: 104, quantity: 10),
    ])
    let r = a.clear(referencePrice: 100)
    #expect(r.price == 102 && r.volume == 20 && r.imbalance == 0)
    #expect(r.executions == [.init(buyID: 1, sellID: 4, quantity: 10), .init(buyID: 2, sellID: 5, quantity: 10)])
    #expect(a.clear(referencePrice: 200).price == 103)
  }

  /// Bids 5@10, 5@9; asks 8@8. V = 8 at 8 (D 10, imbalance 2) and 9 (D 10, imb 2): V(10) = 5.
  /// Tie on volume and imbalance; reference 9 → 9. Allocation: bid@10 fully (time irrelevant), bid@9 gets 3.
  @Test func partialFillAtTheMargin() {
    let a = auction([.init(id: 1, side: .buy, price: 9, quantity: 5), .init(id: 2, side: .buy, price: 10, quantity: 5),
                     .init(id: 3, side: .sell, price: 8, quantity: 8)])
    let r = a.clear(referencePrice: 9)
    #expect(r.price == 9 && r.volume == 8 && r.imbalance == 2)
    #expect(r.executions == [.init(buyID: 2, sellID: 3, quantity: 5), .init(buyID: 1, sellID: 3, quantity: 3)])
  }

  @Test func timePriorityWithinAPriceAndMarketOrders() {
    let a = auction([.init(id: 1, side: .buy, price: 10, quantity: 4), .init(id: 2, side: .buy, price: 10, quantity: 4),
                     .init(id: 3, side: .sell, price: nil, quantity: 6)])
    let r = a.clear(referencePrice: 10)
    #expect(r.price == 10 && r.volume == 6)
    #expect(r.executions == [.init(buyID: 1, sellID: 3, quantity: 4), .init(buyID: 2, sellID: 3, quantity: 2)])
  }

  @Test func nothingTradesWhenBidsAreBelowAsks() {
    let r = auction([.init(id: 1, side: .buy, price: 5, quantity: 1), .init(id: 2, side: .sell, price: 6, quantity: 1)])
      .clear(referencePrice: 5)
    #expect(r.price == nil && r.volume == 0 && r.executions.isEmpty)
  }

  @Test func nonDepletingSellSuppliesEveryBidAtOrAboveItsPrice() {
    let r = auction([.init(id: 1, side: .sell, price: 20, quantity: 1, unlimited: true),
                     .init(id: 2, side: .buy, price: 25, quantity: 3), .init(id: 3, side: .buy, price: 19, quantity: 3),
                     .init(id: 4, side: .buy, price: 30, quantity: 2)])
      .clear(referencePrice: 20)
    #expect(r.volume == 5 && r.price == 20)
    #expect(r.executions.map(\.buyID) == [4, 2])
  }
}
