import Foundation
import Testing

@Suite struct ReplayTests {
  @Test func replayWritesTradesAndEventsAndChecks() throws {
    let dir = BinaryRunner.scratch("replay")
    let r = try BinaryRunner.run(["replay", "scenarios/orders/example.csv", "--out", dir + "/trades.csv", "--events", dir + "/events.csv", "--quiet"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(BinaryRunner.read(dir + "/trades.csv") == """
    trade_id,ts,buy_order_id,sell_order_id,price,qty,aggressor
    1,4,4,2,100,5,buy
    2,4,4,1,101,2,buy

    """)
    #expect(BinaryRunner.read(dir + "/events.csv") == """
    ts,order_id,event,side,price,qty,detail
    1,1,accept,sell,101,5,
    2,2,accept,sell,100,5,
    3,3,accept,buy,99,4,
    4,4,accept,buy,101,7,
    5,1,replace,sell,101,2,kept_priority
    6,5,accept,buy,,3,
    6,5,cancel,buy,,3,fok
    7,3,cancel,buy,99,4,user
    8,3,reject,buy,,,not_active
    9,6,reject,sell,0,1,bad_price

    """)
    let ok = try BinaryRunner.run(["replay", "scenarios/orders/example.csv", "--check", dir + "/trades.csv"])
    #expect(ok.status == 0 && ok.stdout.isEmpty)
    try "trade_id,ts,buy_order_id,sell_order_id,price,qty,aggressor\n1,4,4,2,100,5,buy\n2,4,4,1,101,3,buy\n"
      .write(toFile: dir + "/wrong.csv", atomically: true, encoding: .utf8)
    let bad = try BinaryRunner.run(["replay", "scenarios/orders/example.csv", "--check", dir + "/wrong.csv"])
    #expect(bad.status == 1)
    #expect(bad.stderr.contains("at line 3:\n  expected: 2,4,4,1,101,3,buy\n  actual:   2,4,4,1,101,2,buy"))
  }

  @Test func tradesGoToStandardOutputWithoutOut() throws {
    let r = try BinaryRunner.run(["replay", "scenarios/orders/example.csv"])
    #expect(r.status == 0 && r.stdout.hasPrefix("trade_id,ts,") && r.stdout.split(separator: "\n").count == 3)
  }

  @Test func aLineWithTheWrongColumnCountExits2AndWritesNothing() throws {
    let dir = BinaryRunner.scratch("replay-bad")
    try "ts,action,order_id,side,type,tif,price,qty,owner\n1,new,1,buy,limit,gtc,10,1,a\n2,new,2,buy\n"
      .write(toFile: dir + "/orders.csv", atomically: true, encoding: .utf8)
    let r = try BinaryRunner.run(["replay", dir + "/orders.csv", "--out", dir + "/trades.csv"])
    #expect(r.status == 2)
    #expect(r.stderr == "error: \(dir)/orders.csv:3: expected 9 columns as in the header (ts,action,order_id,side,type,tif,price,qty,owner), found 4\n")
    #expect(!FileManager.default.fileExists(atPath: dir + "/trades.csv"))
    let missing = try BinaryRunner.run(["replay", dir + "/nope.csv"])
    #expect(missing.status == 2 && missing.stderr == "error: \(dir)/nope.csv: cannot read: no such file\n")
  }

  @Test func exportedWorkloadReplaysAndBenchesFromFile() throws {
    let dir = BinaryRunner.scratch("export")
    let e = try BinaryRunner.run(["bench", "matching", "--commands", "20000", "--export-orders", dir + "/core.csv"])
    #expect(e.status == 0, "\(e.stderr)")
    let b = try BinaryRunner.run(["bench", "--orders", dir + "/core.csv", "--csv"])
    #expect(b.status == 0 && b.stdout.contains("matching,orders-file,21000,"), "\(b.stdout)\(b.stderr)")
  }
}
