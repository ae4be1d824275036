import ArgumentParser

/// `bench data` (not implemented yet).
struct DataBench: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "data", abstract: "(not implemented yet)")
  func run() async throws {
    print("bench data: not implemented yet")
  }
}
