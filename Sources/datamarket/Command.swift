/// A `datamarket` subcommand: a name, a one-line abstract, a usage synopsis, its options, and
/// `run` on the parsed arguments. Each lives in its own file.
protocol Command {
  static var name: String { get }
  static var abstract: String { get }
  static var usage: String { get }
  static var discussion: String { get }
  static var options: [OptionSpec] { get }
  static var positionals: ClosedRange<Int> { get }
  /// Runs with parsed arguments; throws ``CLIError`` for anything a user should read.
  static func run(_ args: ParsedArguments) throws(CLIError)
}

extension Command {
  static var discussion: String { "" }

  /// The `--help` text, in swift-argument-parser's sections.
  static var help: String {
    var s = "OVERVIEW: \(abstract)\n\nUSAGE: \(usage)\n"
    if !discussion.isEmpty { s += "\n" + discussion + "\n" }
    s += "\nOPTIONS:\n"
    let rows = options.map { o in ("--" + o.name + (o.valueName.map { " <\($0)>" } ?? ""), o.help + (o.repeatable ? " (repeatable)" : "")) }
      + [("-h, --help", "Show help information.")]
    let width = (rows.map(\.0.count).max() ?? 0) + 2
    for (l, r) in rows { s += "  " + l + String(repeating: " ", count: width - l.count) + r + "\n" }
    return s
  }

  /// The positional arguments' names as the usage synopsis writes them (`SCENARIO`, `DIR...`):
  /// the words after the subcommand up to the first option.
  static var positionalNames: [String] {
    Array(usage.split(separator: " ").dropFirst(2).prefix { !$0.hasPrefix("[") && !$0.hasPrefix("-") }.map(String.init))
  }

  /// Parses `arguments` (after the subcommand name) and runs, or prints help.
  static func main(_ arguments: [String]) throws(CLIError) {
    if arguments.contains("--help") || arguments.contains("-h") {
      print(help, terminator: "")
      return
    }
    let parsed = try ArgumentParser.parse(arguments, command: name, options: options, positionals: positionals,
                                          positionalNames: positionalNames)
    try run(parsed)
  }
}
