import Foundation
import Testing

/// `runner predict`'s options as users of other command-line tools write them: `-o -` for
/// standard output.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct PredictOptionsBinaryTests {
  /// `runner ARGUMENTS` started in `dir`, with its cache there.
  static func run(_ arguments: [String], in dir: URL) throws -> SweepBinary.Result {
    try SweepBinary.run(
      arguments,
      environment: ["XDG_CACHE_HOME": dir.appendingPathComponent("cache").path, "HOME": dir.path],
      in: dir)
  }

  @Test func dashOutputWritesTheTableToStandardOutputAndNoFileNamedDash() throws {
    let (dir, spec, params) = try CommandFaultBinaryTests.trained()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = dir.appendingPathComponent("points.csv").path
    let file = try Self.run(
      ["predict", spec, "--params", params, "--data", data, "-o", "file.csv"], in: dir)
    #expect(file.status == 0, "\(file.error)")
    let written = try String(
      contentsOf: dir.appendingPathComponent("file.csv"), encoding: .utf8)
    let piped = try Self.run(
      ["predict", spec, "--params", params, "--data", data, "-o", "-"], in: dir)
    #expect(piped.status == 0, "\(piped.error)")
    // Only the CSV on standard output, byte for byte what -o FILE writes; the count on stderr.
    #expect(piped.output == written)
    #expect(written.hasPrefix("row,"))
    #expect(piped.error.contains(" predictions\n"), "\(piped.error)")
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("-").path))
  }
}
