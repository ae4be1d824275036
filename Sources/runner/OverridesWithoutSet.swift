import ArgumentParser
import Conventions
import Specs

/// Words after a command's spec written as Hydra writes overrides (`runner run spec.yaml
/// optimizer.epochs=3`, `+key=value`, `~key`): refused with the `--set` command line to type
/// instead of ArgumentParser's bare "Unexpected argument" (exit 64).
struct OverridesWithoutSet: ParsableArguments {
  @Argument(help: .hidden)
  var words: [String] = []

  /// The `--set` argument Hydra's `word` means (`+` and `++` add or force a key, which `--set`
  /// does alike; `~key` removes one), or nil for a word that is no override.
  static func override(_ word: String) -> String? {
    let key = word.drop { $0 == "+" }
    if key.hasPrefix("~"), key.count > 1, !key.contains("=") { return String(key) }
    guard let equals = key.firstIndex(of: "="), equals > key.startIndex,
      key[..<equals].allSatisfy({ $0.isLetter || $0.isNumber || "_.[]".contains($0) })
    else { return nil }
    return String(key)
  }

  /// Refuses `words`, the words of the command line read as overrides or extra specs, with
  /// the `--set` command line they mean (`runner validate` passes its specs that are no file
  /// but read as overrides, `parsingTheRest` false: its other specs may be those words alone);
  /// nothing for none. `runOf`: the spec of `runner run` (or `runner SPEC`); one declaring
  /// `sweep:` gets the `runner sweep` line at once, which `run` would name next (tester BO-11).
  static func refuse(_ words: [String], parsingTheRest: Bool = true, runOf spec: String? = nil)
    throws
  {
    guard let first = words.first else { return }
    let overrides = words.map(Self.override)
    guard overrides.allSatisfy({ $0 != nil }) else {
      throw ValidationError(
        "Unexpected argument '\(words.first { override($0) == nil } ?? first)': the "
          + "command takes one spec; values are changed with --set key.path=value")
    }
    let sets = overrides.compactMap { $0 }.flatMap { ["--set", $0] }
    // Another mistake on the line (an unknown option) is named first, as without the words.
    var arguments = commandWords(without: words)
    do { if parsingTheRest { _ = try Runner.parseAsRoot(arguments) } } catch {
      throw ValidationError(Runner.message(for: error))
    }
    // After `--` every word is a spec: the `--set`s go before it (tester BO-5).
    arguments.insert(contentsOf: sets, at: arguments.firstIndex(of: "--") ?? arguments.endIndex)
    if let spec, declaresSweep(spec, overrides: overrides.compactMap { $0 }) {
      if arguments.first == "run" { arguments.removeFirst() }
      arguments.insert("sweep", at: 0)
    }
    throw ValidationError(
      "'\(first)' is not an argument of this command: a spec value is overridden with --set, "
        + "as in: " + Invocation.commandLine(arguments))
  }

  /// Whether the spec at `path`, with `overrides`, loads and declares `sweep:`.
  private static func declaresSweep(_ path: String, overrides: [String]) -> Bool {
    (try? SpecLoader.load(file: path, options: SpecOptions(overrides: overrides)))?.spec.sweep
      != nil
  }

  /// The command's arguments as typed without `words` (a `--set`'s own value kept).
  private static func commandWords(without words: [String]) -> [String] {
    let arguments = Array(CommandLine.arguments.dropFirst())
    return arguments.indices.compactMap { i in
      let stray = words.contains(arguments[i]) && (i == 0 || arguments[i - 1] != "--set")
      return stray ? nil : arguments[i]
    }
  }
}
