import Foundation
import Testing
@testable import Output

@Suite struct FileBytesTests {
  @Test func readsWholeFilesAndNamesWhyNot() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("filebytes-\(getpid())").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let big = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    try Data(big).write(to: URL(fileURLWithPath: dir + "/big"))
    try Data().write(to: URL(fileURLWithPath: dir + "/empty"))
    #expect(try FileBytes.read(dir + "/big").get() == big)
    #expect(try FileBytes.read(dir + "/empty").get() == [])
    #expect(FileBytes.read(dir + "/nope") == .failure(FileReadError(path: dir + "/nope", errno: ENOENT)))
    if case .failure(let e) = FileBytes.read(dir) { #expect(e.description == "\(dir): cannot read: is a folder") } else { Issue.record("a folder was read") }
  }
}
