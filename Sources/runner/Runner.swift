import ArgumentParser
import Pipeline

/// `runner`: run declarative machine-learning experiments described in YAML.
@main
struct Runner: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "runner",
    abstract: "Run declarative machine-learning experiments described in YAML.",
    discussion: "`runner SPEC` is shorthand for `runner run SPEC`.",
    version: "runner \(RunnerVersion.current)",
    subcommands: [
      RunCommand.self, ValidateCommand.self, ExplainCommand.self, SweepCommand.self,
      MergeCommand.self,
      DiffCommand.self, ReportCommand.self, PredictCommand.self, DataCommand.self,
      GradcheckCommand.self,
      GateCommand.self, EnvCommand.self, LsCommand.self, CompareCommand.self,
      ExportCommand.self,
    ],
    defaultSubcommand: RunCommand.self
  )

  /// Chooses the BLAS kernel (re-executing when needed) before anything computes.
  static func main() async {
    BLASKernelSetup.configureProcess()
    await main(nil)
  }
}
