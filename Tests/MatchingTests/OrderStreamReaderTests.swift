import Foundation
import Testing
@testable import Matching

/// The reader's input rules (issue 15): columns mapped by header name, a byte-order mark, CR
/// and CRLF line ends, RFC 4180 quoting, case-insensitive keywords, and header errors.
@Suite struct OrderStreamReaderTests {
  let canonical = """
    ts,action,order_id,side,type,tif,price,qty,owner
    1,new,1,sell,limit,gtc,101,5,a
    2,new,2,sell,limit,gtc,100,3,b
    3,new,3,buy,limit,gtc,102,7,c
    4,cancel,1,,,,,,a
    5,new,4,buy,limit,gtc,0,2,c

    """

  @Test func swappedColumnsAreMappedByHeaderName() throws {
    let swapped = """
      owner,qty,price,ts,order_id,action,tif,type,side
      a,5,101,1,1,new,gtc,limit,sell
      b,3,100,2,2,new,gtc,limit,sell
      c,7,102,3,3,new,gtc,limit,buy
      a,,,4,1,cancel,,,
      c,2,0,5,4,new,gtc,limit,buy

      """
    let expected = try OrderStreamFixtures.replay(canonical)
    #expect(expected.trades == "trade_id,ts,buy_order_id,sell_order_id,price,qty,aggressor\n1,3,3,2,100,3,buy\n2,3,3,1,101,4,buy\n")
    #expect(try OrderStreamFixtures.replay(swapped) == expected)
    // Header names in any case, and the optional instrument anywhere.
    let upper = "INSTRUMENT,Ts,Action,Order_ID,Side,Type,TIF,Qty,Price,Owner\nX,1,new,1,sell,limit,gtc,5,101,a\nX,2,new,2,buy,limit,gtc,5,101,b\n"
    #expect(try OrderStreamFixtures.replay(upper).trades == "trade_id,ts,buy_order_id,sell_order_id,price,qty,aggressor\n1,2,2,1,101,5,buy\n")
  }

  @Test func unusableHeadersAreErrorsNamingLineAndColumn() {
    #expect(throws: OrderStreamError("test.csv:1: column 9: expected a column name (ts, action, order_id, side, type, tif, price, qty, owner, instrument), found 'trader'")) {
      _ = try OrderStreamFixtures.replay("ts,action,order_id,side,type,tif,price,qty,trader\n")
    }
    #expect(throws: OrderStreamError("test.csv:1: column 8: the column 'PRICE' is named twice")) {
      _ = try OrderStreamFixtures.replay("ts,action,order_id,side,type,tif,price,PRICE,owner\n")
    }
    #expect(throws: OrderStreamError("test.csv:1: expected a column 'qty' in the header")) {
      _ = try OrderStreamFixtures.replay("ts,action,order_id,side,type,tif,price,owner\n")
    }
    // A header fixes the width: a 10-field line under a 9-name header is an error.
    #expect(throws: OrderStreamError("test.csv:2: expected 9 columns as in the header (ts,action,order_id,side,type,tif,price,qty,owner), found 10")) {
      _ = try OrderStreamFixtures.replay("ts,action,order_id,side,type,tif,price,qty,owner\n1,new,1,buy,limit,gtc,10,1,a,X\n")
    }
  }

  @Test func withoutHeaderTheContractOrderApplies() throws {
    let body = canonical.split(separator: "\n").dropFirst().joined(separator: "\n")
    #expect(try OrderStreamFixtures.replay(body).trades == OrderStreamFixtures.replay(canonical).trades)
    // A first data row whose free-text fields happen to be column names is still data.
    let (_, rows) = try OrderStreamFixtures.rows("ts,new,order_id,buy,limit,gtc,10,1,owner\n")
    #expect(rows.count == 1 && rows[0].action == .new)
  }

  @Test func byteOrderMarkIsSkipped() throws {
    let expected = try OrderStreamFixtures.replay(canonical)
    #expect(try OrderStreamFixtures.replay("\u{FEFF}" + canonical) == expected)
    let body = canonical.split(separator: "\n").dropFirst().joined(separator: "\n")
    #expect(try OrderStreamFixtures.replay("\u{FEFF}" + body) == expected)
  }

  @Test func crOnlyAndCRLFLineEndsAreLineEnds() throws {
    let expected = try OrderStreamFixtures.replay(canonical)
    #expect(try OrderStreamFixtures.replay(canonical.replacingOccurrences(of: "\n", with: "\r")) == expected)
    #expect(try OrderStreamFixtures.replay(canonical.replacingOccurrences(of: "\n", with: "\r\n")) == expected)
    let (_, rows) = try OrderStreamFixtures.rows(canonical.replacingOccurrences(of: "\n", with: "\r"))
    #expect(rows.map(\.line) == [2, 3, 4, 5, 6])
  }

  @Test func quotedFieldsFollowRFC4180() throws {
    let text = """
      "ts","action","order_id","side","type","tif","price","qty","owner"
      "1","new","a,1","sell","limit","gtc","100","5","x, ""the seller\"\"\"
       2 ,new, "b""2" ,buy,limit,gtc,"100",3,y
      "3,5",new,c3,"BUY",limit,gtc,100,1,z
      4,new,d4,"bu""y",limit,gtc,"1""0",1,z

      """
    let (t, e) = try OrderStreamFixtures.replay(text)
    #expect(t == "trade_id,ts,buy_order_id,sell_order_id,price,qty,aggressor\n1,2,\"b\"\"2\",\"a,1\",100,3,buy\n2,\"3,5\",c3,\"a,1\",100,1,buy\n")
    #expect(e.split(separator: "\n").map(String.init) == [
      "ts,order_id,event,side,price,qty,detail",
      "1,\"a,1\",accept,sell,100,5,",
      "2,\"b\"\"2\",accept,buy,100,3,",
      "\"3,5\",c3,accept,buy,100,1,",
      "4,d4,reject,\"bu\"\"y\",\"1\"\"0\",1,bad_side",
    ])
  }

  @Test func brokenQuotingIsAnErrorNamingLineAndColumn() {
    #expect(throws: OrderStreamError("test.csv:2: column 9: expected a closing quote before the end of the line")) {
      _ = try OrderStreamFixtures.replay("ts,action,order_id,side,type,tif,price,qty,owner\n1,new,1,buy,limit,gtc,10,1,\"a\n")
    }
    #expect(throws: OrderStreamError("test.csv:2: column 3: expected a comma after the closing quote")) {
      _ = try OrderStreamFixtures.replay("ts,action,order_id,side,type,tif,price,qty,owner\n1,new,\"1\"x,buy,limit,gtc,10,1,a\n")
    }
  }

  /// Keywords are ASCII case-insensitive; rejects still echo the text as written.
  @Test func keywordsAreCaseInsensitive() throws {
    let (t, e) = try OrderStreamFixtures.replay("""
      ts,action,order_id,side,type,tif,price,qty,owner
      1,NEW,1,Sell,LIMIT,Gtc,100,5,a
      2,New,2,BUY,Market,IOC,,2,b
      3,CANCEL,1,,,,,,a
      4,new,3,Bü,limit,gtc,100,1,c
      5,Replace,9,,,,,1,c
      """)
    #expect(t == "trade_id,ts,buy_order_id,sell_order_id,price,qty,aggressor\n1,2,2,1,100,2,buy\n")
    #expect(e.split(separator: "\n").dropFirst().map(String.init) == [
      "1,1,accept,sell,100,5,", "2,2,accept,buy,,2,", "3,1,cancel,sell,100,3,user",
      "4,3,reject,Bü,100,1,bad_side", "5,9,reject,,,1,unknown_order",
    ])
  }
}
