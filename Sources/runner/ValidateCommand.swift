import ArgumentParser

/// `runner validate` (not implemented yet).
struct ValidateCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "validate", abstract: "(not implemented yet)")
  @Argument var arguments: [String] = []
  func run() async throws {
    throw ValidationError("'runner validate' is not implemented yet")
  }
}
