import Conventions
import Foundation
import Pipeline
import Reports
import Testing

/// Fixtures and comparisons for the sweep tests.
enum SweepFixture {
  /// `Tests/PipelineTests/Sweep/<name>`.
  static func spec(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Sweep").appendingPathComponent(name).path
  }

  /// The repository root.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// A fresh empty folder.
  static func temporaryDirectory(_ label: String = #function) -> URL {
    let safe = label.filter { $0.isLetter || $0.isNumber }
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("runner-sweep-\(safe)-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// The sweep of `spec` run under `root/1` with one job and under `root/2` with two; records
  /// an issue unless both folders hold the same files, byte for byte. Returns the one-job run.
  @discardableResult
  static func runWithOneAndTwoJobs(_ spec: String, root: URL) throws -> SweepOutcome {
    let one = try SweepRunner.run(
      specPath: spec, options: options(root: root.appendingPathComponent("1")))
    let two = try SweepRunner.run(
      specPath: spec, options: options(root: root.appendingPathComponent("2"), jobs: 2))
    expectSameFiles(contents(of: two.directory), contents(of: one.directory), "differs with 2 jobs")
    return one
  }

  /// A successive-halving sweep of `spec` under `root` stopped as Ctrl-C stops it (one job):
  /// once `finished` trials of rung `rung` are done, no trial starts (0: before rung `rung`
  /// starts any). Checkpoints of the rungs below are still there, as after a real interruption.
  static func interrupted(_ spec: String, root: URL, rung: Int, finished: Int) throws
    -> SweepOutcome
  {
    let stop = SweepCancellation()
    let counter = NSLock()
    nonisolated(unsafe) var inRung = false
    nonisolated(unsafe) var done = 0
    return try SweepRunner.run(
      specPath: spec, options: options(root: root, cancellation: stop)
    ) { event in
      counter.withLock {
        switch event {
        case .note(let text) where text.hasPrefix("rung \(rung):"): inRung = true
        case .trialFinished where inRung: done += 1
        default: break
        }
        if inRung && done >= finished { stop.cancel() }
      }
    }
  }

  /// The outcomes of the sweep `spec` run as `count` shards, shard k under `root/s<k>`.
  static func shards(_ spec: String, count: Int = 2, in root: URL) throws -> [SweepOutcome] {
    try (0..<count).map {
      try SweepRunner.run(
        specPath: spec,
        options: options(root: root.appendingPathComponent("s\($0)"), shard: "\($0)/\(count)"))
    }
  }

  /// Sweep options writing under `root`, with `environment` as the whole process environment.
  static func options(
    root: URL, jobs: Int = 1, shard: String? = nil, environment: [String: String] = [:],
    retryFailed: Bool = false, cancellation: SweepCancellation = SweepCancellation()
  ) -> SweepOptions {
    SweepOptions(
      run: RunOptions(environment: environment, resultsRoot: root.path), jobs: jobs, shard: shard,
      retryFailed: retryFailed, cancellation: cancellation)
  }

  /// Records an issue unless `actual` has exactly `expected`'s files, byte for byte (each
  /// differing file named, followed by `context`, e.g. "differs with 2 jobs").
  static func expectSameFiles(
    _ actual: [String: Data], _ expected: [String: Data], _ context: String
  ) {
    #expect(actual.keys.sorted() == expected.keys.sorted(), "\(context)")
    for (file, bytes) in expected where actual[file] != bytes {
      Issue.record("\(file) \(context)")
    }
  }

  /// Every non-hidden file below `directory` except the timing and environment records, by relative path, with its bytes.
  static func contents(of directory: String) -> [String: Data] {
    var out: [String: Data] = [:]
    guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return out }
    while let path = enumerator.nextObject() as? String {
      let parts = path.split(separator: "/")
      if parts.contains(where: { $0.hasPrefix(".") })
        || ResultsFile.timingFiles.contains(String(parts.last!))
      {
        continue
      }
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: directory + "/" + path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        out[path] = FileManager.default.contents(atPath: directory + "/" + path)
      }
    }
    return out
  }

  /// Hidden leftovers (staging folders, temporaries) directly in `directory`; the record of
  /// what the runner wrote (`WrittenRecord`) and a shard's marker (`ShardRecord`) are none.
  static func hiddenEntries(in directory: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter {
      $0.hasPrefix(".") && $0 != WrittenRecord.name && ShardRecord.marker($0) == nil
    }
  }

  /// A CSV file.
  static func table(_ path: String) throws -> CSVTable {
    try CSVTable(parsing: String(contentsOfFile: path, encoding: .utf8))
  }
}
