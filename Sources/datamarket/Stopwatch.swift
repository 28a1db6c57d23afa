#if canImport(Glibc)
import Glibc
#endif

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

  /// Peak resident memory of the process so far, in MB (getrusage).
  static func peakResidentMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
  }

  /// Resident memory now, in MB (from /proc/self/statm).
  static func residentMB() -> Double {
    guard let f = fopen("/proc/self/statm", "r") else { return .nan }
    defer { fclose(f) }
    var size = 0, resident = 0
    guard withUnsafeMutablePointer(to: &size, { s in withUnsafeMutablePointer(to: &resident) { r in
      fscanfTwo(f, s, r) } }) else { return .nan }
    return Double(resident) * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
  }

  private static func fscanfTwo(_ f: UnsafeMutablePointer<FILE>, _ a: UnsafeMutablePointer<Int>, _ b: UnsafeMutablePointer<Int>) -> Bool {
    var buffer = [CChar](repeating: 0, count: 128)
    guard fgets(&buffer, 128, f) != nil else { return false }
    let parts = String(cString: buffer).split(separator: " ")
    guard parts.count >= 2, let x = Int(parts[0]), let y = Int(parts[1]) else { return false }
    a.pointee = x; b.pointee = y
    return true
  }
}
