import ArgumentParser

/// `runner run` (not implemented yet).
struct RunCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "run", abstract: "(not implemented yet)")
  @Argument var arguments: [String] = []
  func run() async throws {
    throw ValidationError("'runner run' is not implemented yet")
  }
}
