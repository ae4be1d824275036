import ArgumentParser

/// `bench spec` (not implemented yet).
struct SpecBench: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "spec", abstract: "(not implemented yet)")
  func run() async throws {
    print("bench spec: not implemented yet")
  }
}
