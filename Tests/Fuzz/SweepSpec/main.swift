// Fuzz target `sweepspec` (scripts/fuzz-inputs.sh sweepspec SECONDS): a sweep file's text, read
// by SweepSpec.load as `datamarket sweep`/`validate` do. The file sits in a scratch folder beside
// `base.json` (the M/M/1 scenario with few customers) and `design.csv`, so seeds can name them.
import Foundation

nonisolated(unsafe) var scratch: String?

func prepareScratch() -> String {
  if let scratch { return scratch }
  let dir = NSTemporaryDirectory() + "fuzz-sweepspec-\(getpid())"
  try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
  try? "{ kind: \"mm1\", queue: { customers: 100 } }".write(toFile: dir + "/base.json", atomically: true, encoding: .utf8)
  try? "queue.arrivalRate,queue.customers\n0.5,100\n0.7,200\n".write(toFile: dir + "/design.csv", atomically: true, encoding: .utf8)
  scratch = dir
  return dir
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSweepSpec(_ data: UnsafeRawPointer, _ size: Int) -> CInt {
  let dir = prepareScratch()
  let file = dir + "/sweep.json"
  guard FileManager.default.createFile(atPath: file, contents: Data(bytes: data, count: size)) else { return 0 }
  do {
    let spec = try SweepSpec.load(file)
    precondition(spec.runCount >= 1 && spec.runCount <= SweepSpec.maxRuns)
    _ = spec.identity
    for p in spec.points.indices { precondition(spec.cells(point: p).count == spec.parameters.count) }
  } catch {
    precondition(error.description.count < 4_000, "an error message of \(error.description.count) characters")
  }
  return 0
}
