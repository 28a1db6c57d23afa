import Scenario

/// One option a subcommand accepts.
struct OptionSpec {
  /// Long name without dashes (`seed` for `--seed`).
  let name: String
  /// The placeholder of its value (`N`), or nil for a flag.
  let valueName: String?
  /// Whether it may be given more than once (`--set`).
  var repeatable = false
  let help: String
}

/// The parsed command line of one subcommand: positionals in order, option values, flags.
struct ParsedArguments {
  var positionals: [String] = []
  var values: [String: [String]] = [:]
  var flags: Set<String> = []

  /// The single value of `--name`, if given.
  func value(_ name: String) -> String? { values[name]?.last }
  /// Every value of a repeatable `--name`, in order.
  func all(_ name: String) -> [String] { values[name] ?? [] }
  /// Whether flag `--name` was given.
  func flag(_ name: String) -> Bool { flags.contains(name) }

  /// `--name` as an integer in `range`.
  func integer(_ name: String, command: String, in range: ClosedRange<Int> = Int.min...Int.max) throws(CLIError) -> Int? {
    guard let text = value(name) else { return nil }
    guard let v = Int(text), range.contains(v) else {
      let bounds = range.lowerBound > Int.min && range.upperBound < Int.max ? " in [\(range.lowerBound), \(range.upperBound)]"
        : range.lowerBound > Int.min ? " ≥ \(range.lowerBound)" : range.upperBound < Int.max ? " ≤ \(range.upperBound)" : ""
      throw .usage(command: command, message: "the value '\(Abbreviation.of(text))' is invalid for '--\(name)': expected an integer" + bounds)
    }
    return v
  }
}

/// A hand-written parser in the manner of swift-argument-parser: `--name value`, `--name=value`,
/// flags, `--` ending options, and "did you mean" for unknown options (edit distance ≤ 3).
enum ArgumentParser {
  static func parse(_ arguments: [String], command: String, options: [OptionSpec],
                    positionals: ClosedRange<Int>, positionalNames: [String] = []) throws(CLIError) -> ParsedArguments {
    var parsed = ParsedArguments()
    var i = 0
    var onlyPositionals = false
    while i < arguments.count {
      let arg = arguments[i]
      i += 1
      if onlyPositionals || !arg.hasPrefix("--") || arg == "-" {
        if arg.hasPrefix("-") && arg.count > 1 && !onlyPositionals && Double(arg) == nil {
          throw .usage(command: command, message: "unknown option '\(Abbreviation.of(arg))'" + hint(arg, options))
        }
        parsed.positionals.append(arg)
        continue
      }
      if arg == "--" { onlyPositionals = true; continue }
      var name = String(arg.dropFirst(2))
      var inlineValue: String?
      if let eq = name.firstIndex(of: "=") {
        inlineValue = String(name[name.index(after: eq)...])
        name = String(name[..<eq])
      }
      guard let spec = options.first(where: { $0.name == name }) else {
        throw .usage(command: command, message: "unknown option '--\(Abbreviation.of(name))'" + hint("--" + name, options))
      }
      if let valueName = spec.valueName {
        let value: String
        if let inlineValue {
          value = inlineValue
        } else {
          guard i < arguments.count else {
            throw .usage(command: command, message: "missing value for '--\(name) <\(valueName)>'")
          }
          value = arguments[i]
          i += 1
        }
        if !spec.repeatable, parsed.values[name] != nil {
          throw .usage(command: command, message: "'--\(name)' was given more than once")
        }
        parsed.values[name, default: []].append(value)
      } else {
        if inlineValue != nil { throw .usage(command: command, message: "'--\(name)' takes no value") }
        parsed.flags.insert(name)
      }
    }
    if parsed.positionals.count < positionals.lowerBound {
      // named as the synopsis names it (SCENARIO, DIR...); the usage error adds where help is
      let n = parsed.positionals.count
      let missing = n < positionalNames.count ? positionalNames[n] : "argument"
      throw .usage(command: command, message: "missing expected argument \(missing)")
    }
    if parsed.positionals.count > positionals.upperBound {
      throw .usage(command: command, message: "unexpected argument '\(Abbreviation.of(parsed.positionals[positionals.upperBound]))'")
    }
    return parsed
  }

  static func hint(_ given: String, _ options: [OptionSpec]) -> String {
    var best: (String, Int)?
    for o in options {
      let d = EditDistance.between(given, "--" + o.name)
      if d <= 3, best == nil || d < best!.1 { best = ("--" + o.name, d) }
    }
    return best.map { " (did you mean '\($0.0)'?)" } ?? ""
  }
}
