/// The marker file `.datamarket` that says which command produced a results folder, so that no
/// command writes into another's folder: `{"kind": "run"}`, or for a sweep, its shards and a
/// merge, `{"kind": "sweep" | "merge", "identity": "<sweep identity>"}`; for a calibration,
/// `{"kind": "calibration", "identity": "<calibration identity>"}`.
public struct FolderMarker: Sendable, Equatable {
  /// The command that wrote a folder.
  public enum Kind: String, Sendable { case run, sweep, merge, calibration }

  /// The marker's file name inside a results folder.
  public static let fileName = ".datamarket"

  public var kind: Kind
  /// The sweep identity (sweep and merge folders), nil for a run.
  public var identity: String?

  public init(kind: Kind, identity: String? = nil) { self.kind = kind; self.identity = identity }

  /// The marker's JSON text.
  public var text: String {
    var members: [(String, JSONText.Value)] = [("kind", .string(kind.rawValue))]
    if let identity { members.append(("identity", .string(identity))) }
    return JSONText.file(.object(members))
  }

  /// Writes the marker into `folder` atomically.
  public func write(into folder: String) throws(OutputError) {
    try AtomicFile.write(text, to: folder + "/" + FolderMarker.fileName)
  }

  /// Reads the marker of `folder`: nil when there is none or it is not one of ours.
  public static func read(folder: String) -> FolderMarker? {
    guard case .success(let bytes) = FileBytes.read(folder + "/" + fileName) else { return nil }
    let text = String(decoding: bytes, as: UTF8.self)
    guard let kindText = value(of: "kind", in: text), let kind = Kind(rawValue: kindText) else { return nil }
    return FolderMarker(kind: kind, identity: value(of: "identity", in: text))
  }

  /// The string value of `"key": "value"` in marker text (the only JSON a marker holds).
  static func value(of key: String, in text: String) -> String? {
    guard let start = text.firstRange(of: "\"\(key)\": \"") else { return nil }
    let rest = text[start.upperBound...]
    guard let end = rest.firstIndex(of: "\"") else { return nil }
    return String(rest[..<end])
  }
}
