extension Runner {
  /// The options that name a file or folder to read or write.
  static let pathOptions = [
    "--results-dir", "--into", "--logdir", "--params", "--data", "-o", "--output",
  ]

  /// The refusal of a path option given an empty value (`--results-dir "$OUT"` with `OUT`
  /// unset), which would otherwise stand for the working folder: a run's results, a comparison
  /// or event files were written there. nil when every path option names something.
  static func emptyPathRefusal(in arguments: [String]) -> String? {
    let options = arguments.prefix { $0 != "--" }
    for (index, argument) in options.enumerated() {
      let empty =
        pathOptions.contains(argument)
        ? index + 1 < options.count && options[options.startIndex + index + 1].isEmpty
        : pathOptions.contains { argument == $0 + "=" }
      guard empty else { continue }
      let name = argument.hasSuffix("=") ? String(argument.dropLast()) : argument
      return "error: \(name) is empty (an unset shell variable?); name a file or folder, or "
        + "leave the option out for its default"
    }
    return nil
  }
}
