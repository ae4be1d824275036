import Foundation
import Reports
import Testing

@testable import Pipeline

/// A replaced run's note says why it was kept as far as the two folders tell: their
/// `environment.csv` name another numeric environment or runner version, or neither (an edit);
/// an earlier run that cannot be read is said to be unreadable, not to have had another spec,
/// and is kept under a name that says so when `.history/` cannot take it.
@Suite struct RunLeftoversCauseTests {
  static let haswell = "x86_64 OpenBLAS 0.3.21 Haswell kernel, 1 thread, math library 3a6b65f2"
  static let prescott = "x86_64 OpenBLAS 0.3.21 Prescott kernel, 1 thread, math library 3a6b65f2"

  /// A run folder (`RunFolderTests.runFolder`) with a `report.md` of `report` and an
  /// `environment.csv` of `version` and `numeric`.
  static func run(_ url: URL, report: String, version: String, numeric: String) throws {
    try RunFolderTests.runFolder(
      url, spec: "name: cat\n", extra: ["report.md"], texts: ["report.md": report])
    let record = RunEnvironment(fields: [
      ("runner_version", version), (RunEnvironment.numericKey, numeric),
    ])
    try record.table.write(to: url.appendingPathComponent(ResultsFile.environment))
  }

  @Test func theCauseOfDifferingFilesIsReadFromTheEnvironmentRecords() throws {
    let dir = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let current = dir.appendingPathComponent("cat")
    try Self.run(current, report: "new", version: "0.32.0", numeric: Self.haswell)
    let elsewhere = dir.appendingPathComponent(".staging-cat-1-old")
    try Self.run(elsewhere, report: "old", version: "0.32.0", numeric: Self.prescott)
    let note = try #require(RunLeftovers.retire(elsewhere, replacedBy: current))
    #expect(
      note.contains(
        "(report.md): made in another numeric environment ('\(Self.prescott)', not this run's "
          + "'\(Self.haswell)', which differ in the BLAS kernel); it is kept in"))
    let older = dir.appendingPathComponent(".staging-cat-2-old")
    try Self.run(older, report: "old", version: "0.31.0", numeric: Self.haswell)
    #expect(
      try #require(RunLeftovers.retire(older, replacedBy: current)).contains(
        "(report.md): made by another runner version (0.31.0, not this run's 0.32.0); it is"))
    let edited = dir.appendingPathComponent(".staging-cat-3-old")
    try Self.run(edited, report: "mine", version: "0.32.0", numeric: Self.haswell)
    #expect(
      try #require(RunLeftovers.retire(edited, replacedBy: current)).contains(
        "(report.md): edited (it was made by this runner version, in this numeric environment, "
          + "from the same data); it is kept in"))
  }

  @Test func anUnreadableEarlierRunIsSaidAndKeptUnderAHistoryName() throws {
    let dir = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let fm = FileManager.default
    let current = dir.appendingPathComponent("cat")
    try RunFolderTests.runFolder(current, spec: "name: cat\n")
    let old = dir.appendingPathComponent(".staging-cat-1-old")
    try RunFolderTests.runFolder(old, spec: "name: cat\n")
    // A spec this process cannot open (another user's folder under umask 077 gives EACCES;
    // tests may run as root, so a link to itself, ELOOP, stands for it).
    let spec = old.appendingPathComponent("spec.resolved.yaml")
    try fm.removeItem(at: spec)
    try fm.createSymbolicLink(atPath: spec.path, withDestinationPath: "spec.resolved.yaml")
    let reason = String(cString: strerror(ELOOP))
    // `.history` cannot be made (a file in its place): the run is kept beside its folder.
    let blocker = dir.appendingPathComponent(".history")
    try "not a folder".write(to: blocker, atomically: true, encoding: .utf8)
    let note = try #require(RunLeftovers.retire(old, replacedBy: current))
    #expect(
      note.hasPrefix(
        "note: the previous run in \(current.path) could not be read (spec.resolved.yaml: "
          + "\(reason)), so whether its spec was the same is unknown; it could not be moved to"))
    #expect(!note.contains("had a different spec") && !fm.fileExists(atPath: old.path))
    let names = try fm.contentsOfDirectory(atPath: dir.path)
    let kept = try #require(names.first { $0.hasPrefix(".history-cat-") })
    #expect(RunLeftovers.isStamp(String(kept.dropFirst(".history-cat-".count))))
    #expect(note.hasSuffix("so it is kept in \(dir.path)/\(kept) until a run there can move it"))
    #expect(!names.contains { $0.hasPrefix(".staging-") })
    // Once `.history` can be made, the next run of the folder moves it there, under its time.
    try fm.removeItem(at: blocker)
    RunLeftovers.clean(current)
    let history = RunLeftovers.historyFolder(of: current)
    #expect(
      try fm.contentsOfDirectory(atPath: history.path)
        == [String(kept.dropFirst(".history-cat-".count))])
    #expect(!fm.fileExists(atPath: dir.appendingPathComponent(kept).path))
    // Another folder's kept run is not this one's.
    #expect(
      !RunLeftovers.isStamp("b-20261201T110605Z") && RunLeftovers.isStamp("20261201T110605Z-2"))
  }
}
