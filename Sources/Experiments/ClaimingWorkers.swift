import Foundation

/// The parallel loop of sweeps and calibrations: `jobs` threads, each claiming the next unclaimed
/// task index until every task is claimed or `stopped()` (checked at each claim) says to stop.
/// Tasks run in claim order per thread; results must be written by index, never in finish order.
enum ClaimingWorkers {
  static func run(jobs: Int, tasks: Int, stopped: () -> Bool, _ work: (Int) -> Void) {
    let next = LockedState(0)
    withoutActuallyEscaping(stopped) { stopped in
      withoutActuallyEscaping(work) { work in
        nonisolated(unsafe) let stopped = stopped, work = work
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, tasks))) { _ in
          while true {
            guard !stopped() else { return }
            let claim: Int? = next.withLock { n in
              guard n < tasks else { return nil }
              n += 1
              return n - 1
            }
            guard let k = claim else { return }
            work(k)
          }
        }
      }
    }
  }
}
