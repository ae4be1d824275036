import ArgumentParser

/// `runner data` (not implemented yet).
struct DataCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "data", abstract: "(not implemented yet)")
  @Argument var arguments: [String] = []
  func run() async throws {
    throw ValidationError("'runner data' is not implemented yet")
  }
}
