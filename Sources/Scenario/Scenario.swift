import Foundation
import Market
import Output
import Simulation

/// A resolved, validated scenario: its name, seed, the overrides applied and the model's
/// configuration. Made only by ``Scenario/load(file:overrides:seed:)`` or ``Scenario/decode(_:file:)``.
public struct Scenario: Sendable {
  /// The kinds of model a scenario can drive.
  public static let kinds = ["mm1", "doubleAuction", "dataMarket"]
  /// Verification kinds: closed-form functions that check the analysis tools, not models of a market.
  public static let verificationKinds = ["testFunction"]

  /// Display name and results folder name (default: the file's base name); see ``ScenarioName``.
  public var name: String
  /// The master seed of every random stream.
  public var seed: UInt64
  /// The file it came from.
  public var file: String
  /// `--set` overrides in the order given.
  public var overrides: [String]
  /// FNV-1a hash of the resolved scenario (after extends and overrides).
  public var hash: String
  /// The model to run.
  public var model: ModelConfig

  /// Loads `file`, applies `overrides` and validates everything; `seed` replaces the file's seed.
  public static func load(file: String, overrides: [String] = [], seed: UInt64? = nil) throws(ScenarioError) -> Scenario {
    let root = try ScenarioLoader.apply(overrides: overrides, to: ScenarioLoader.load(file))
    var resolved = root
    if let seed {
      resolved = try ScenarioLoader.apply(overrides: ["seed=\(seed)"], to: root)
    }
    do {
      var scenario = try decode(resolved, file: file)
      scenario.overrides = overrides
      return scenario
    } catch {
      throw OverrideAttribution.attribute(error, overrides: overrides)
    }
  }

  /// Validates a resolved JSON tree.
  public static func decode(_ root: JSONNode, file: String) throws(ScenarioError) -> Scenario {
    var r = try ConfigReader(root)
    let base = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
    let name = try ScenarioName.read(&r, fileBase: base)
    _ = try r.string("description", default: "")
    guard r.node["kind"] != nil else {
      // a misspelt `kind` is reported as such
      if case .object(let members) = root.value,
         let near = members.first(where: { EditDistance.suggestion(for: $0.key, among: ["kind"]) != nil }) {
        throw .unknownKey(source: near.value.source, path: "$." + near.key, suggestion: "kind")
      }
      throw .missing(source: root.source, path: "$.kind", expected: "the model to run: one of " + kinds.map { "\"\($0)\"" }.joined(separator: ", "))
    }
    let kind = try r.string("kind", default: "", allowed: kinds + verificationKinds)
    let seed = try r.seed("seed", default: 1)
    let model: ModelConfig
    switch kind {
    case "doubleAuction": model = .doubleAuction(try DoubleAuctionScenario.decode(&r, seed: seed))
    case "dataMarket": model = .dataMarket(try DataMarketScenario.decode(&r))
    case "testFunction": model = .testFunction(try TestFunctionScenario.decode(&r))
    default: model = .mm1(try MM1Scenario.decode(&r))
    }
    try r.finish()
    return Scenario(name: name, seed: seed, file: file, overrides: [], hash: RunMetadata.hash(root.canonicalText), model: model)
  }
}

/// The configuration of the model a scenario runs, one case per scenario kind.
public enum ModelConfig: Sendable {
  case mm1(MM1Queue.Parameters)
  case doubleAuction(DoubleAuctionConfig)
  case dataMarket(DataMarketConfig)
  case testFunction(TestFunctionModel)
}
