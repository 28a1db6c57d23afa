#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Process CPU time and monotonic wall time since creation, for benchmarks and `run.json`.
/// Never feeds into any CSV.
struct Stopwatch {
  let cpuStart = Stopwatch.now(CLOCK_PROCESS_CPUTIME_ID)
  let wallStart = Stopwatch.now(CLOCK_MONOTONIC)

  var cpuSeconds: Double { Stopwatch.now(CLOCK_PROCESS_CPUTIME_ID) - cpuStart }
  var wallSeconds: Double { Stopwatch.now(CLOCK_MONOTONIC) - wallStart }

  static func now(_ clock: clockid_t) -> Double {
    var ts = timespec()
    clock_gettime(clock, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
  }

  /// The process's system CPU time so far (s) and its minor page faults (getrusage): the part of
  /// the CPU time the kernel spends, mostly mapping fresh memory.
  static func systemUsage() -> (seconds: Double, minorFaults: Int) {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return (Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6, Int(usage.ru_minflt))
  }

  /// Peak resident memory of the process so far, in MB (getrusage).
  static func peakResidentMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
  }

  /// Resident memory now, in MB (the second field of /proc/self/statm, in pages); NaN if unreadable.
  static func residentMB() -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return .nan }
    let fields = text.split(separator: " ")
    guard fields.count >= 2, let pages = Double(fields[1]) else { return .nan }
    return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
  }
}
