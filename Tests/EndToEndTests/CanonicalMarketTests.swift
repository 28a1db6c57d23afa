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
    #expect(Self.names.count >= 13)
    for n in ["smith1962", "smith1962-ziu", "smith1962-zip", "gs1", "gs1-ziu", "gs5", "gs5-ziu"] { #expect(Self.names.contains(n)) }
  }

  @Test(arguments: CanonicalMarketTests.names)
  func replaysByteForByte(name: String) throws {
    let out = BinaryRunner.scratch("canonical-\(name)")
    let r = try BinaryRunner.run(["run", "scenarios/canonical/\(name).json", "--trades", "--quiet", "--out", out,
                                  "--check", "results/canonical/\(name)"])
    #expect(r.status == 0, "\(name): \(r.stderr)")
  }
}
