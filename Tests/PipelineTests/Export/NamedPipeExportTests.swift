import Conventions
import Foundation
import Pipeline
import Reports
import Testing

/// A run's results file replaced by a named pipe: `runner export` and `runner ls` never open
/// it (reading one may block) and say what it is, not the system's `Permission denied`.
struct NamedPipeExportTests {
  /// A copy of the baseline's `cat` run in a new folder, with its file `name` a named pipe.
  static func catWithPipe(_ name: String) throws -> (folder: URL, pipe: URL) {
    let root = TestProject.temporaryDirectory()
    let cat = root.appendingPathComponent("cat")
    try FileManager.default.copyItem(
      at: TestProject.root.appendingPathComponent("results/baseline/cat"), to: cat)
    let pipe = cat.appendingPathComponent(name)
    try? FileManager.default.removeItem(at: pipe)
    #expect(mkfifo(pipe.path, 0o644) == 0)
    return (cat, pipe)
  }

  @Test func exportNamesAMetricsPipe() throws {
    let (cat, pipe) = try Self.catWithPipe(ResultsFile.metrics)
    defer { try? FileManager.default.removeItem(at: cat.deletingLastPathComponent()) }
    #expect(
      throws: ExportError.unreadable(
        path: pipe.path, reason: "is a named pipe (FIFO), not a regular file")
    ) {
      try ExportedRun(folder: cat, name: "cat")
    }
    #expect(
      ExportError.unreadable(path: pipe.path, reason: "is a named pipe (FIFO), not a regular file")
        .description == "cannot read \(pipe.path): is a named pipe (FIFO), not a regular file")
  }

  /// A pipe beside the results is no file to upload to MLflow: left out, never opened.
  @Test func aPipeIsNoArtifact() throws {
    let (cat, pipe) = try Self.catWithPipe("notes.fifo")
    defer { try? FileManager.default.removeItem(at: cat.deletingLastPathComponent()) }
    let run = try ExportedRun(folder: cat, name: "cat")
    #expect(!run.files().contains(pipe.lastPathComponent))
    #expect(run.files().contains(ResultsFile.metrics))
  }

  @Test func listingNamesASummaryPipe() throws {
    let (cat, pipe) = try Self.catWithPipe(ResultsFile.summary)
    defer { try? FileManager.default.removeItem(at: cat.deletingLastPathComponent()) }
    let run = try #require(ResultsIndex.run(at: cat, name: "cat"))
    #expect(
      run.problems == ["cannot read \(pipe.path): is a named pipe (FIFO), not a regular file"])
  }
}
