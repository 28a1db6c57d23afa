// swift-tools-version:6.0
// DataMarketSim — a discrete-event simulator of an integrated national data market.
// Layers (dependencies point down only):
//   datamarket → Experiments → Scenario → Market → Simulation, Matching → Output
import PackageDescription

let package = Package(
  name: "DataMarketSim",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "datamarket", targets: ["datamarket"]),
    .library(name: "Simulation", targets: ["Simulation"]),
    .library(name: "Matching", targets: ["Matching"]),
  ],
  targets: [
    .target(name: "Output"),
    .target(name: "Simulation", dependencies: ["Output"]),
    .target(name: "Matching", dependencies: ["Output"]),
    // The data-market model is a class (it owns its matching engine), so every access to its
    // stored state would carry a dynamic exclusivity check (17% of a release run's instructions
    // under callgrind). Release builds leave them out, and they also leave out the Market layer's
    // bounds, overflow and precondition checks (-Ounchecked: 8.7% fewer instructions in the
    // national benchmark at 1/10 under callgrind, outputs byte-identical). Nothing in this layer
    // validates input — scenarios are checked in the Scenario layer, which keeps every check — so
    // these are checks of the model's own invariants. Debug builds, and so every test, keep all
    // of them, and `--check-invariants` runs the model's invariant checks in any build.
    .target(name: "Market", dependencies: ["Simulation", "Matching", "Output"],
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked", "-Ounchecked"], .when(configuration: .release))]),
    .target(name: "Scenario", dependencies: ["Market", "Simulation", "Matching", "Output"]),
    .target(name: "Experiments", dependencies: ["Scenario", "Output"]),
    .executableTarget(
      name: "datamarket",
      dependencies: ["Experiments", "Scenario", "Market", "Simulation", "Matching", "Output"]),
    .testTarget(name: "SimulationTests", dependencies: ["Simulation"]),
    .testTarget(name: "OutputTests", dependencies: ["Output"]),
    .testTarget(name: "MatchingTests", dependencies: ["Matching"]),
    .testTarget(name: "MarketTests", dependencies: ["Market", "Simulation", "Matching"]),
    .testTarget(name: "ScenarioTests", dependencies: ["Scenario", "Market", "Simulation", "Output"]),
    .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "Scenario", "Output"]),
    .testTarget(name: "EndToEndTests", dependencies: ["datamarket"]),
  ]
)
