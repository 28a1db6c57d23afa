import Experiments
import Scenario

/// `datamarket validate`: checks scenario files without running them.
enum ValidateCommand: Command {
  static let name = "validate"
  static let abstract = "Check scenario, sweep and calibration files without running them."
  static let usage = "datamarket validate FILE... [--set KEY.PATH=VALUE]..."
  static let options: [OptionSpec] = [
    OptionSpec(name: "set", valueName: "KEY.PATH=VALUE", repeatable: true, help: "Validate with an override applied."),
  ]
  static let positionals = 1...Int.max

  static func run(_ args: ParsedArguments) throws(CLIError) {
    for file in args.positionals {
      let root = try? ScenarioLoader.parseFile(file)
      if root?["base"] != nil, root?["targets"] != nil {
        do {
          let spec = try CalibrationSpec.load(file)
          print("\(file): ok (calibration: \(spec.parameters.count) parameters, \(spec.targets.count) targets, ≤ \(spec.maxEvaluations) evaluations × \(spec.seeds.count) seeds)")
        } catch {
          throw .input(error.description)
        }
        continue
      }
      if root?["base"] != nil {
        do {
          let spec = try SweepSpec.load(file)
          print("\(file): ok (sweep: \(spec.points.count) points × \(spec.replications) replications = \(spec.runCount) runs)")
        } catch {
          throw .input(error.description)
        }
        continue
      }
      do {
        let s = try Scenario.load(file: file, overrides: args.all("set"))
        print("\(file): ok (\(s.name), \(s.kindName); \(WorkEstimate.of(s).summary))")
      } catch {
        throw .input(error.description)
      }
    }
  }
}

extension Scenario {
  /// The scenario kind, as written in files.
  var kindName: String {
    switch model {
    case .mm1: return "mm1"
    case .doubleAuction: return "doubleAuction"
    case .dataMarket: return "dataMarket"
    case .testFunction: return "testFunction"
    }
  }
}
