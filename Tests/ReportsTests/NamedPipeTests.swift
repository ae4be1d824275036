import Conventions
import Foundation
import Testing

@testable import Reports

/// A results file replaced by a named pipe is refused unopened (reading one may block), and
/// the message says what it is rather than the system's `Permission denied`.
@Suite("Named pipes in results folders")
struct NamedPipeTests {
  /// A named pipe at `url`, in place of the file there.
  static func pipe(at url: URL) throws {
    try? FileManager.default.removeItem(at: url)
    #expect(mkfifo(url.path, 0o644) == 0)
  }

  @Test("reading a named pipe says it is one")
  func readingSaysWhatItIs() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let metrics = directory.appendingPathComponent(ResultsFile.metrics)
    try Self.pipe(at: metrics)
    #expect(
      throws: ResultsFileError.cannotRead(
        path: metrics.path, reason: "is a named pipe (FIFO), not a regular file")
    ) {
      try CSVTable(contentsOf: metrics)
    }
    #expect(
      ResultsFile.irregularity(atPath: directory.path) == "is a directory, not a regular file")
    #expect(
      ResultsFile.irregularity(atPath: "/dev/null") == "is a character device, not a regular file")
    #expect(ResultsFile.irregularity(atPath: directory.appendingPathComponent("none").path) == nil)
  }

  @Test("runner diff names the pipe once, with what it is")
  func diffNamesThePipe() throws {
    let root = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let (a, b) = (root.appendingPathComponent("a"), root.appendingPathComponent("b"))
    try writeSampleResults(to: a)
    try writeSampleResults(to: b)
    let metrics = b.appendingPathComponent(ResultsFile.metrics)
    try Self.pipe(at: metrics)
    do {
      _ = try ResultsDiff(a, b)
      Issue.record("a named pipe should be refused")
    } catch {
      #expect(error.description == "\(metrics.path): is a named pipe (FIFO), not a regular file")
    }
  }

  @Test("runner report refuses a pipe for a results CSV")
  func reportRefusesThePipe() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try writeSampleResults(to: directory)
    let metrics = directory.appendingPathComponent(ResultsFile.metrics)
    try Self.pipe(at: metrics)
    do {
      _ = try ResultsReport(directory: directory)
      Issue.record("a named pipe should be refused")
    } catch {
      #expect(
        error.description
          == "cannot read \(metrics.path): is a named pipe (FIFO), not a regular file")
    }
  }
}
