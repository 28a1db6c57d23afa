/// What `run.json` records about one run: the program version, the scenario and its hash, the
/// seed, the overrides, events processed and wall time. It is the only output file allowed to
/// differ between identical runs (wall time); every CSV must be byte-identical.
public struct RunMetadata: Sendable {
  public var version: String
  public var scenarioName: String
  public var scenarioFile: String
  /// FNV-1a 64 of the resolved scenario text, in hex.
  public var scenarioHash: String
  public var seed: UInt64
  public var overrides: [String]
  public var eventsProcessed: Int
  /// Elapsed real time in seconds.
  public var wallSeconds: Double
  /// Extra model-specific facts, in order.
  public var extra: [(String, JSONText.Value)]

  public init(version: String, scenarioName: String, scenarioFile: String, scenarioHash: String,
              seed: UInt64, overrides: [String], eventsProcessed: Int, wallSeconds: Double,
              extra: [(String, JSONText.Value)] = []) {
    self.version = version; self.scenarioName = scenarioName; self.scenarioFile = scenarioFile
    self.scenarioHash = scenarioHash; self.seed = seed; self.overrides = overrides
    self.eventsProcessed = eventsProcessed; self.wallSeconds = wallSeconds; self.extra = extra
  }

  /// The JSON document.
  public var json: JSONText.Value {
    .object([
      ("version", .string(version)),
      ("scenario", .string(scenarioName)),
      ("scenario_file", .string(scenarioFile)),
      ("scenario_hash", .string(scenarioHash)),
      ("seed", .string(String(seed))),
      ("overrides", .array(overrides.map { .string($0) })),
      ("events_processed", .int(Int64(eventsProcessed))),
      ("wall_seconds", .double(wallSeconds)),
    ] + extra)
  }

  /// Writes `run.json` into `folder` atomically.
  public func write(toFolder folder: String) throws(OutputError) {
    try AtomicFile.write(JSONText.file(json), to: folder + "/run.json")
  }

  /// FNV-1a 64 of `text`, as 16 hex digits.
  public static func hash(_ text: String) -> String { FNV1a.hex(text) }
}
