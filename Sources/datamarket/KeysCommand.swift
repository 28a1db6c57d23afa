import Scenario

/// `datamarket keys`: every key of a scenario kind with its default, range, unit and meaning,
/// from the same declarations that decode scenario files.
enum KeysCommand: Command {
  static let name = "keys"
  static let abstract = "List every scenario key of a kind with default, range, unit and meaning."
  static let usage = "datamarket keys [KIND] [--markdown]"
  static let discussion = """
    KIND is one of \((Scenario.kinds + Scenario.verificationKinds).joined(separator: ", ")) (default dataMarket;
    testFunction is a verification kind). --markdown prints the table the README's scenario reference is made of.
    """
  static let options = [OptionSpec(name: "markdown", valueName: nil, help: "Print a Markdown table.")]
  static let positionals = 0...1

  static func run(_ args: ParsedArguments) throws(CLIError) {
    let kind = args.positionals.first ?? "dataMarket"
    guard let rows = ModelKeys.rows(kind: kind) else {
      throw .usage(command: name, message: "unknown kind '\(kind)': expected one of \((Scenario.kinds + Scenario.verificationKinds).joined(separator: ", "))")
    }
    print(args.flag("markdown") ? ModelKeys.markdown(rows) : ModelKeys.text(rows), terminator: "")
  }
}
