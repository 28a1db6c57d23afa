import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import Output

/// Ctrl-C (SIGINT) or a scheduler's SIGTERM (a cluster job at its time limit) during a sweep:
/// prints how far it got and that the same command resumes, releases the folder's lock and
/// exits 130 (SIGINT) or 143 (SIGTERM). Finished runs are already in the journal (each is
/// appended with one write(2) as it finishes), so nothing is lost.
struct InterruptHandler {
  let sources: [any DispatchSourceSignal]

  /// Installs the handler for a sweep (or `command`) into `folder`, whose journal is `journal`;
  /// `status` says how many runs are done.
  static func install(folder: String, command: String = "sweep", journal: String = "journal.csv",
                      status: @escaping @Sendable () -> String) -> InterruptHandler {
    let sources = [(SIGINT, Int32(130), "interrupted"), (SIGTERM, Int32(143), "terminated")].map { (number, code, what) in
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler {
        writeStandardError("\n\(command): \(what); \(status()) (journalled in \(folder)/\(journal)); run the same command again to resume\n")
        FolderLock.release(folder + "/" + FolderLock.fileName)
        exit(code)
      }
      source.resume()
      return source
    }
    return InterruptHandler(sources: sources)
  }

  /// Removes the handlers and restores the default actions of SIGINT and SIGTERM.
  func cancel() {
    for source in sources { source.cancel() }
    signal(SIGINT, SIG_DFL)
    signal(SIGTERM, SIG_DFL)
  }
}
