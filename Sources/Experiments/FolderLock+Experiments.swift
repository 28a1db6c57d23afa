import Output

extension FolderLock {
  /// Creates `folder` if needed and takes its lock, for a sweep or a calibration (released by the
  /// caller); a failure is a ``SweepError`` naming the folder.
  static func taken(_ folder: String) throws(SweepError) -> FolderLock {
    do throws(OutputError) {
      if FolderTree.entry(folder) == .file { throw OutputError.refused(path: folder, reason: "is a file, not a folder") }
      try AtomicFile.createDirectory(folder)
      return try FolderLock(folder: folder)
    } catch { throw SweepError(error.description) }
  }
}
