import ArgumentParser

/// `runner report` (not implemented yet).
struct ReportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "report", abstract: "(not implemented yet)")
  @Argument var arguments: [String] = []
  func run() async throws {
    throw ValidationError("'runner report' is not implemented yet")
  }
}
