import Foundation
import Pipeline
import Testing

/// A sweep never silently mixes trials trained on different data: a resume compares each
/// complete trial's `data_files.csv` with the data now, and `runner merge` refuses shards whose
/// trials recorded different digests of one file.
@Suite struct SweepDataDigestTests {
  /// A 3-trial grid of exact linear regressions on `root/points.csv` (y = `slope`·x + 1), whose
  /// modification time is set an hour back: an edit the times do not show (a file moved or
  /// copied into place with its times).
  static func csvSweep(in root: URL, slope: Double = 2) throws -> String {
    let points = (0..<20).map { "\($0),\(slope * Double($0) + 1 + Double($0 % 3) * 0.1)" }
    let data = root.appendingPathComponent("points.csv")
    try ((["x,y"] + points).joined(separator: "\n") + "\n").write(
      to: data, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes(
      [.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: data.path)
    let spec = root.appendingPathComponent("points-sweep.yaml")
    try """
    name: points-sweep
    seed: 1
    dataset: {file: points.csv, features: [x], target: y, split: {train: 0.6, dev: 0.2, test: 0.2}}
    model: {type: linreg, solver: exact}
    loss: mse
    sweep:
      parameters:
        regularization.l2: [0.0, 0.01, 0.1]

    """.write(to: spec, atomically: true, encoding: .utf8)
    return spec.path
  }

  /// The sweep of `spec` under `results` (optionally a shard) and the notes it gave.
  static func sweep(_ spec: String, into results: URL, shard: String? = nil) throws -> (
    outcome: SweepOutcome, notes: [String]
  ) {
    let lock = NSLock()
    nonisolated(unsafe) var notes: [String] = []
    let outcome = try SweepRunner.run(
      specPath: spec, options: SweepFixture.options(root: results, shard: shard)
    ) { event in
      if case .note(let text) = event { lock.withLock { notes.append(text) } }
    }
    return (outcome, notes)
  }

  @Test func aResumeAfterTheDataChangedWarnsEvenWhenItsTimeIsOlder() throws {
    let root = SweepFixture.temporaryDirectory()
    let spec = try Self.csvSweep(in: root)
    let results = root.appendingPathComponent("results")
    let first = try Self.sweep(spec, into: results)
    let again = try Self.sweep(spec, into: results)
    #expect(!again.notes.contains { $0.contains("points.csv") }, "\(again.notes)")
    let ids = first.outcome.finished.map(\.trial).sorted()
    try FileManager.default.removeItem(atPath: first.outcome.directory + "/" + ids[0])
    _ = try Self.csvSweep(in: root, slope: 5)
    let resumed = try Self.sweep(spec, into: results)
    #expect(resumed.outcome.finished.map(\.trial) == [ids[0]])
    let warning = try #require(resumed.notes.first { $0.contains("points.csv") })
    #expect(
      warning.hasPrefix(
        "warning: dataset.file: \(root.path)/points.csv was modified after 2 complete trials "
          + "of this sweep were recorded (e.g. \(ids[1]): its data_files.csv records SHA-256 "),
      "\(warning)")
    #expect(
      warning.contains(
        "sweep into a new folder (--results-dir DIR, or another output:) or move "
          + "\(first.outcome.directory) away"), "\(warning)")
    // Every complete trial now recorded the current data: nothing more to say.
    let fresh = try Self.sweep(spec, into: root.appendingPathComponent("fresh"))
    #expect(!fresh.notes.contains { $0.contains("points.csv") })
  }

  /// Trials recorded before `data_files.csv` existed are still compared by modification time.
  @Test func trialsWithoutADataRecordFallBackOnTheTimes() throws {
    let root = SweepFixture.temporaryDirectory()
    let spec = try Self.csvSweep(in: root)
    let results = root.appendingPathComponent("results")
    let first = try Self.sweep(spec, into: results)
    for id in first.outcome.finished.map(\.trial) {
      try FileManager.default.removeItem(atPath: first.outcome.directory + "/\(id)/data_files.csv")
    }
    #expect(try Self.sweep(spec, into: results).notes.allSatisfy { !$0.contains("points.csv") })
    _ = try Self.csvSweep(in: root, slope: 5)
    try FileManager.default.setAttributes(
      [.modificationDate: Date(timeIntervalSinceNow: 60)],
      ofItemAtPath: root.appendingPathComponent("points.csv").path)
    let resumed = try Self.sweep(spec, into: results)
    let warning = try #require(resumed.notes.first { $0.contains("points.csv") })
    #expect(
      warning.contains(
        "points.csv was modified after 3 complete trials of this sweep were recorded (e.g. "))
    #expect(!warning.contains("SHA-256"))
  }

  @Test func shardsOnDifferentDataAreNotMerged() throws {
    let root = SweepFixture.temporaryDirectory()
    let spec = try Self.csvSweep(in: root)
    let s0 = try Self.sweep(spec, into: root.appendingPathComponent("s0"), shard: "0/2")
    _ = try Self.csvSweep(in: root, slope: 5)
    let s1 = try Self.sweep(spec, into: root.appendingPathComponent("s1"), shard: "1/2")
    let (a, b) = (s0.outcome.directory, s1.outcome.directory)
    let before = SweepFixture.contents(of: a)
    let target = root.appendingPathComponent("m/points-sweep").path
    for (into, sources) in [(target, [a, b]), (nil, [a, b]), (nil, [b, a])] {
      do {
        _ = try SweepMerger.merge(sources, into: into)
        Issue.record("expected a refusal")
      } catch {
        guard case .differentData(let key, let file, let first, let second) = error else {
          Issue.record("unexpected \(error)")
          continue
        }
        #expect(key == "dataset.file" && file == "points.csv")
        #expect(first.folder == sources[0] && second.folder == sources[1])
        #expect(error.exitCode == .failure)
        #expect(
          error.description.hasPrefix(
            "error: trials \(first.trial) (in \(sources[0])) and \(second.trial) (in "
              + "\(sources[1])) were trained on different data: their data_files.csv record "
              + "other SHA-256 digests of points.csv (dataset.file: "), "\(error)")
      }
    }
    // Nothing written: no merged folder, the first shard's folder as it was.
    #expect(!FileManager.default.fileExists(atPath: target))
    #expect(SweepFixture.contents(of: a) == before)
  }

  @Test func shardsOnTheSameDataMergeToTheUnshardedBytes() throws {
    let root = SweepFixture.temporaryDirectory()
    let spec = try Self.csvSweep(in: root)
    let whole = try Self.sweep(spec, into: root.appendingPathComponent("whole")).outcome.directory
    let shards = try (0..<2).map {
      try Self.sweep(spec, into: root.appendingPathComponent("s\($0)"), shard: "\($0)/2")
        .outcome.directory
    }
    let target = root.appendingPathComponent("m/points-sweep").path
    let merged = try SweepMerger.merge(shards, into: target)
    #expect(merged.complete == 3 && merged.missing.isEmpty)
    SweepFixture.expectSameFiles(
      SweepFixture.contents(of: target), SweepFixture.contents(of: whole), "differs merged")
  }
}
