import Dispatch
import Foundation
import Output
import Scenario

/// Runs a calibration by the method of simulated moments: bounded Nelder–Mead (``NelderMead``)
/// over the parameters, each evaluation running the base scenario at the fixed seeds (common
/// random numbers) on `jobs` workers, the objective being the weighted squared relative errors of
/// the simulated means against the targets (``CalibrationEvaluation``).
///
/// - Journal: every finished evaluation is appended to `calibration.journal` (the sweep's
///   ``Journal`` format, run index = evaluation number). On resume the optimiser is re-run from
///   the start, deterministically; evaluations found in the journal are read instead of
///   simulated, so a killed calibration ends with the same result as an uninterrupted one.
/// - Folder: refused when it holds anything but this calibration, unless `force` (which empties it).
public struct Calibrator {
  /// Where a calibration stands: evaluations done (of the budget), how many came from the
  /// journal, the best objective so far, seconds since it started.
  public struct Progress: Sendable {
    public var done: Int, budget: Int, fromJournal: Int, best: Double, seconds: Double
  }

  /// What a calibration found.
  public struct Outcome: Sendable {
    /// Every evaluation, in order.
    public var evaluations: [CalibrationEvaluation]
    /// The index of the best one (the first with the lowest objective).
    public var best: Int
    /// Evaluations read from the journal rather than simulated.
    public var fromJournal: Int
    /// Simplexes started (1 + restarts used).
    public var starts: Int
  }

  public static let journalName = "calibration.journal"

  public let spec: CalibrationSpec
  public let folder: String
  public let jobs: Int
  public let force: Bool
  /// The tool version written into `calibration.json`.
  public let version: String

  public init(spec: CalibrationSpec, folder: String, jobs: Int, force: Bool = false, version: String) {
    self.spec = spec; self.folder = folder; self.jobs = max(1, jobs); self.force = force; self.version = version
  }

  /// Runs (or resumes) the calibration and writes its outputs (``CalibrationOutputs``).
  @discardableResult
  public func run(progress: (@Sendable (Progress) -> Void)? = nil, warn: (String) -> Void = { _ in }) throws(SweepError) -> Outcome {
    let lock = try prepareFolder()
    defer { lock.release() }
    let known = try loadJournal(warn: warn)
    let journal = try Journal(path: folder + "/" + Calibrator.journalName, identity: spec.identity)
    defer { journal.close() }
    let base: JSONNode
    do { base = try ScenarioLoader.load(spec.baseFile) } catch { throw SweepError(error.description) }
    var state = SearchState(known: known, start: DispatchTime.now().uptimeNanoseconds)
    let optimiser = NelderMead(start: spec.start, maxEvaluations: spec.maxEvaluations, restarts: spec.restarts, tolerance: spec.tolerance)
    let result: NelderMead.Result
    do {
      result = try optimiser.minimise { batch in
        try self.evaluate(batch, base: base, journal: journal, state: &state, progress: progress, warn: warn)
      }
    } catch let e as SweepError { throw e } catch { throw SweepError("\(error)") }
    let objectives = state.evaluations.map { $0.objective(spec.targets) }
    let best = objectives.indices.min { objectives[$0] < objectives[$1] || (objectives[$0] == objectives[$1] && $0 < $1) } ?? 0
    let outcome = Outcome(evaluations: state.evaluations, best: best, fromJournal: state.fromJournal, starts: result.starts)
    guard objectives.indices.contains(best), objectives[best].isFinite else {
      // nothing was fitted: the trace and the start point's fit say why; no calibrated.json
      do { try CalibrationOutputs(spec: spec, folder: folder).write(outcome, fitted: false) } catch { throw SweepError(error.description) }
      throw SweepError("\(folder): no evaluation gave a finite objective — at each of the \(objectives.count) some target metric was nan "
                       + "or infinite (see trace.csv and fit.csv there), so nothing was fitted and no calibrated.json was written")
    }
    do { try CalibrationOutputs(spec: spec, folder: folder).write(outcome) } catch { throw SweepError(error.description) }
    return outcome
  }

  /// The evaluations so far, those the journal holds, and the clock.
  struct SearchState {
    var known: [Int: CalibrationEvaluation]
    var start: UInt64
    var evaluations: [CalibrationEvaluation] = []
    var fromJournal = 0
    var best = Double.infinity
  }

  /// Evaluates a batch of unit-cube points (numbered on from the evaluations so far): each from
  /// the journal when it holds that evaluation with the same values, else simulated.
  func evaluate(_ batch: [[Double]], base: JSONNode, journal: Journal, state: inout SearchState,
                progress: (@Sendable (Progress) -> Void)?, warn: (String) -> Void) throws -> [Double] {
    let first = state.evaluations.count
    var out = [CalibrationEvaluation?](repeating: nil, count: batch.count)
    var pending: [Int] = []
    for (k, u) in batch.enumerated() {
      let values = spec.overrides(at: u).map { String($0[$0.index(after: $0.firstIndex(of: "=")!)...]) }
      if let e = state.known[first + k], e.values == values {
        out[k] = e
      } else {
        if state.known[first + k] != nil {
          warn("warning: \(folder)/\(Calibrator.journalName): evaluation \(first + k) was journalled with other parameter values; it will be redone")
        }
        pending.append(k)
      }
    }
    state.fromJournal += batch.count - pending.count
    let simulated = try simulate(pending.map { batch[$0] }, numbers: pending.map { first + $0 }, base: base, journal: journal)
    for (k, e) in zip(pending, simulated) { out[k] = e }
    let evaluations = out.map { $0! }
    for e in evaluations {
      state.evaluations.append(e)
      state.best = Swift.min(state.best, e.objective(spec.targets))
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - state.start) / 1e9
      progress?(Progress(done: state.evaluations.count, budget: spec.maxEvaluations, fromJournal: state.fromJournal,
                         best: state.best, seconds: seconds))
    }
    return evaluations.map { $0.objective(spec.targets) }
  }

  /// Simulates `points` (evaluation numbers `numbers`): every (point, seed) run on the workers;
  /// an evaluation is journalled as soon as its last seed finishes.
  func simulate(_ points: [[Double]], numbers: [Int], base: JSONNode, journal: Journal) throws(SweepError) -> [CalibrationEvaluation] {
    guard !points.isEmpty else { return [] }
    let spec = self.spec
    let seeds = spec.seeds, metricNames = spec.targets.map(\.metric)
    let overrides = points.map { spec.overrides + spec.overrides(at: $0) }
    let values = points.map { spec.overrides(at: $0).map { String($0[$0.index(after: $0.firstIndex(of: "=")!)...]) } }
    struct Shared {
      var metrics: [[[Double]]]
      var errors: [[String?]]
      var remaining: [Int]
      var results: [CalibrationEvaluation?]
      var error: SweepError?
    }
    let shared = LockedState(Shared(metrics: points.map { _ in seeds.map { _ in [] } }, errors: points.map { _ in seeds.map { _ in nil } },
                                    remaining: points.map { _ in seeds.count }, results: points.map { _ in nil }))
    let tasks = points.count * seeds.count
    nonisolated(unsafe) let journalRef = journal
    ClaimingWorkers.run(jobs: jobs, tasks: tasks, stopped: { shared.withLock { $0.error != nil } }) { task in
      let p = task / seeds.count, s = task % seeds.count
      let run = CalibrationEvaluation.run(base: base, file: spec.baseFile, overrides: overrides[p], seed: seeds[s], targets: metricNames)
      shared.withLock { st in
        switch run {
        case .success(let m): st.metrics[p][s] = m
        case .failure(let f): st.metrics[p][s] = metricNames.map { _ in .nan }; st.errors[p][s] = f.message
        }
        st.remaining[p] -= 1
        guard st.remaining[p] == 0 else { return }
        let e = CalibrationEvaluation(values: values[p], metrics: st.metrics[p], error: st.errors[p].compactMap { $0 }.first)
        st.results[p] = e
        do { try journalRef.append(run: numbers[p], payload: e.payload) } catch let e as SweepError { st.error = e } catch { st.error = SweepError("\(error)") }
      }
    }
    let final = shared.withLock { $0 }
    if let e = final.error { throw e }
    return final.results.map { $0! }
  }

  /// Prepares the folder and takes its lock: refuses a folder of another kind or calibration
  /// unless `force` (then empties it); marks it; writes `calibration.json`.
  func prepareFolder() throws(SweepError) -> FolderLock {
    let marker = FolderMarker(kind: .calibration, identity: spec.identity)
    let lock = try FolderLock.taken(folder)
    do {
      let admission = try ResultsFolder.admit(folder, as: marker, force: force,
                                              otherSweep: "its calibration.json does not match \(spec.file)")
      if admission == .forced { try ResultsFolder.empty(folder) }
      try marker.write(into: folder)
      guard case .object(let members) = spec.json else { throw SweepError("internal: the calibration is not an object") }
      try AtomicFile.write(JSONText.file(.object(members + [("version", .string(version))])), to: folder + "/calibration.json")
    } catch let e as SweepError {
      lock.release(); throw e
    } catch {
      lock.release(); throw SweepError("\(error)")
    }
    return lock
  }

  /// Reads the journal for resuming: warns about damaged lines (their evaluations are redone),
  /// refuses lines of another calibration unless `force`, rewrites the journal without the lines
  /// it will not use. Returns the evaluations it holds, by number.
  func loadJournal(warn: (String) -> Void) throws(SweepError) -> [Int: CalibrationEvaluation] {
    let path = folder + "/" + Calibrator.journalName
    let (p, s, t) = (spec.parameters.count, spec.seeds.count, spec.targets.count)
    let journal = JournalReader(path: path, identity: spec.identity, runCount: spec.maxEvaluations) { _, payload in
      CalibrationEvaluation.read(payload, parameters: p, seeds: s, targets: t) == nil
        ? "expected \(p) parameter values, \(s) × \(t) metric values and an error field" : nil
    }
    if let first = journal.foreign.first, !force {
      throw SweepError("\(path): is the journal of a different calibration (line \(first.line) has identity \(first.reason), "
                       + "this calibration's is \(spec.identity)); choose another --out, remove it, or use --force")
    }
    journal.warnings(path: path).forEach { warn($0.replacingOccurrences(of: "; run ", with: "; evaluation ")) }
    if !journal.damaged.isEmpty || !journal.foreign.isEmpty {
      let text = journal.goodLines.map { $0 + "\n" }.joined()
      do { try AtomicFile.write(text, to: path) } catch { throw SweepError(error.description) }
    }
    return journal.runs.compactMapValues { CalibrationEvaluation.read($0, parameters: p, seeds: s, targets: t) }
  }
}
