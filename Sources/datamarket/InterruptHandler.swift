import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import Output

/// Ctrl-C (SIGINT) during a sweep: prints how far it got and that the same command resumes,
/// releases the folder's lock and exits 130. Finished runs are already in the journal (each is
/// appended with one write(2) as it finishes), so nothing is lost.
struct InterruptHandler {
  let source: any DispatchSourceSignal

  /// Installs the handler for a sweep (or `command`) into `folder`, whose journal is `journal`;
  /// `status` says how many runs are done.
  static func install(folder: String, command: String = "sweep", journal: String = "journal.csv",
                      status: @escaping @Sendable () -> String) -> InterruptHandler {
    signal(SIGINT, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler {
      writeStandardError("\n\(command): interrupted; \(status()) (journalled in \(folder)/\(journal)); run the same command again to resume\n")
      FolderLock.release(folder + "/" + FolderLock.fileName)
      exit(130)
    }
    source.resume()
    return InterruptHandler(source: source)
  }

  /// Removes the handler and restores the default action of SIGINT.
  func cancel() {
    source.cancel()
    signal(SIGINT, SIG_DFL)
  }
}
