import Foundation
import Testing

/// The runner writes files through its own temporaries (`AtomicFile`: `.<name>.tmp-<pid>-…`,
/// which a later sweep, merge or run removes when a kill leaves one), never through
/// Foundation's atomic writes, whose `.dat.nosync…` temporary a process killed at that moment
/// leaves for good (tester BN-3: a shard's marker). The benchmarks' scratch files aside.
@Suite struct FoundationTemporaryTests {
  /// Calls that write through Foundation's hidden temporary.
  static let calls = ["FileManager.default.createFile(", "atomically: true", "options: .atomic"]

  @Test func noSourceWritesThroughFoundationsTemporary() throws {
    let sources = TypeNameTests.sources
    var found: [String] = []
    for module in try FileManager.default.contentsOfDirectory(atPath: sources.path)
    where module != "bench" {
      let directory = sources.appendingPathComponent(module)
      guard let files = FileManager.default.enumerator(atPath: directory.path) else { continue }
      for case let file as String in files where file.hasSuffix(".swift") {
        let text = try String(
          contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false)
          .enumerated()
        where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//")
          && Self.calls.contains(where: { line.contains($0) })
        {
          found.append("\(module)/\(file):\(number + 1)")
        }
      }
    }
    #expect(found.isEmpty, "write with AtomicFile instead: \(found)")
  }
}
