import ArgumentParser
import Foundation
import Pipeline

/// A command that loads no training data and trains nothing, only reading and writing results
/// files, a spec or the catalog (a listing, the environment, a diff, a comparison, a merge, a
/// report, an export): it runs under a `ulimit -v` that leaves no room for data, which the
/// runner refuses for every other command (`Runner.main`). A synchronous command: it runs on
/// the main thread alone (`Runner.runOnThisThread`).
protocol LoadsNoData: ParsableCommand {}

extension LsCommand: LoadsNoData {}
extension EnvCommand: LoadsNoData {}
extension DataCommand.List: LoadsNoData {}
// The groups, named without a subcommand, print their help.
extension DataCommand: LoadsNoData {}
extension ExportCommand: LoadsNoData {}
extension DiffCommand: LoadsNoData {}
extension CompareCommand: LoadsNoData {}
extension ExplainCommand: LoadsNoData {}
extension MergeCommand: LoadsNoData {}
extension ReportCommand: LoadsNoData {}
extension TensorBoardExportCommand: LoadsNoData {}
extension DVCExportCommand: LoadsNoData {}

extension Runner {
  /// Whether `arguments` ask for a command that loads no data: one that is `LoadsNoData`, help,
  /// the version, or a usage error (each only printed).
  static func loadsNoData(_ arguments: [String]) -> Bool {
    do {
      let command = try parseAsRoot(arguments)
      return command is any LoadsNoData || type(of: command).configuration.commandName == "help"
    } catch {
      return true
    }
  }

  /// Runs a command that loads no data on this thread and exits, after flushing its output:
  /// under a `ulimit -v` that leaves no room for another thread, the hop to the concurrency
  /// runtime's threads retried forever (`_dispatch_temporary_resource_shortage`), and so could
  /// exit handlers (`mainLeavingQuicklyUnderAddressLimit`).
  static func runOnThisThread(_ arguments: [String]) -> Never {
    var code = ExitCode.success
    do {
      var command = try parseAsRoot(arguments)
      try command.run()
    } catch {
      code = exitCode(for: error)
      let message = fullMessage(for: error)
      if !message.isEmpty {
        // Help and `--version` are output: a closed or full standard output exits 73.
        if code == .success {
          Console(color: .never).out(message)
        } else {
          StandardStream.error(message + "\n")
        }
      }
    }
    fflush(nil)
    _exit(code.rawValue)
  }
}
