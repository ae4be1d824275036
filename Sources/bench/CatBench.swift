import ArgumentParser

/// `bench cat` (not implemented yet).
struct CatBench: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "cat", abstract: "(not implemented yet)")
  func run() async throws {
    print("bench cat: not implemented yet")
  }
}
