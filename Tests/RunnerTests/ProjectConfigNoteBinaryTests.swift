import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A `runner.yaml` in any folder above a spec set its BLAS kernel, results folder and data
/// path with no word (tester R12). `validate` and `explain` name the one that applies (or
/// none); `run` notes one far above the spec, outside its git repository; one owned by another
/// user (not root, not the owner of its folder: left in a shared folder) is ignored, as git
/// ignores such a repository.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct ProjectConfigNoteBinaryTests {
  /// `walk/runner.yaml` (results into `elsewhere`) and the spec `walk/a/b/spec.yaml` (no git
  /// repository above the temporary folder).
  static func walk(label: String = #function) throws -> (dir: URL, config: URL, spec: URL) {
    let dir = try ValidateDataTests.project(
      ValidateDataTests.fitting(split: "{train: 0.75, dev: 0.25}"), label: label)
    let deep = dir.appendingPathComponent("walk/a/b")
    try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
    for file in ["spec.yaml", "points.csv"] {
      try FileManager.default.moveItem(
        at: dir.appendingPathComponent(file), to: deep.appendingPathComponent(file))
    }
    let config = dir.appendingPathComponent("walk/runner.yaml")
    try "results_dir: elsewhere\n".write(to: config, atomically: true, encoding: .utf8)
    return (dir, config, deep.appendingPathComponent("spec.yaml"))
  }

  @Test func theRunnerYAMLInUseIsNamedAndOneFarAboveIsNoted() throws {
    let (dir, config, spec) = try Self.walk()
    let environment = ValidateDataTests.environment(dir)
    let validate = try SweepBinary.run(["validate", spec.path], environment: environment)
    #expect(validate.status == 0, "\(validate.error)")
    #expect(
      validate.output.hasPrefix("\(spec.path): ok (runner.yaml: \(config.path), memory about"),
      "\(validate.output)")
    let explain = try SweepBinary.run(["explain", spec.path], environment: environment)
    #expect(explain.output.hasPrefix("# runner.yaml: \(config.path)\n"), "\(explain.output)")
    let canonical = try SweepBinary.run(
      ["explain", "--canonical", spec.path], environment: environment)
    #expect(!canonical.output.contains("runner.yaml"), "\(canonical.output)")
    let run = try SweepBinary.run(["run", spec.path], environment: environment)
    #expect(run.status == 0, "\(run.error)")
    #expect(
      run.error.contains(
        "note: using \(config.path), 2 folders above the spec: its results_dir, data_path and "
          + "blas_kernel apply"), "\(run.error)")
    #expect(
      FileManager.default.fileExists(atPath: dir.appendingPathComponent("walk/elsewhere/spec").path)
    )
    // The sweep's dry run, the preview of where a sweep goes, gives the sweep's note too.
    let sweep = spec.deletingLastPathComponent().appendingPathComponent("sweep.yaml")
    try
      (String(contentsOf: spec, encoding: .utf8)
      + "sweep:\n  parameters:\n    optimizer.learning_rate: [0.01, 0.02]\n")
      .write(to: sweep, atomically: true, encoding: .utf8)
    for arguments in [["--dry-run"], []] {
      let swept = try SweepBinary.run(["sweep", sweep.path] + arguments, environment: environment)
      #expect(swept.status == 0, "\(swept.error)")
      #expect(
        (swept.output + swept.error).contains("note: using \(config.path), 2 folders above"),
        "\(arguments): \(swept.output) \(swept.error)")
    }
    // Beside the spec's folder (a project's runner.yaml beside experiments/): no note.
    try FileManager.default.moveItem(
      at: config, to: dir.appendingPathComponent("walk/a/runner.yaml"))
    let near = try SweepBinary.run(["run", spec.path], environment: environment)
    #expect(near.status == 0, "\(near.error)")
    #expect(!near.error.contains("runner.yaml"), "\(near.error)")
  }

  @Test(.enabled(if: getuid() == 0, "chown needs root"))
  func anotherUsersRunnerYAMLIsIgnoredWithANote() throws {
    let (dir, config, spec) = try Self.walk()
    #expect(chown(config.path, 65534, 65534) == 0)
    let environment = ValidateDataTests.environment(dir)
    let validate = try SweepBinary.run(["validate", spec.path], environment: environment)
    #expect(validate.status == 0, "\(validate.error)")
    #expect(validate.output.contains("(runner.yaml: none, "), "\(validate.output)")
    #expect(
      validate.error.contains("note: ignoring \(config.path): owned by "), "\(validate.error)")
    let run = try SweepBinary.run(["run", spec.path], environment: environment)
    #expect(run.status == 0, "\(run.error)")
    #expect(run.error.contains("note: ignoring \(config.path): owned by "), "\(run.error)")
    // `explain` names none applying, and the one it passed over.
    let explain = try SweepBinary.run(["explain", spec.path], environment: environment)
    #expect(
      explain.output.hasPrefix(
        "# runner.yaml: none\n# note: ignoring \(config.path): owned by "), "\(explain.output)")
    #expect(
      run.error.contains("who is neither you, root nor the owner of its folder"), "\(run.error)")
    // Its results_dir did not apply: results beside the spec.
    #expect(
      FileManager.default.fileExists(
        atPath: dir.appendingPathComponent("walk/a/b/results/spec").path))
    #expect(
      !FileManager.default.fileExists(atPath: dir.appendingPathComponent("walk/elsewhere").path))
    // The owner of the folder holding it may write it: then it applies.
    #expect(chown(config.deletingLastPathComponent().path, 65534, 65534) == 0)
    let owned = try SweepBinary.run(["validate", spec.path], environment: environment)
    #expect(owned.output.contains("(runner.yaml: \(config.path), "), "\(owned.output)")
  }
}
