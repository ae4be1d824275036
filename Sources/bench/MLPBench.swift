import ArgumentParser

/// `bench mlp` (not implemented yet).
struct MLPBench: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "mlp", abstract: "(not implemented yet)")
  func run() async throws {
    print("bench mlp: not implemented yet")
  }
}
