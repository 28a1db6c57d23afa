import Foundation
import Testing

/// Every canonical scenario replays byte for byte against its golden folder in results/canonical/.
@Suite struct CanonicalMarketTests {
  static let names: [String] = {
    let dir = BinaryRunner.packageRoot.appendingPathComponent("scenarios/canonical").path
    return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".json") }
      .map { String($0.dropLast(5)) }.sorted()
  }()

  @Test func thereAreCanonicalMarkets() {
    #expect(Self.names.count >= 29)
    let gs = (1...5).flatMap { ["gs\($0)", "gs\($0)-ziu"] }
    let cliff = ["symmetric", "flat-supply", "excess-demand", "excess-supply"].flatMap { ["cliff-\($0)", "cliff-\($0)-zic"] }
    for n in ["smith1962", "smith1962-ziu", "smith1962-zip"] + gs + cliff {
      #expect(Self.names.contains(n), "scenarios/canonical/\(n).json")
      #expect(FileManager.default.fileExists(atPath: BinaryRunner.packageRoot.path + "/results/canonical/\(n)/summary.csv"), "golden \(n)")
    }
  }

  @Test(arguments: CanonicalMarketTests.names)
  func replaysByteForByte(name: String) throws {
    let out = BinaryRunner.scratch("canonical-\(name)")
    let r = try BinaryRunner.run(["run", "scenarios/canonical/\(name).json", "--trades", "--quiet", "--out", out,
                                  "--check", "results/canonical/\(name)"])
    #expect(r.status == 0, "\(name): \(r.stderr)")
  }
}
