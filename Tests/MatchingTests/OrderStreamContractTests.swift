import Testing
@testable import Matching

/// Hand-worked cases for every rule of the order-stream contract (ARCHITECTURE.md).
@Suite struct OrderStreamContractTests {
  let header = "ts,action,order_id,side,type,tif,price,qty,owner\n"

  func run(_ body: String) throws -> (trades: [String], events: [String]) {
    let (t, e) = try OrderStreamFixtures.replay(header + body)
    return (Array(t.split(separator: "\n").dropFirst().map(String.init)), Array(e.split(separator: "\n").dropFirst().map(String.init)))
  }

  @Test func priceTimePriorityAndRestingPrice() throws {
    let r = try run("""
    1,new,1,sell,limit,gtc,101,5,a
    2,new,2,sell,limit,gtc,100,5,b
    3,new,3,sell,limit,gtc,100,5,c
    4,new,4,buy,limit,gtc,102,12,d
    """)
    #expect(r.trades == ["1,4,4,2,100,5,buy", "2,4,4,3,100,5,buy", "3,4,4,1,101,2,buy"])
    #expect(r.events == ["1,1,accept,sell,101,5,", "2,2,accept,sell,100,5,", "3,3,accept,sell,100,5,", "4,4,accept,buy,102,12,"])
  }

  @Test func iocAndMarketRemaindersAreCancelled() throws {
    let r = try run("""
    1,new,1,sell,limit,gtc,100,3,a
    2,new,2,buy,limit,ioc,100,5,b
    3,new,3,sell,limit,gtc,100,2,a
    4,new,4,buy,market,gtc,,5,b
    5,new,5,buy,market,ioc,,1,b
    """)
    #expect(r.trades == ["1,2,2,1,100,3,buy", "2,4,4,3,100,2,buy"])
    #expect(r.events.contains("2,2,cancel,buy,100,2,ioc"))
    #expect(r.events.contains("4,4,cancel,buy,,3,market"))
    #expect(r.events.contains("5,5,cancel,buy,,1,market"))
    #expect(r.events.contains("5,5,accept,buy,,1,"))
  }

  @Test func fillOrKillAllOrNothing() throws {
    let r = try run("""
    1,new,1,sell,limit,gtc,100,3,a
    2,new,2,sell,limit,gtc,101,3,a
    3,new,3,buy,limit,fok,100,4,b
    4,new,4,buy,limit,fok,101,6,b
    5,new,5,sell,limit,gtc,100,3,a
    6,new,6,buy,market,fok,,4,b
    7,new,7,buy,market,fok,,3,b
    """)
    #expect(r.events.contains("3,3,cancel,buy,100,4,fok"))
    #expect(r.events.contains("6,6,cancel,buy,,4,fok"))
    #expect(r.trades == ["1,4,4,1,100,3,buy", "2,4,4,2,101,3,buy", "3,7,7,5,100,3,buy"])
  }

  @Test func validationOrderAndRejectFields() throws {
    let r = try run("""
    1,new,1,up,nolimit,xx,-1,0,a
    2,new,2,buy,nolimit,xx,-1,0,a
    3,new,3,buy,limit,xx,-1,0,a
    4,new,4,buy,limit,gtc,-1, 0 ,a
    5,new,5,buy,limit,gtc,abc,7,a
    6,new,6,buy,market,gtc,5,7,a
    7,new,7,buy,limit,gtc,,7,a
    8,new,8,buy,limit,gtc,10,7,a
    9,new,8,sell,limit,gtc,12,2,a
    10,bogus,9,buy,limit,gtc,10,7,a
    11,new,,buy,limit,gtc,10,7,a
    12,bogus,,x,y,z,p,q,a
    """)
    #expect(r.events == [
      "1,1,reject,up,-1,0,bad_side", "2,2,reject,buy,-1,0,bad_type", "3,3,reject,buy,-1,0,bad_tif",
      "4,4,reject,buy,-1,0,bad_qty", "5,5,reject,buy,abc,7,bad_price", "6,6,reject,buy,5,7,bad_price",
      "7,7,reject,buy,,7,bad_price", "8,8,accept,buy,10,7,", "9,8,reject,sell,12,2,duplicate_order_id",
      "10,9,reject,buy,10,7,bad_action", "11,,reject,buy,10,7,bad_order_id", "12,,reject,x,p,q,bad_order_id",
    ])
  }

  @Test func rejectedRowsDoNotReserveIds() throws {
    let r = try run("""
    1,new,1,buy,limit,gtc,0,5,a
    2,new,1,buy,limit,gtc,10,5,a
    """)
    #expect(r.events == ["1,1,reject,buy,0,5,bad_price", "2,1,accept,buy,10,5,"])
  }

  @Test func cancelRules() throws {
    let r = try run("""
    1,new,1,buy,limit,gtc,10,5,a
    2,cancel,1,,,,,,a
    3,cancel,1,,,,,,a
    4,cancel,77,,,,,,a
    5,new,2,sell,limit,gtc,20,5,a
    6,new,3,buy,limit,gtc,20,5,b
    7,cancel,2,,,,,,a
    """)
    #expect(r.events == ["1,1,accept,buy,10,5,", "2,1,cancel,buy,10,5,user", "3,1,reject,buy,,,not_active",
                         "4,77,reject,,,,unknown_order", "5,2,accept,sell,20,5,", "6,3,accept,buy,20,5,",
                         "7,2,reject,sell,,,not_active"])
  }

  @Test func replaceKeepsPriorityOnlyForSmallerQuantityAtSamePrice() throws {
    let r = try run("""
    1,new,1,sell,limit,gtc,100,5,a
    2,new,2,sell,limit,gtc,100,5,b
    3,replace,1,,,,,3,a
    4,new,3,buy,limit,ioc,100,1,c
    5,replace,1,,,,100,4,a
    6,new,4,buy,limit,ioc,100,1,c
    7,replace,2,,,,99,6,b
    8,replace,9,,,,,6,b
    9,replace,2,,,,x,6,b
    10,replace,2,,,,,0,b
    11,new,5,buy,limit,gtc,98,2,d
    12,replace,5,,,,101,10,d
    13,replace,1,,,,,1,a
    """)
    #expect(r.events == [
      "1,1,accept,sell,100,5,", "2,2,accept,sell,100,5,",
      "3,1,replace,sell,100,3,kept_priority",
      "4,3,accept,buy,100,1,",
      "5,1,replace,sell,100,4,lost_priority",
      "6,4,accept,buy,100,1,",
      "7,2,replace,sell,99,6,lost_priority",
      "8,9,reject,,,6,unknown_order",
      "9,2,reject,,x,6,bad_price",
      "10,2,reject,,,0,bad_qty",
      "11,5,accept,buy,98,2,",
      "12,5,replace,buy,101,10,lost_priority",
      "13,1,reject,sell,,1,not_active",
    ])
    // Order 1 kept priority (it trades first at row 4), then lost it (order 2 trades first at
    // row 6). Row 7 sets order 2's open quantity to 6 at 99; row 5 had set order 1's to 4. The
    // re-entered buy 5 for 10 at 101 takes 6 at 99, then 4 at 100, and is filled.
    #expect(r.trades == ["1,4,3,1,100,1,buy", "2,6,4,2,100,1,buy", "3,12,5,2,99,6,buy", "4,12,5,1,100,4,buy"])
  }

  @Test func instrumentsAreSeparateBooksAndIdsAreGlobal() throws {
    let (t, e) = try OrderStreamFixtures.replay("""
    ts,action,order_id,side,type,tif,price,qty,owner,instrument
    1,new,1,sell,limit,gtc,100,5,a,X
    2,new,2,buy,limit,gtc,100,5,b,Y
    3,new,1,buy,limit,gtc,100,5,b,Y
    4,new,3,buy,limit,gtc,100,2,b,X
    5,cancel,2,,,,,,b,X
    """)
    #expect(t == "trade_id,ts,buy_order_id,sell_order_id,price,qty,aggressor\n1,4,3,1,100,2,buy\n")
    #expect(e.contains("3,1,reject,buy,100,5,duplicate_order_id"))
    #expect(e.contains("5,2,cancel,buy,100,5,user"))
  }

  @Test func wrongColumnCountIsAnErrorNamingTheLine() throws {
    #expect(throws: OrderStreamError("test.csv:3: expected 9 columns as in the header (ts,action,order_id,side,type,tif,price,qty,owner), found 4")) {
      _ = try OrderStreamFixtures.replay(header + "1,new,1,buy,limit,gtc,10,5,a\n2,new,2,buy\n")
    }
  }

  @Test func nonNumericIdsAreText() throws {
    let r = try run("""
    1,new,abc,sell,limit,gtc,100,5,a
    2,new,007,buy,limit,gtc,100,2,b
    3,new,7,buy,limit,gtc,100,2,b
    4,cancel,abc,,,,,,a
    """)
    #expect(r.trades == ["1,2,007,abc,100,2,buy", "2,3,7,abc,100,2,buy"])
    #expect(r.events.last == "4,abc,cancel,sell,100,1,user")
  }

  /// The reader trims spaces and tabs, takes CRLF line ends and a last line without one, and a
  /// reject's "as written" fields are the row's trimmed text.
  @Test func readerTrimsFieldsAndTakesCRLF() throws {
    let text = "ts,action,order_id,side,type,tif,price,qty,owner\r\n"
      + " 1 ,new, 5 ,\tbuy , limit ,gtc, 100 , 3 ,a\r\n"
      + "2,new,6,sideways, limit ,gtc,  x1 , 7 ,b\r\n"
      + "3, new ,7,sell,limit,gtc,100,2,c"
    let (t, e) = try OrderStreamFixtures.replay(text)
    #expect(t == "trade_id,ts,buy_order_id,sell_order_id,price,qty,aggressor\n1,3,5,7,100,2,sell\n")
    #expect(e.split(separator: "\n").map(String.init) == [
      "ts,order_id,event,side,price,qty,detail",
      "1,5,accept,buy,100,3,",
      "2,6,reject,sideways,x1,7,bad_side",
      "3,7,accept,sell,100,2,",
    ])
  }
}
