import Output
import Experiments

/// `datamarket merge`: joins shard folders into the files a single-machine sweep writes.
enum MergeCommand: Command {
  static let name = "merge"
  static let abstract = "Join sweep shard folders into one sweep folder (byte-identical to a one-machine sweep)."
  static let usage = "datamarket merge DIR... --out DIR [--force] [--quiet]"
  static let options = [
    OptionSpec(name: "out", valueName: "DIR", help: "The merged sweep folder (required)."),
    OptionSpec(name: "force", valueName: nil, help: "Replace DIR even if it holds other results or files not written by datamarket."),
    OptionSpec(name: "quiet", valueName: nil, help: "Print nothing on success."),
  ]
  static let positionals = 1...Int.max

  static func run(_ args: ParsedArguments) throws(CLIError) {
    guard let out = args.value("out") else { throw .usage(command: name, message: "missing '--out <DIR>'") }
    do { try SweepMerge.merge(folders: args.positionals, into: FolderTree.trimmed(out), force: args.flag("force")) { writeStandardError($0 + "\n") } } catch { throw .input(error.description) }
    if !args.flag("quiet") { print("merged \(args.positionals.count) shards → \(out)/") }
  }
}
