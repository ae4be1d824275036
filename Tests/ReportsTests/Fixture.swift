import Foundation

/// Reads a JSON fixture committed beside the tests (written by scripts/reference/reports/).
func fixture<T: Decodable>(_ name: String, as type: T.Type = T.self) throws -> T {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures").appendingPathComponent(name)
  return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
}
