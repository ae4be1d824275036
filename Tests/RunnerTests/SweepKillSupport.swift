import Foundation
import Testing

extension SweepBinary {
  /// The folder `sweep` writes for `spec` with two jobs under a fresh root (nil when it fails):
  /// the reference a killed and resumed run must equal.
  static func uninterrupted(_ spec: String, folder: String, tag: String) -> URL? {
    let root = temporaryDirectory(tag)
    guard
      let result = try? run(["sweep", spec, "--results-dir", root.path, "--jobs", "2"]),
      result.status == 0
    else { return nil }
    return root.appendingPathComponent(folder)
  }

  /// Runs `spec` with two jobs, killed with `kill -9` at crash-hook `point`, then again with
  /// one job; records an issue unless the resumed `folder` has exactly `reference`'s files and
  /// bytes, `marker` among them.
  static func expectKilledAndResumedEqual(
    _ spec: String, folder: String, reference: URL, point: String, marker: String
  ) throws {
    let root = temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let killed = try run(
      ["sweep", spec, "--results-dir", root.path, "--jobs", "2"],
      environment: ["RUNNER_SWEEP_CRASH_AT": point])
    #expect(killed.killed && killed.status == SIGKILL, "\(point): the hook did not fire")
    let resumed = try run(["sweep", spec, "--results-dir", root.path, "--jobs", "1"])
    #expect(resumed.status == 0, "\(resumed.error)")
    let expected = contents(of: reference)
    let actual = contents(of: root.appendingPathComponent(folder))
    #expect(expected.keys.contains(marker))
    #expect(actual.keys.sorted() == expected.keys.sorted())
    for (file, bytes) in expected where actual[file] != bytes {
      Issue.record("\(point): \(file) differs after resuming")
    }
  }
}
