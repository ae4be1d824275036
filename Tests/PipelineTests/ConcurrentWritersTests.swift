import Foundation
import Pipeline
import Reports
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A run and a sweep, or two sweeps of different plans, given the same output at once never
/// mix their files: the later one is refused, naming the live process, and writes nothing.
@Suite struct ConcurrentWritersTests {
  let grid = SweepFixture.spec("linear-grid.yaml")

  /// A sweep starting while a run holds the folder's lock (a `runner run` of the same output
  /// training) is refused with 75 before it creates the folder.
  @Test func aSweepIsRefusedWhileARunHoldsTheFolder() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = root.appendingPathComponent("sweep-linear-grid")
    let run = try FolderLock.acquire(folder)
    defer { run.release() }
    #expect {
      _ = try SweepRunner.run(specPath: grid, options: SweepFixture.options(root: root))
    } throws: { error in
      guard let error = error as? SweepError else { return false }
      return error.exitCode.rawValue == 75
        && error.description.contains("\(folder.path) is in use by pid \(getpid())")
    }
    #expect(!FileManager.default.fileExists(atPath: folder.path))
  }

  /// A sweep folder created while a run trained (its start saw none) is not committed over: the
  /// run is refused at its commit (73), its results kept in `.history` (the error says where),
  /// the sweep's files untouched.
  @Test func aRunDoesNotCommitOverASweepCreatedMeanwhile() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let results = directory.appendingPathComponent("results")
    let path = try TestProject.writeSpec(
      """
      name: s
      dataset: {generator: {type: linear, samples: 20}, split: {train: 0.8, test: 0.2}}
      model: {type: linreg, init: zeros}
      loss: mse
      optimizer: {type: gd, learning_rate: 0.1, iterations: 5}

      """, in: directory)
    let sweep = results.appendingPathComponent("s")
    let plan = "trial,seed\n0123456789ab,1\n"
    var options = RunOptions(resultsRoot: results.path)
    options.environment["RUNNER_DATA_PATH"] = nil
    #expect {
      _ = try ExperimentRunner.run(specPath: path, options: options) { event in
        guard case .started = event else { return }
        try? FileManager.default.createDirectory(
          at: sweep.appendingPathComponent("0123456789ab"), withIntermediateDirectories: true)
        try? plan.write(
          to: sweep.appendingPathComponent("plan.csv"), atomically: true, encoding: .utf8)
      }
    } throws: { error in
      guard let error = error as? PipelineError else { return false }
      return error.exitCode.rawValue == 73 && error.description.contains("is a sweep folder")
        && error.description.contains("results are kept in \(results.path)/.history/s/")
    }
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: results.path).sorted()
        == [".history", "s"])
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: sweep.path).sorted()
        == ["0123456789ab", "plan.csv"])
    #expect(
      try String(contentsOf: sweep.appendingPathComponent("plan.csv"), encoding: .utf8) == plan)
  }

  /// A sweep whose plan differs from the one a live sweep wrote is refused (75, naming its
  /// pid) before any trial; once that sweep is gone, the folder is its own again; a live sweep
  /// of the same plan is joined (they share the trials).
  @Test func aSweepOfAnotherPlanIsRefusedWhileTheOtherIsLive() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = root.appendingPathComponent("sweep-linear-grid")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let other = "trial,seed\n0123456789ab,21\n"
    try other.write(
      to: folder.appendingPathComponent("plan.csv"), atomically: true, encoding: .utf8)
    // Another process's registration, as a live sweep holds it.
    var live = try FolderLock.acquire(folder.appendingPathComponent("sweep-1"))
    #expect {
      _ = try SweepRunner.run(specPath: grid, options: SweepFixture.options(root: root))
    } throws: { error in
      guard let error = error as? SweepError else { return false }
      return error.exitCode.rawValue == 75
        && error.description.contains("another sweep (pid \(getpid())) with a different plan")
    }
    let visible = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      !$0.hasPrefix(".")
    }
    #expect(visible == ["plan.csv"])
    #expect(
      try String(contentsOf: folder.appendingPathComponent("plan.csv"), encoding: .utf8) == other)
    live.release()
    let first = try SweepRunner.run(specPath: grid, options: SweepFixture.options(root: root))
    #expect(first.finished.count == 6)
    live = try FolderLock.acquire(folder.appendingPathComponent("sweep-1"))
    defer { live.release() }
    let joined = try SweepRunner.run(specPath: grid, options: SweepFixture.options(root: root))
    #expect(joined.completeInFolder == 6)
  }
}

/// A run folder the user made read-only is left as it is: refused before training (73).
@Suite struct WriteProtectedRunTests {
  @Test func aWriteProtectedRunFolderIsRefused() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let results = directory.appendingPathComponent("results")
    let path = try TestProject.writeSpec(
      """
      name: p
      dataset: {generator: {type: linear, samples: 20}, split: {train: 0.8, test: 0.2}}
      model: {type: linreg, solver: exact}
      loss: mse

      """, in: directory)
    var options = RunOptions(resultsRoot: results.path)
    options.environment["RUNNER_DATA_PATH"] = nil
    options.isWritable = { _ in false }
    // A new folder is no protected one.
    let first = try ExperimentRunner.run(specPath: path, options: options)
    let before = SweepFixture.contents(of: first.directory)
    #expect {
      _ = try ExperimentRunner.run(specPath: path, options: options)
    } throws: { error in
      guard let error = error as? PipelineError else { return false }
      return error.exitCode.rawValue == 73
        && error.description.contains("\(first.directory) is write-protected")
        && error.description.contains("choose another `output`")
    }
    SweepFixture.expectSameFiles(SweepFixture.contents(of: first.directory), before, "changed")
    #expect(try FileManager.default.contentsOfDirectory(atPath: results.path) == ["p"])
  }
}

/// `runner merge` has neither --results-dir nor an `output`: a folder it cannot write is named
/// with the option it has, --into.
@Suite struct MergeIntoAdviceTests {
  @Test func anUnwritableIntoFolderIsAdvisedWithInto() throws {
    let whole = try SweepMergeTests.unsharded(SweepFixture.spec("linear-grid.yaml"))
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let file = root.appendingPathComponent("file")
    try Data().write(to: file)
    #expect {
      _ = try SweepMerger.merge([whole], into: file.appendingPathComponent("merged").path)
    } throws: { error in
      guard let error = error as? SweepError else { return false }
      return error.exitCode.rawValue == 73
        && error.description.contains("choose a writable --into folder")
        && !error.description.contains("--results-dir")
    }
  }
}

/// The mode bits decide, not the kernel's check, which lets root write anywhere: a run folder
/// made read-only (`chmod a-w`) is refused for root too (tester AY F2; the tests run as root).
@Suite struct WriteProtectedModeTests {
  @Test func aFolderWithoutTheOwnersWriteBitIsWriteProtected() throws {
    let folder = TestProject.temporaryDirectory()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer {
      chmod(folder.path, 0o755)
      try? FileManager.default.removeItem(at: folder)
    }
    #expect(RunFolderMode.isWritable(folder))
    chmod(folder.path, 0o555)
    #expect(!RunFolderMode.isWritable(folder))
  }

  @Test func aRunFolderMadeReadOnlyIsRefusedWithTheDefaultCheck() throws {
    let directory = TestProject.temporaryDirectory()
    defer {
      chmod(directory.appendingPathComponent("results/p").path, 0o755)
      try? FileManager.default.removeItem(at: directory)
    }
    let results = directory.appendingPathComponent("results")
    let path = try TestProject.writeSpec(
      """
      name: p
      dataset: {generator: {type: linear, samples: 20}, split: {train: 0.8, test: 0.2}}
      model: {type: linreg, solver: exact}
      loss: mse

      """, in: directory)
    var options = RunOptions(resultsRoot: results.path)
    options.environment["RUNNER_DATA_PATH"] = nil
    let first = try ExperimentRunner.run(specPath: path, options: options)
    chmod(first.directory, 0o555)
    #expect {
      _ = try ExperimentRunner.run(specPath: path, options: options)
    } throws: { error in
      guard let error = error as? PipelineError else { return false }
      return error.exitCode.rawValue == 73
        && error.description.contains("\(first.directory) is write-protected")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: results.path) == ["p"])
  }
}
