import ArgumentParser

/// `runner diff` (not implemented yet).
struct DiffCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "diff", abstract: "(not implemented yet)")
  @Argument var arguments: [String] = []
  func run() async throws {
    throw ValidationError("'runner diff' is not implemented yet")
  }
}
