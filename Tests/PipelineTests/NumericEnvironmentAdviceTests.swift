import Foundation
import Reports
import Testing

@testable import Pipeline

/// The notes on runs made in different numeric environments name what differs (the BLAS
/// kernel, the threads, the C math library, …) and advise what makes that equal, not the BLAS
/// kernel policy whatever differs; a sweep resumed in another environment says so as `runner
/// merge` does.
@Suite struct NumericEnvironmentAdviceTests {
  static let haswell = "x86_64 OpenBLAS 0.3.21 Haswell kernel, 1 thread, math library 3a6b65f2"
  static let otherLibm = "x86_64 OpenBLAS 0.3.21 Haswell kernel, 1 thread, math library 152fe164"
  static let twoThreads = "x86_64 OpenBLAS 0.3.21 Haswell kernel, 2 threads, math library 3a6b65f2"
  static let sandybridge =
    "x86_64 OpenBLAS 0.3.21 Sandybridge kernel, 1 thread, math library 3a6b65f2"

  @Test func partsAreReadFromTheValueTheRunnerWrites() {
    let written = RunEnvironment.numericEnvironment(core: "Haswell", threads: 3)
    let parts = NumericEnvironmentPart.values(of: written)
    #expect(parts[.threads] == "3")
    #expect(parts[.mathLibrary] == MathLibrary.fingerprint)
    #expect(parts[.blasKernel] == "Haswell" && parts[.other] == nil)
    #expect(NumericEnvironmentPart.values(of: Self.sandybridge)[.blasVersion] == "0.3.21")
  }

  @Test func onlyWhatDiffersIsNamedWithItsRemedy() {
    #expect(NumericEnvironmentPart.differing([Self.haswell, Self.otherLibm]) == [.mathLibrary])
    #expect(NumericEnvironmentPart.differing([Self.haswell, Self.twoThreads]) == [.threads])
    #expect(NumericEnvironmentPart.differing([Self.haswell, Self.sandybridge]) == [.blasKernel])
    #expect(
      NumericEnvironmentPart.differing([Self.haswell, Self.otherLibm, Self.sandybridge])
        == [.blasKernel, .mathLibrary])
    // A value of a form the runner does not write differs as a whole.
    #expect(NumericEnvironmentPart.differing([Self.haswell, "something else"]).contains(.other))
    let libm = NumericEnvironmentPart.remedy([Self.haswell, Self.otherLibm])
    #expect(libm.contains("GLIBC_TUNABLES") && !libm.contains("blas_kernel"))
    let threads = NumericEnvironmentPart.remedy([Self.haswell, Self.twoThreads])
    #expect(threads.contains("the same `threads`") && !threads.contains("blas_kernel"))
  }

  /// Folders `a` and `b` under a fresh root, each with an `environment.csv` of `environments`.
  static func folders(_ environments: [String: [String]]) throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "runner-advice-\(UUID().uuidString)")
    for (folder, values) in environments {
      for (index, value) in values.enumerated() {
        let trial = root.appendingPathComponent("\(folder)/t\(index)")
        try FileManager.default.createDirectory(at: trial, withIntermediateDirectories: true)
        let record = RunEnvironment(fields: [(RunEnvironment.numericKey, value)])
        try record.table.write(to: trial.appendingPathComponent(ResultsFile.environment))
      }
    }
    return root
  }

  @Test func diffAndMergeAdviceNamesTheMathLibraryWhenOnlyItDiffers() throws {
    let root = try Self.folders(["a": [Self.haswell], "b": [Self.otherLibm]])
    defer { try? FileManager.default.removeItem(at: root) }
    let (a, b) = (root.appendingPathComponent("a"), root.appendingPathComponent("b"))
    let note = try #require(RunEnvironment.differenceNote(a, b))
    #expect(note.contains("which differ in the C math library, so their figures can differ"))
    #expect(note.hasSuffix("rerun both with \(NumericEnvironmentPart.mathLibrary.remedy)"))
    #expect(!note.contains("BLAS kernel policy"))
    #expect(RunEnvironment.mixedNote(a) == nil)
    let merged = try Self.folders(["m": [Self.haswell, Self.twoThreads]])
    defer { try? FileManager.default.removeItem(at: merged) }
    let warning = try #require(RunEnvironment.mixedNote(merged.appendingPathComponent("m")))
    #expect(warning.contains("which differ in the BLAS threads"))
    #expect(warning.contains("run the shards with \(NumericEnvironmentPart.threads.remedy)"))
    #expect(!warning.contains("BLAS kernel policy"))
  }

  @Test func sweepResumedInAnotherEnvironmentSaysTheFolderMixesThem() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "runner-advice-sweep-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepFixture.spec("linear-grid.yaml")
    let events = EventLog()
    let first = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root)) {
      events.append($0)
    }
    #expect(!events.notes.contains { $0.contains("numeric environments") })
    // One trial made on another machine, whose C math library differs; the rest run here again.
    let folder = URL(fileURLWithPath: first.directory)
    let trials = try SweepFixture.table(first.directory + "/plan.csv").column("trial") ?? []
    let trial = folder.appendingPathComponent(try #require(trials.first))
    var record = try #require(RunEnvironment.read(from: trial))
    let here = try #require(record[RunEnvironment.numericKey])
    let there = here.replacingOccurrences(
      of: "math library \(MathLibrary.fingerprint)", with: "math library 0badf00d")
    #expect(there != here)
    record.fields = record.fields.map {
      $0.key == RunEnvironment.numericKey ? ($0.key, there) : $0
    }
    try record.table.write(to: trial.appendingPathComponent(ResultsFile.environment))
    let again = EventLog()
    _ = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root)) {
      again.append($0)
    }
    let warning = try #require(again.notes.first { $0.contains("numeric environments") })
    #expect(warning.hasPrefix("warning: the trials in \(folder.path) were made in 2 numeric"))
    #expect(warning.contains("which differ in the C math library"))
    #expect(warning.contains(NumericEnvironmentPart.mathLibrary.remedy))
  }

  /// Every trial made in one other environment (the folder swept on another machine, resumed
  /// here): every trial is skipped, and the sweep says whose numbers the summary holds, a
  /// warning `--strict` fails on (tester BE-4: nothing was said, exit 0 under --strict).
  @Test func sweepWhoseTrialsWereAllMadeElsewhereSaysSo() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "runner-advice-elsewhere-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepFixture.spec("linear-grid.yaml")
    let first = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root))
    #expect(first.warnings.isEmpty, "\(first.warnings)")
    let folder = URL(fileURLWithPath: first.directory)
    let trials = try SweepFixture.table(first.directory + "/plan.csv").column("trial") ?? []
    for id in trials {
      let trial = folder.appendingPathComponent(id)
      var record = try #require(RunEnvironment.read(from: trial))
      record.fields = record.fields.map {
        $0.key == RunEnvironment.numericKey
          ? ($0.key, $0.value.replacingOccurrences(of: " kernel,", with: "x kernel,")) : $0
      }
      try record.table.write(to: trial.appendingPathComponent(ResultsFile.environment))
    }
    let again = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root))
    #expect(again.finished.isEmpty)
    let warning = try #require(again.warnings.first, "\(again.warnings)")
    #expect(
      warning.hasPrefix(
        "the trials in \(folder.path) were made in another numeric environment ('"))
    #expect(warning.contains("which differ in the BLAS kernel"), "\(warning)")
    #expect(again.exitStatus(strict: true) == .failure)
  }

  /// A kept sweep folder resumed (or re-run in CI) after an upgrade: the old version's trials
  /// were skipped and ranked with the new ones without a word (tester BL-6); now a warning that
  /// `--strict` fails on, as for another numeric environment. Merged shards of two versions too.
  @Test func sweepResumedByAnotherRunnerVersionSaysSo() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "runner-advice-version-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepFixture.spec("linear-grid.yaml")
    let first = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root))
    #expect(first.warnings.isEmpty, "\(first.warnings)")
    let folder = URL(fileURLWithPath: first.directory)
    #expect(RunEnvironment.versionsNote(folder, .resumed) == nil)
    #expect(RunEnvironment.versionsNote(folder, .merged) == nil)
    let trials = try SweepFixture.table(first.directory + "/plan.csv").column("trial") ?? []
    let trial = folder.appendingPathComponent(try #require(trials.first))
    var record = try #require(RunEnvironment.read(from: trial))
    record.fields = record.fields.map {
      $0.key == RunEnvironment.versionKey ? ($0.key, "0.3.9") : $0
    }
    try record.table.write(to: trial.appendingPathComponent(ResultsFile.environment))
    let again = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root))
    #expect(again.finished.isEmpty)
    #expect(
      again.warnings == [
        "the trials in \(folder.path) were made by 2 runner versions (0.3.9, "
          + "\(RunnerVersion.current)), not only this run's \(RunnerVersion.current): they were "
          + "kept, so the summary ranks figures another version made, which can differ; to make "
          + "them all with this version, sweep into a new folder or move this one away"
      ], "\(again.warnings)")
    #expect(again.exitStatus(strict: true) == .failure)
    #expect(
      RunEnvironment.versionsNote(folder, .merged)
        == "warning: the trials were made by 2 runner versions (0.3.9, \(RunnerVersion.current)), "
        + "whose figures can differ; run every shard with one runner version to compare them")
    #expect(
      RunEnvironment.versionsNote(folder, .resumed, current: "0.3.9")?.contains(
        "not only this run's 0.3.9") == true)
    // None made by this version (tester BM-5): "not this run's", not "not only".
    #expect(
      RunEnvironment.versionsNote(folder, .resumed, current: "0.6.0")?.contains(
        "(0.3.9, \(RunnerVersion.current)), not this run's 0.6.0: they") == true)
  }
}
