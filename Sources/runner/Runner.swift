import ArgumentParser

/// `runner`: run declarative machine-learning experiments described in YAML.
@main
struct Runner: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "runner",
    abstract: "Run declarative machine-learning experiments described in YAML.",
    discussion: "`runner SPEC` is shorthand for `runner run SPEC`.",
    subcommands: [
      RunCommand.self, ValidateCommand.self, ExplainCommand.self, DataCommand.self,
      GradcheckCommand.self, ReportCommand.self, DiffCommand.self,
    ],
    defaultSubcommand: RunCommand.self
  )
}
