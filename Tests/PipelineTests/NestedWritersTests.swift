import Foundation
import Pipeline
import Testing

/// A run or a sweep whose folder lies inside one another live runner writes, or holds one it
/// writes, is refused at its start (75, naming that runner's pid and folder), not let in to
/// make the other refuse its commit after training (tester AY F9); and a run whose commit still
/// meets such a folder keeps its finished results in `.history`, saying where.
@Suite struct NestedWritersTests {
  static let spec = """
    name: n
    dataset: {generator: {type: linear, samples: 20}, split: {train: 0.8, test: 0.2}}
    model: {type: linreg, init: zeros}
    loss: mse
    optimizer: {type: gd, learning_rate: 0.1, iterations: 5}

    """

  /// A project with the spec and its results root (made); run options writing there with
  /// `overrides`.
  static func project(_ overrides: [String]) throws -> (
    directory: URL, spec: String, results: URL, options: RunOptions
  ) {
    let directory = TestProject.temporaryDirectory()
    let results = directory.appendingPathComponent("results")
    try FileManager.default.createDirectory(at: results, withIntermediateDirectories: true)
    let path = try TestProject.writeSpec(spec, in: directory)
    var options = RunOptions(resultsRoot: results.path)
    options.environment["RUNNER_DATA_PATH"] = nil
    options.spec.overrides = overrides
    return (directory, path, results, options)
  }

  @Test func aRunInsideAFolderAnotherRunnerWritesIsRefused() throws {
    let p = try Self.project(["output=x/y"])
    defer { try? FileManager.default.removeItem(at: p.directory) }
    let x = p.results.appendingPathComponent("x")
    let holder = try ForeignLockHolder(p.results.appendingPathComponent(".x.lock"))
    defer { try? holder.release() }
    #expect {
      _ = try ExperimentRunner.run(specPath: p.spec, options: p.options)
    } throws: { error in
      guard let error = error as? PipelineError else { return false }
      return error.exitCode.rawValue == 75
        && error.description.contains(
          "\(x.path)/y lies inside \(x.path), which is in use by pid 4242")
    }
    // Nothing made: not even the folder `x` the run's lock went into.
    #expect(!FileManager.default.fileExists(atPath: x.path))
  }

  @Test func aRunAroundAFolderAnotherRunnerWritesIsRefused() throws {
    let p = try Self.project(["output=x"])
    defer { try? FileManager.default.removeItem(at: p.directory) }
    let x = p.results.appendingPathComponent("x")
    try FileManager.default.createDirectory(at: x, withIntermediateDirectories: true)
    let holder = try ForeignLockHolder(x.appendingPathComponent(".y.lock"))
    defer { try? holder.release() }
    #expect {
      _ = try ExperimentRunner.run(specPath: p.spec, options: p.options)
    } throws: { error in
      guard let error = error as? PipelineError else { return false }
      return error.exitCode.rawValue == 75
        && error.description.contains("\(x.path) holds \(x.path)/y, which is in use by pid 4242")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: x.path) == [".y.lock"])
  }

  /// A report reading a folder (a brief holder) refuses no run around or inside it.
  @Test func aBriefHolderAroundARunRefusesNothing() throws {
    let p = try Self.project(["output=x/y"])
    defer { try? FileManager.default.removeItem(at: p.directory) }
    let holder = try ForeignLockHolder(
      p.results.appendingPathComponent(".x.lock"), record: "4242 brief\n")
    defer { try? holder.release() }
    let outcome = try ExperimentRunner.run(specPath: p.spec, options: p.options)
    #expect(outcome.directory == p.results.appendingPathComponent("x/y").path)
  }

  @Test func aSweepInsideAFolderAnotherRunnerWritesIsRefused() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    let holder = try ForeignLockHolder(root.appendingPathComponent(".x.lock"))
    defer { try? holder.release() }
    var options = SweepFixture.options(root: root)
    options.run.spec.overrides = ["output=x/s"]
    #expect {
      _ = try SweepRunner.run(specPath: SweepFixture.spec("linear-grid.yaml"), options: options)
    } throws: { error in
      guard let error = error as? SweepError else { return false }
      return error.exitCode.rawValue == 75
        && error.description.contains("lies inside \(root.path)/x, which is in use by pid 4242")
    }
    #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("x/s").path))
  }

  /// A sweep folder (its `plan.csv`) under `results`, as `name`, registered by a live sweep of
  /// pid 4242 (`SweepWriters`), whose lock the holder returned keeps.
  static func liveSweep(_ name: String, in results: URL) throws -> (URL, ForeignLockHolder) {
    let sweep = results.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: sweep, withIntermediateDirectories: true)
    try "trial,seed\n0123456789ab,21\n".write(
      to: sweep.appendingPathComponent("plan.csv"), atomically: true, encoding: .utf8)
    return (sweep, try ForeignLockHolder(sweep.appendingPathComponent(".sweep-4242.lock")))
  }

  /// A run whose --results-dir is a live sweep's folder (or a folder inside it) is refused
  /// (75, naming the sweep's pid), advised to choose another --results-dir, not another
  /// `output`, which would still lie inside (tester BA F-E, F-I).
  @Test(arguments: ["", "/sub"])
  func aRunWhoseResultsDirIsInsideALiveSweepIsRefused(below: String) throws {
    var p = try Self.project([])
    defer { try? FileManager.default.removeItem(at: p.directory) }
    let (sweep, holder) = try Self.liveSweep("slowg", in: p.results)
    defer { try? holder.release() }
    p.options.resultsRoot = sweep.path + below
    #expect {
      _ = try ExperimentRunner.run(specPath: p.spec, options: p.options)
    } throws: { error in
      guard let error = error as? PipelineError else { return false }
      return error.exitCode.rawValue == 75
        && error.description.contains(
          "\(sweep.path)\(below)/n lies inside \(sweep.path), which is in use by pid 4242")
        && error.description.contains("(--results-dir DIR, DIR not inside \(sweep.path))")
        && !error.description.contains("--set output")
    }
    #expect(!FileManager.default.fileExists(atPath: sweep.path + below + "/n"))
  }

  /// A run whose `output` goes inside a sweep's folder below its results root, live or not, is
  /// told that only `runner sweep` writes there and to choose another `output`.
  @Test func aRunWhoseOutputIsInsideALiveSweepIsAdvisedAnotherOutput() throws {
    let p = try Self.project(["output=slowg/sub/n"])
    defer { try? FileManager.default.removeItem(at: p.directory) }
    let (sweep, holder) = try Self.liveSweep("slowg", in: p.results)
    defer { try? holder.release() }
    #expect {
      _ = try ExperimentRunner.run(specPath: p.spec, options: p.options)
    } throws: { error in
      guard let error = error as? PipelineError else { return false }
      return error.description.contains(
        "is inside the sweep folder \(sweep.path), where only `runner sweep` writes")
        && error.description.contains("--set output=NAME")
    }
    #expect(!FileManager.default.fileExists(atPath: sweep.path + "/sub"))
  }

  /// A sweep of another plan into a live sweep's folder is refused (75) before any trial.
  @Test func aSweepInsideALiveSweepIsRefused() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let (sweep, holder) = try Self.liveSweep("slowg", in: root)
    defer { try? holder.release() }
    var options = SweepFixture.options(root: sweep)
    options.run.spec.overrides = ["output=s"]
    #expect {
      _ = try SweepRunner.run(specPath: SweepFixture.spec("linear-grid.yaml"), options: options)
    } throws: { error in
      guard let error = error as? SweepError else { return false }
      return error.exitCode.rawValue == 75
        && error.description.contains("lies inside \(sweep.path), which is in use by pid 4242")
        && error.description.contains("--results-dir DIR")
    }
    #expect(!FileManager.default.fileExists(atPath: sweep.appendingPathComponent("s").path))
  }

  /// A sweep's rung and bracket folders are its own: a live registration in the sweep's folder
  /// refuses a folder beside them, not them.
  @Test func aLiveSweepsRungFoldersAreNotNestedWriters() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let (sweep, holder) = try Self.liveSweep("h", in: root)
    defer { try? holder.release() }
    #expect(FolderLock.nestedWriter(around: sweep.appendingPathComponent("rung-1")) == nil)
    #expect(
      FolderLock.nestedWriter(around: sweep.appendingPathComponent("bracket-0/rung-1")) == nil)
    let other = FolderLock.nestedWriter(around: sweep.appendingPathComponent("other"))
    #expect(other?.folder == sweep.path && other?.pid == 4242 && other?.encloses == true)
  }

  /// A folder of another run made inside the run's folder while it trained (by a runner that
  /// took no lock) refuses its commit (73), and the finished run is kept in `.history`.
  @Test func aRunRefusedAtItsCommitKeepsItsResults() throws {
    let p = try Self.project(["output=x"])
    defer { try? FileManager.default.removeItem(at: p.directory) }
    let other = p.results.appendingPathComponent("x/y")
    var refusal: PipelineError?
    do {
      _ = try ExperimentRunner.run(specPath: p.spec, options: p.options) { event in
        guard case .started = event else { return }
        try? FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        for name in ["spec.resolved.yaml", "summary.csv"] {
          try? "theirs\n".write(
            to: other.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
      }
    } catch { refusal = error }
    let text = try #require(refusal).description
    #expect(refusal?.exitCode.rawValue == 73)
    #expect(text.contains("a folder of other runs' results (y)"), "\(text)")
    let range = try #require(text.range(of: "finished results are kept in "))
    let folder = String(text[range.upperBound...].prefix { $0 != " " })
    #expect(folder.hasPrefix(p.results.path + "/.history/x/"))
    let summary = try String(
      contentsOfFile: folder + "/summary.csv", encoding: .utf8)
    #expect(summary.contains("train_mse"))
    #expect(
      try String(contentsOf: other.appendingPathComponent("summary.csv"), encoding: .utf8)
        == "theirs\n")
  }
}
