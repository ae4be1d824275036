import Conventions
import Foundation
import Reports
import Testing

@testable import Pipeline

/// Tester BA F-D: a finished sweep's summary.csv the user trimmed to its top rows was replaced,
/// with no copy kept, by `runner report` (bringing a "lagging" summary up to date, with a note
/// blaming a stopped sweep) and by a resume. It now follows the report files' rule: replaced
/// without a copy only when its bytes are those the runner recorded writing; otherwise kept in
/// `.history` first, with a note, and no stop is claimed.
@Suite struct SweepEditedSummaryTests {
  /// A finished grid sweep with its summary.csv trimmed to the header and first trial; the
  /// folder, the summary's path and its full bytes.
  static func trimmed(in root: URL) throws -> (folder: URL, summary: URL, full: Data) {
    let outcome = try SweepRunner.run(
      specPath: SweepFixture.spec("linear-grid.yaml"), options: SweepFixture.options(root: root))
    let folder = URL(fileURLWithPath: outcome.directory)
    let summary = folder.appendingPathComponent(ResultsFile.summary)
    let full = try Data(contentsOf: summary)
    let lines = String(decoding: full, as: UTF8.self).split(separator: "\n")
    #expect(lines.count > 3)
    try Data((lines[0] + "\n" + lines[1] + "\n").utf8).write(to: summary)
    return (folder, summary, full)
  }

  /// The files kept in the folder's `.history` with the name `name`.
  static func kept(_ name: String, in folder: URL) -> [Data] {
    let history = RunLeftovers.historyFolder(of: folder)
    guard let all = FileManager.default.enumerator(atPath: history.path) else { return [] }
    return all.compactMap { $0 as? String }.filter { $0.hasSuffix("/" + name) }.compactMap {
      FileManager.default.contents(atPath: history.appendingPathComponent($0).path)
    }
  }

  @Test func aTrimmedSummaryIsKeptByTheReportsCatchUpWhichClaimsNoStop() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let (folder, summary, full) = try Self.trimmed(in: root)
    let trimmed = try Data(contentsOf: summary)
    let note = try #require(try SweepLayout(directory: folder).catchUpSummary())
    #expect(Self.kept(ResultsFile.summary, in: folder) == [trimmed], "\(note)")
    #expect(note.contains("kept in \(RunLeftovers.historyFolder(of: folder).path)/"), "\(note)")
    #expect(!note.contains("stopped"), "\(note)")
    #expect(try Data(contentsOf: summary) == full)
  }

  @Test func theRunnersOwnLaggingSummaryIsReplacedWithoutACopy() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let (folder, summary, full) = try Self.trimmed(in: root)
    // As a sweep killed between its summary's writes leaves it: the digest recorded is its own.
    let lagging = try Data(contentsOf: summary)
    let record = WrittenRecord.updated(with: [(ResultsFile.summary, lagging)], in: folder)
    try record.bytes.write(to: folder.appendingPathComponent(record.name))
    let note = try #require(try SweepLayout(directory: folder).catchUpSummary())
    #expect(note.contains("its sweep stopped before writing it again"), "\(note)")
    #expect(Self.kept(ResultsFile.summary, in: folder).isEmpty)
    #expect(try Data(contentsOf: summary) == full)
  }

  @Test func aResumeKeepsATrimmedSummary() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let (folder, summary, full) = try Self.trimmed(in: root)
    let trimmed = try Data(contentsOf: summary)
    let lock = NSLock()
    nonisolated(unsafe) var notes: [String] = []
    _ = try SweepRunner.run(
      specPath: SweepFixture.spec("linear-grid.yaml"), options: SweepFixture.options(root: root)
    ) { event in
      if case .note(let text) = event { lock.withLock { notes.append(text) } }
    }
    #expect(Self.kept(ResultsFile.summary, in: folder) == [trimmed])
    #expect(notes.contains { $0.contains("summary.csv") && $0.contains("kept in") }, "\(notes)")
    #expect(try Data(contentsOf: summary) == full)
  }

  /// A successive-halving or Hyperband sweep's own `summary.csv` (its rungs' were kept) was
  /// written without the record of what the runner wrote: one you edited (a spreadsheet saving
  /// it again) was replaced by the next run with no copy and no word.
  @Test(arguments: ["successive_halving", "hyperband"])
  func anAdaptiveSweepKeepsItsEditedSummary(_ method: String) throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = try SweepHalvingRecordKeptTests.spec(in: root, method: method)
    let first = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root))
    let folder = URL(fileURLWithPath: first.directory)
    let summary = folder.appendingPathComponent(ResultsFile.summary)
    let full = try Data(contentsOf: summary)
    let edited = full + Data("# checked by hand\n".utf8)
    try edited.write(to: summary)
    let lock = NSLock()
    nonisolated(unsafe) var notes: [String] = []
    _ = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root)) { event in
      if case .note(let text) = event { lock.withLock { notes.append(text) } }
    }
    #expect(Self.kept(ResultsFile.summary, in: folder) == [edited])
    #expect(notes.contains { $0.contains("summary.csv") && $0.contains("kept in") }, "\(notes)")
    #expect(try Data(contentsOf: summary) == full)
    // Its own summary, now recorded, is replaced without a copy by the run after.
    _ = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root))
    #expect(Self.kept(ResultsFile.summary, in: folder) == [edited])
  }
}
