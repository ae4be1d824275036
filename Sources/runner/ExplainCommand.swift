import ArgumentParser

/// `runner explain` (not implemented yet).
struct ExplainCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "explain", abstract: "(not implemented yet)")
  @Argument var arguments: [String] = []
  func run() async throws {
    throw ValidationError("'runner explain' is not implemented yet")
  }
}
