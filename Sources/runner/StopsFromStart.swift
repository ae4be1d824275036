import ArgumentParser
import Conventions
import Foundation
import Pipeline

#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

/// A command whose stops (`Interrupt.stops`) are installed as `main` begins, before anything
/// else takes time (reading `runner.yaml`, parsing the command line): a Ctrl-C or SIGTERM in its
/// first moments gets its line, as it does later, instead of ending it silently. The command
/// replaces them with its own once it starts.
protocol StopsFromStart {}

extension RunCommand: StopsFromStart {}
extension SweepCommand: StopsFromStart {}
extension ValidateCommand: StopsFromStart {}
extension DataCommand.Show: StopsFromStart {}
extension DataCommand.Fetch: StopsFromStart {}
extension DataCommand.ShowSplit: StopsFromStart {}
extension DataCommand.Export: StopsFromStart {}

extension Runner {
  /// The name of the `StopsFromStart` command `arguments` ask for (the default command when the
  /// first one names no command and is no option; `data show`, a group's command, by the first
  /// two), nil for any other; read from the first arguments only, before the command line is
  /// parsed.
  static func stoppedFromStart(_ arguments: [String]) -> String? {
    guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
    let named = configuration.subcommands.first { $0.configuration.commandName == first }
    guard let command = named ?? configuration.defaultSubcommand else { return nil }
    if command is any StopsFromStart.Type { return command.configuration.commandName }
    guard named != nil, let second = arguments.dropFirst().first,
      let sub = command.configuration.subcommands.first(where: {
        $0.configuration.commandName == second
      }), sub is any StopsFromStart.Type
    else { return nil }
    return "\(first) \(second)"
  }

  /// The line a `StopsFromStart` command (`name`) stopped by a signal (`word`: interrupted,
  /// terminated) before it wrote anything prints.
  static func stoppedBeforeStart(_ word: String, _ name: String) -> String {
    "\n\(word): stopped before the \(name) started; nothing was written"
  }

  /// Installs the stops of a `StopsFromStart` command that `arguments` ask for: each ends the
  /// process (exit 130, 143 or 129) saying that nothing was written, which is so until the
  /// command installs its own (with `--json`, also as `CommandJSON.stopped`).
  static func installStopsFromStart(_ arguments: [String]) {
    guard let name = stoppedFromStart(arguments) else { return }
    let console = Console(color: .never)
    let json = arguments.contains("--json") ? name : nil
    for (signal, status, word) in Interrupt.stops {
      Interrupt.install(signal) {
        Interrupt.end(console: console, status: status, json: json) { _ in
          stoppedBeforeStart(word, name)
        }
      }
    }
  }
}
