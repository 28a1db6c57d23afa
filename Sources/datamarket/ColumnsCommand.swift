import Market

/// `datamarket columns`: every column of the data market's summary.csv and periods.csv with its
/// unit and definition, from the same tables that write them.
enum ColumnsCommand: Command {
  static let name = "columns"
  static let abstract = "List the data market's summary.csv and periods.csv columns with unit and definition."
  static let usage = "datamarket columns [summary|periods] [--markdown]"
  static let discussion = "Without an argument both tables are printed. --markdown prints the README's column reference."
  static let options = [OptionSpec(name: "markdown", valueName: nil, help: "Print Markdown tables.")]
  static let positionals = 0...1

  static func run(_ args: ParsedArguments) throws(CLIError) {
    let which = args.positionals.first
    guard which == nil || which == "summary" || which == "periods" else {
      throw .usage(command: name, message: "unknown table '\(which!)': expected summary or periods")
    }
    let markdown = args.flag("markdown")
    if which != "periods" {
      print(markdown ? DataMarketColumns.markdown(DataMarketColumns.summary) : text(DataMarketColumns.summary), terminator: "")
    }
    if which == nil { print() }
    if which != "summary" {
      print(markdown ? DataMarketColumns.markdown(DataMarketColumns.periods) : text(DataMarketColumns.periods), terminator: "")
    }
  }

  static func text<S>(_ columns: [DataMarketColumn<S>]) -> String {
    let width = (columns.map(\.name.count).max() ?? 0) + 2
    return columns.map { c in
      c.name + String(repeating: " ", count: width - c.name.count) + c.definition + (c.unit.isEmpty ? "" : " [\(c.unit)]")
    }.joined(separator: "\n") + "\n"
  }
}
