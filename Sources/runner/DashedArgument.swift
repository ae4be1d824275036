import Conventions
import Foundation

extension Runner {
  /// The refusal of a word before any `--` that starts with one `-` but holds a `.` or `/`, as
  /// no option does (`runner run -t.yaml`): the parser would take it for short options and
  /// then say the spec is missing. A number (`--jobs -1`) and `-` alone are values. When a
  /// file of that name exists, the refusal shows how to name it: `./-t.yaml`, or after `--`.
  static func dashedArgumentRefusal(in arguments: [String]) -> String? {
    let word = arguments.prefix { $0 != "--" }.first {
      $0.hasPrefix("-") && !$0.hasPrefix("--") && $0.count > 1 && Double($0) == nil
        && $0.contains { $0 == "." || $0 == "/" }
    }
    guard let word else { return nil }
    let commands = configuration.subcommands.compactMap { $0.configuration.commandName }
    let command = arguments.first.map { commands.contains($0) ? [$0] : [] } ?? []
    let help = "\nhelp: see `\(Invocation.commandLine(command + ["--help"]))` for the options"
    guard FileManager.default.fileExists(atPath: word) else {
      return "error: unknown option '\(word)'" + help
    }
    let named = arguments.map { $0 == word ? "./" + word : $0 }
    return "error: unknown option '\(word)'; to name the file '\(word)', write ./\(word) or put "
      + "`--` before it: `\(Invocation.commandLine(named))`" + help
  }
}
