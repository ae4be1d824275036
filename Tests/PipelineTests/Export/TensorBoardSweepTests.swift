import Foundation
import Testing

@testable import Pipeline

/// TensorBoard exports of sweeps (tester I, session 29): one session per trial after an
/// adaptive sweep went on (#1), one HParams type per key across an export (#10).
struct TensorBoardSweepTests {
  /// The event files under `folder`, relative to it, sorted.
  func eventFiles(below folder: URL) -> [String] {
    let all = FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []
    return all.filter { ExportedFiles.isEventFile(($0 as NSString).lastPathComponent) }.sorted()
  }

  /// Exports the runs under `folder` into their own folders.
  func export(_ folder: URL) throws {
    let runs = try ExportedRun.find([folder.path])
    try TensorBoardExport.write(runs.map { (run: $0, directory: $0.folder) })
  }

  /// A successive-halving sweep exported with rung 0 done and again once complete: a promoted
  /// trial's events from the earlier export leave its lower rung folder (TensorBoard would show
  /// both sessions as one trial, their metrics averaged), a file of the user's there stays.
  @Test func aPromotedTrialKeepsOneSession() throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepFixture.spec("halving-moons.yaml")
    let stopped = try SweepFixture.interrupted(spec, root: root, rung: 1, finished: 0)
    let sweep = URL(fileURLWithPath: stopped.directory)
    try export(sweep)
    #expect(eventFiles(below: sweep).count == 9)
    _ = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root))
    let promoted = try ExportedRun.find([sweep.path]).filter {
      $0.folder.deletingLastPathComponent().lastPathComponent == "rung-2"
    }
    let trial = try #require(promoted.first).folder.lastPathComponent
    let notes = sweep.appendingPathComponent("rung-0/\(trial)/notes.txt")
    try Data("mine".utf8).write(to: notes)
    try export(sweep)
    let files = eventFiles(below: sweep)
    #expect(files.count == 9, "\(files)")
    #expect(files.filter { $0.contains("/\(trial)/") }.map { String($0.prefix(7)) } == ["rung-2/"])
    #expect(FileManager.default.fileExists(atPath: notes.path))
  }

  /// A Hyperband trial's other folders are its ID's in every other rung of every bracket; a
  /// successive-halving trial's, in the sweep's other rungs; a run of no rung has none.
  @Test func aTrialsOtherRungFoldersSpanBrackets() throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let sweep = root.appendingPathComponent("hb")
    let folders = [
      "bracket-1/rung-0/t", "bracket-1/rung-1/t", "bracket-0/rung-0/t", "bracket-0/rung-0/u",
      "bracket-x/rung-0/t", "plots/t",
    ]
    for folder in folders {
      try FileManager.default.createDirectory(
        at: sweep.appendingPathComponent(folder), withIntermediateDirectories: true)
    }
    var run = TensorBoardExportTests.fixtureRun
    run.sweep = "hb"
    run.folder = sweep.appendingPathComponent("bracket-1/rung-1/t")
    let others = TensorBoardExport.otherRungs(of: run).map {
      String($0.path.dropFirst(sweep.path.count + 1))
    }
    #expect(others.sorted() == ["bracket-0/rung-0/t", "bracket-1/rung-0/t"])
    run.sweep = nil
    #expect(TensorBoardExport.otherRungs(of: run).isEmpty)
  }

  /// A seed is always text (a sweep trial's derived 64-bit seed must be), and a key whose values
  /// are numbers in some runs and words in others is text in all of them: TensorBoard gives an
  /// HParams column one type.
  @Test func eachHParamHasOneTypeAcrossTheExport() {
    var small = TensorBoardExportTests.fixtureRun
    small.parameters = [("seed", "7"), ("dataset.split.train", "0.6"), ("units", "4")]
    var other = small
    other.parameters = [("seed", "9"), ("dataset.split.train", "rest"), ("units", "8")]
    #expect(TensorBoardExport.textKeys([small, other]) == ["dataset.split.train"])
    #expect(TensorBoardExport.textKeys([small]).isEmpty)
    // `Value.string_value` (field 3) "7", not `number_value` 7.0.
    let bytes = TensorBoardExport.events(small)
    #expect(bytes.contains(sequence: [0x1a, 0x01, 0x37]))
    let texts = TensorBoardExport.events(small, textKeys: ["dataset.split.train"])
    #expect(texts.contains(sequence: [0x1a, 0x03] + Array("0.6".utf8)))
    #expect(!bytes.contains(sequence: [0x1a, 0x03] + Array("0.6".utf8)))
  }
}

extension [UInt8] {
  /// Whether `sequence` occurs in the bytes.
  func contains(sequence: [UInt8]) -> Bool {
    guard sequence.count <= count else { return false }
    return (0...(count - sequence.count)).contains {
      Array(self[$0..<$0 + sequence.count]) == sequence
    }
  }
}
