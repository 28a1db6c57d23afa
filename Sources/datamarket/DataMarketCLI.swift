#if canImport(Glibc)
import Glibc
#endif
import Scenario

/// The `datamarket` entry point: dispatches to subcommands, prints errors as one `error:` line on
/// stderr and maps them to exit codes (0 success, 2 bad usage or input, 1 internal failure).
@main
enum DataMarketCLI {
  static let version = "0.1.0"
  /// The subcommands, in help order (computed: metatypes are not Sendable global state).
  static var commands: [any Command.Type] {
    [RunCommand.self, SweepCommand.self, CalibrateCommand.self, AnalyzeCommand.self, MergeCommand.self, ReplayCommand.self, ValidateCommand.self, KeysCommand.self, ColumnsCommand.self, ReportCommand.self, BenchCommand.self]
  }

  static var overview: String {
    var s = """
    OVERVIEW: DataMarketSim — a discrete-event simulator of an integrated national data market.

    USAGE: datamarket <subcommand> [options]

    SUBCOMMANDS:

    """
    let width = (commands.map { $0.name.count }.max() ?? 0) + 2
    for c in commands { s += "  " + c.name + String(repeating: " ", count: width - c.name.count) + c.abstract + "\n" }
    s += "  help" + String(repeating: " ", count: width - 4) + "Show help for a subcommand.\n"
    s += "\nOPTIONS:\n  --version  Show the version.\n  -h, --help Show help information.\n"
    s += "\n  See 'datamarket help <subcommand>' for detailed help.\n"
    return s
  }

  static func main() {
    let arguments = Array(CommandLine.arguments.dropFirst())
    exit(execute(arguments))
  }

  /// Runs one command line and returns its exit code. With no arguments at all it prints the
  /// overview to stderr and exits 2 (a usage mistake: a script calling it bare gets a failure).
  static func execute(_ arguments: [String]) -> Int32 {
    if arguments.isEmpty {
      writeStandardError(overview)
      return 2
    }
    do {
      try dispatch(arguments)
      return 0
    } catch {
      printError(error)
      return error.exitCode
    }
  }

  static func dispatch(_ arguments: [String]) throws(CLIError) {
    guard let first = arguments.first else { writeStandardError(overview); return }
    switch first {
    case "--help", "-h": print(overview, terminator: "")
    case "--version": print("datamarket \(version)")
    case "help":
      guard let topic = arguments.dropFirst().first else { print(overview, terminator: ""); return }
      // `help help`, `help --help`: the overview, which says what help does
      if ["help", "--help", "-h"].contains(topic) { print(overview, terminator: ""); return }
      guard let c = commands.first(where: { $0.name == topic }) else { throw unknownCommand(topic) }
      print(c.help, terminator: "")
    default:
      guard let c = commands.first(where: { $0.name == first }) else { throw unknownCommand(first) }
      try c.main(Array(arguments.dropFirst()))
    }
  }

  static func unknownCommand(_ name: String) -> CLIError {
    var best: (String, Int)?
    for c in commands.map({ $0.name }) + ["help"] {
      let d = EditDistance.between(name, c)
      if d <= 3, best == nil || d < best!.1 { best = (c, d) }
    }
    let hint = best.map { " (did you mean '\($0.0)'?)" } ?? ""
    return .usage(command: "", message: "unknown subcommand '\(name)'\(hint)")
  }

  static func printError(_ error: CLIError) {
    var text = "error: \(error.description)\n"
    if case .usage(let command, _) = error {
      text += command.isEmpty ? "See 'datamarket --help'.\n" : "See 'datamarket help \(command)'.\n"
    }
    writeStandardError(text)
  }
}
