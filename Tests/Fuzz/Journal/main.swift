// Fuzz target `journal` (scripts/fuzz-inputs.sh journal SECONDS): a journal file's bytes, read by
// JournalReader against a 4-run sweep (2 points × 2 replicates) with its payload checks. A line it
// accepts must be exactly the line Journal would write for that run.
import Foundation

let spec = SweepSpec(file: "s.json", baseFile: "b.json", replications: 2, seed: 1, parameters: ["x"],
                     points: [[], []], hasReference: false, designName: "grid")
let identity = "0123456789abcdef"
let journalPath = NSTemporaryDirectory() + "fuzz-journal-\(getpid()).csv"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJournal(_ data: UnsafeRawPointer, _ size: Int) -> CInt {
  guard FileManager.default.createFile(atPath: journalPath, contents: Data(bytes: data, count: size)) else { return 0 }
  let journal = JournalReader(path: journalPath, identity: identity, runCount: spec.runCount,
                              check: SweepRunner.payloadCheck(spec: spec, columns: 5))
  for (run, payload) in journal.runs {
    precondition(run >= 0 && run < spec.runCount)
    let line = Journal.line(run: run, identity: identity, payload: String(payload))
    precondition(journal.goodLines.contains(Substring(line)), "an accepted payload that Journal would not write")
  }
  _ = journal.warnings(path: journalPath)
  return 0
}
