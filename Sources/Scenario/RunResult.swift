import Output

/// What one run produced: the one-row summary, the per-period table, optionally the trades, and
/// counters for `run.json`. Every table is a pure function of (scenario, seed).
public struct RunResult: Sendable {
  /// Run-level metrics, in column order (`scenario`, `seed`, `overrides` are added on writing).
  public var metrics: [(name: String, value: CSVCell)]
  public var periods: CSVTable
  public var trades: CSVTable?
  /// Further per-entity files (e.g. `contracts.csv`, `providers.csv`), always written.
  public var entityTables: [(file: String, table: CSVTable)]
  public var eventsProcessed: Int
  /// A short table to print after a run (label, value); empty means every metric.
  public var headline: [(label: String, value: String)] = []

  public init(metrics: [(name: String, value: CSVCell)], periods: CSVTable, trades: CSVTable?,
              entityTables: [(file: String, table: CSVTable)] = [], eventsProcessed: Int) {
    self.metrics = metrics; self.periods = periods; self.trades = trades; self.entityTables = entityTables
    self.eventsProcessed = eventsProcessed
  }

  /// The `summary.csv` table for `scenario`.
  public func summary(for scenario: Scenario) -> CSVTable {
    var t = CSVTable(columns: ["scenario", "seed", "overrides"] + metrics.map(\.name))
    t.append([.text(scenario.name), .text(String(scenario.seed)), .text(scenario.overrides.joined(separator: ";"))] + metrics.map(\.value))
    return t
  }

  /// Writes `summary.csv`, `periods.csv`, `trades.csv` (when recorded) and `run.json` into
  /// `folder`, each atomically. Returns the paths written.
  @discardableResult
  public func write(scenario: Scenario, toFolder folder: String, version: String, wallSeconds: Double) throws(OutputError) -> [String] {
    try AtomicFile.createDirectory(folder)
    var written: [String] = []
    try summary(for: scenario).write(to: folder + "/summary.csv"); written.append(folder + "/summary.csv")
    try periods.write(to: folder + "/periods.csv"); written.append(folder + "/periods.csv")
    if let trades { try trades.write(to: folder + "/trades.csv"); written.append(folder + "/trades.csv") }
    for (file, table) in entityTables { try table.write(to: folder + "/" + file); written.append(folder + "/" + file) }
    let meta = RunMetadata(version: version, scenarioName: scenario.name, scenarioFile: scenario.file,
                           scenarioHash: scenario.hash, seed: scenario.seed, overrides: scenario.overrides,
                           eventsProcessed: eventsProcessed, wallSeconds: wallSeconds)
    try meta.write(toFolder: folder)
    written.append(folder + "/run.json")
    return written
  }
}
