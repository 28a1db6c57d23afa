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

  /// The outputs, the input and the --check file must be different files, however named.
  @Test func aFileNamedTwiceIsRefused() throws {
    let dir = BinaryRunner.scratch("replay-same")
    try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: BinaryRunner.packageRoot.path + "/scenarios/orders/example.csv", toPath: dir + "/orders.csv")
    try "x\n".write(toFile: dir + "/old.csv", atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(atPath: dir + "/link.csv", withDestinationPath: dir + "/old.csv")
    let before = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    let cases: [[String]] = [
      ["--out", dir + "/t.csv", "--events", dir + "/t.csv"],
      ["--out", dir + "/t.csv", "--events", dir + "/./t.csv"],
      ["--out", dir + "/t.csv", "--events", dir + "/sub/../t.csv"],
      ["--out", dir + "/link.csv", "--events", dir + "/old.csv"],
      ["--out", dir + "/t.csv", "--check", dir + "/t.csv"],
      ["--events", dir + "/e.csv", "--check", dir + "//e.csv"],
      ["--out", dir + "/orders.csv"],
      ["--check", dir + "/orders.csv"],
    ]
    for args in cases {
      let r = try BinaryRunner.run(["replay", dir + "/orders.csv"] + args)
      #expect(r.status == 2 && r.stderr.contains("name the same file") && r.stdout.isEmpty, "\(args): \(r.status) \(r.stderr)")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == before)
    let folder = try BinaryRunner.run(["replay", dir + "/orders.csv", "--out", dir + "/sub"])
    #expect(folder.status == 2 && folder.stderr.hasPrefix("error: --out '\(dir)/sub' is a folder: expected a file to write"), "\(folder.stderr)")
    let relative = try BinaryRunner.run(["replay", "scenarios/orders/example.csv", "--out", "scenarios/../same-\(getpid()).csv", "--events", "./same-\(getpid()).csv"])
    #expect(relative.status == 2 && relative.stderr.contains("--out and --events name the same file"))
    #expect(!FileManager.default.fileExists(atPath: BinaryRunner.packageRoot.path + "/same-\(getpid()).csv"))
  }

  /// A stream that fails part-way leaves no output, no temporary file, and prints no trades.
  @Test func aFailedReplayLeavesNothing() throws {
    let dir = BinaryRunner.scratch("replay-fail")
    try "ts,action,order_id,side,type,tif,price,qty,owner\n1,new,1,sell,limit,gtc,10,5,a\n2,new,2,buy,limit,gtc,10,5,b\n3,new,3\n"
      .write(toFile: dir + "/orders.csv", atomically: true, encoding: .utf8)
    let r = try BinaryRunner.run(["replay", dir + "/orders.csv", "--out", dir + "/trades.csv", "--events", dir + "/events.csv"])
    #expect(r.status == 2 && r.stderr.hasPrefix("error: \(dir)/orders.csv:4: expected 9 columns"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["orders.csv"])
    let toStdout = try BinaryRunner.run(["replay", dir + "/orders.csv"])
    #expect(toStdout.status == 2 && toStdout.stdout.isEmpty)
  }

  /// Header names, a byte-order mark, CRLF and quotes through the binary.
  @Test func headerOrderBOMAndQuotesThroughTheBinary() throws {
    let dir = BinaryRunner.scratch("replay-header")
    try "\u{FEFF}owner,qty,price,ts,order_id,action,tif,type,side\r\nalice,5,100,1,1,NEW,GTC,limit,sell\r\n\"b,c\",2,100,2,\"x\"\"y\",new,ioc,limit,BUY\r\n"
      .write(toFile: dir + "/orders.csv", atomically: true, encoding: .utf8)
    let r = try BinaryRunner.run(["replay", dir + "/orders.csv"])
    #expect(r.status == 0 && r.stdout == "trade_id,ts,buy_order_id,sell_order_id,price,qty,aggressor\n1,2,\"x\"\"y\",1,100,2,buy\n", "\(r.stderr)")
  }

  /// --check reports the first differing line as before, also where one file ends early.
  @Test func checkNamesTheLineWhereOneFileEnds() throws {
    let dir = BinaryRunner.scratch("replay-check")
    let trades = "trade_id,ts,buy_order_id,sell_order_id,price,qty,aggressor\n1,4,4,2,100,5,buy\n2,4,4,1,101,2,buy\n"
    try (trades + "3,9,9,9,1,1,buy\n").write(toFile: dir + "/longer.csv", atomically: true, encoding: .utf8)
    try String(trades.dropLast()).write(toFile: dir + "/unterminated.csv", atomically: true, encoding: .utf8)
    let longer = try BinaryRunner.run(["replay", "scenarios/orders/example.csv", "--check", dir + "/longer.csv"])
    #expect(longer.status == 1 && longer.stderr.contains("trades differs from \(dir)/longer.csv at line 4:\n  expected: 3,9,9,9,1,1,buy\n  actual:   \n"))
    let short = try BinaryRunner.run(["replay", "scenarios/orders/example.csv", "--out", dir + "/t.csv", "--check", dir + "/unterminated.csv"])
    #expect(short.status == 1 && short.stderr.contains("\(dir)/t.csv differs from \(dir)/unterminated.csv at line 4:\n  expected: <end of file>\n  actual:   \n"))
  }
}
