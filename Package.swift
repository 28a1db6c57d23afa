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
    .target(name: "Market", dependencies: ["Simulation", "Matching", "Output"]),
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
