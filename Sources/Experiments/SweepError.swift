/// A sweep that cannot start, resume or merge: a folder of a different sweep, incomplete or
/// mismatched shards, a bad shard argument. One line, naming the folder or file.
public struct SweepError: Error, CustomStringConvertible, Sendable {
  public var description: String
  public init(_ description: String) { self.description = description }
}
