import ArgumentParser

/// `runner`: run declarative machine-learning experiments described in YAML.
@main
struct Runner: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "runner",
    abstract: "Run declarative machine-learning experiments described in YAML.",
    discussion: "`runner SPEC` is shorthand for `runner run SPEC`.",
    subcommands: [
      RunCommand.self, ValidateCommand.self, ExplainCommand.self, SweepCommand.self, MergeCommand.self,
      DiffCommand.self, ReportCommand.self, PredictCommand.self, DataCommand.self, GradcheckCommand.self,
    ],
    defaultSubcommand: RunCommand.self
  )
}
