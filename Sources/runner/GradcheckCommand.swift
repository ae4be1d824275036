import ArgumentParser

/// `runner gradcheck` (not implemented yet).
struct GradcheckCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "gradcheck", abstract: "(not implemented yet)")
  @Argument var arguments: [String] = []
  func run() async throws {
    throw ValidationError("'runner gradcheck' is not implemented yet")
  }
}
