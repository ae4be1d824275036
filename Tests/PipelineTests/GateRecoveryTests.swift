import Foundation
import Testing

@testable import Pipeline

/// `RegressionGate.recover` on the states a `record` killed between its moves leaves on disk,
/// and `record` beside a `.previous-<name>` that is not the runner's.
struct GateRecoveryTests {
  /// A project with one entry `m` whose baseline holds one `summary.csv`, and a fresh results
  /// folder with another.
  static func project(_ label: String = #function) throws -> (RegressionGate, GateEntry, URL) {
    let root = TestProject.temporaryDirectory(label)
    let gate = RegressionGate(root: root)
    let baselines = gate.baselineRoot
    try FileManager.default.createDirectory(
      at: baselines.appendingPathComponent("m"), withIntermediateDirectories: true)
    try "name,spec,command,atol,rtol,iteration_rtol\nm,m.yaml,run,0,0,0\n".write(
      to: baselines.appendingPathComponent("gate.csv"), atomically: true, encoding: .utf8)
    try "loss\n1.0\n".write(
      to: baselines.appendingPathComponent("m/summary.csv"), atomically: true, encoding: .utf8)
    let fresh = root.appendingPathComponent("fresh")
    try FileManager.default.createDirectory(at: fresh, withIntermediateDirectories: true)
    try "loss\n2.0\n".write(
      to: fresh.appendingPathComponent("summary.csv"), atomically: true, encoding: .utf8)
    return (gate, try #require(try gate.entries().first), fresh)
  }

  static func summary(_ gate: RegressionGate, _ entry: GateEntry) -> String? {
    try? String(
      contentsOf: gate.baseline(entry).appendingPathComponent("summary.csv"), encoding: .utf8)
  }

  static func names(_ url: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
  }

  @Test func recordingLeavesNoMarkAndNoPreviousFolder() throws {
    let (gate, entry, fresh) = try Self.project()
    defer { try? FileManager.default.removeItem(at: gate.root) }
    try gate.record(entry, fresh: fresh)
    #expect(Self.summary(gate, entry) == "loss\n2.0\n")
    #expect(Self.names(gate.baselineRoot) == ["gate.csv", "m"])
    #expect(Self.names(gate.baseline(entry)) == ["summary.csv"])
  }

  /// A recorded environment names the project's files relative to its root: a committed
  /// baseline holds no path of the recorder's checkout.
  @Test func aRecordedEnvironmentNamesNoCheckoutPath() throws {
    let (gate, entry, fresh) = try Self.project()
    defer { try? FileManager.default.removeItem(at: gate.root) }
    let root = gate.root.standardizedFileURL.path
    try "key,value\nblas_kernel_source,\(root)/runner.yaml: blas_kernel\nspec_file,\(root)/m.yaml\n"
      .write(
        to: fresh.appendingPathComponent("environment.csv"), atomically: true, encoding: .utf8)
    try gate.record(entry, fresh: fresh)
    let recorded = try String(
      contentsOf: gate.baseline(entry).appendingPathComponent("environment.csv"), encoding: .utf8)
    #expect(
      recorded == "key,value\nblas_kernel_source,runner.yaml: blas_kernel\nspec_file,m.yaml\n")
  }

  /// A quoted path and a root reached through a link are made relative too.
  @Test func aQuotedOrLinkedRootPathIsMadeRelative() throws {
    let (gate, entry, fresh) = try Self.project()
    defer { try? FileManager.default.removeItem(at: gate.root) }
    let link = gate.root.deletingLastPathComponent().appendingPathComponent(
      gate.root.lastPathComponent + "-link")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: gate.root)
    defer { try? FileManager.default.removeItem(at: link) }
    let linked = RegressionGate(root: link)
    let root = gate.root.resolvingSymlinksInPath().path
    try "key,value\nspec_file,\"\(root)/a b, c.yaml\"\nos,\"Linux, x86_64\"\n".write(
      to: fresh.appendingPathComponent("environment.csv"), atomically: true, encoding: .utf8)
    try linked.record(entry, fresh: fresh)
    let recorded = try String(
      contentsOf: gate.baseline(entry).appendingPathComponent("environment.csv"), encoding: .utf8)
    #expect(recorded == "key,value\nspec_file,\"a b, c.yaml\"\nos,\"Linux, x86_64\"\n")
  }

  /// A baseline that is a link: replaced by the recorded folder, the folder it named untouched.
  @Test func recordingOverALinkedBaselineWritesNothingIntoTheFolderItNames() throws {
    let (gate, entry, fresh) = try Self.project()
    defer { try? FileManager.default.removeItem(at: gate.root) }
    let elsewhere = gate.root.appendingPathComponent("elsewhere")
    try FileManager.default.moveItem(at: gate.baseline(entry), to: elsewhere)
    try FileManager.default.createSymbolicLink(
      at: gate.baseline(entry), withDestinationURL: elsewhere)
    try gate.record(entry, fresh: fresh)
    #expect(Self.summary(gate, entry) == "loss\n2.0\n")
    #expect(Self.names(elsewhere) == ["summary.csv"])
    #expect(Self.names(gate.baselineRoot) == ["gate.csv", "m"])
  }

  /// Under `--record`, an unmarked `.previous-<name>` is not put back as the missing baseline
  /// (recording would then replace it, deleting a folder the runner did not write): it is kept,
  /// named, and the record refuses.
  @Test func anUnmarkedFolderIsNotPutBackForARecord() throws {
    let (gate, entry, _) = try Self.project()
    defer { try? FileManager.default.removeItem(at: gate.root) }
    try FileManager.default.moveItem(at: gate.baseline(entry), to: gate.previous(entry))
    #expect(
      try gate.recover([entry], recording: true) == [
        "m: \(gate.previous(entry).path) is not a baseline the runner moved aside; left as it "
          + "is (move it away before recording m)"
      ])
    #expect(Self.names(gate.previous(entry)) == ["summary.csv"])
    #expect(!FileManager.default.fileExists(atPath: gate.baseline(entry).path))
    #expect(throws: GateError.self) {
      try gate.record(entry, fresh: gate.previous(entry))
    }
    #expect(Self.names(gate.previous(entry)) == ["summary.csv"])
  }

  /// A dangling link in the way of the move aside is the user's too: the record refuses,
  /// naming it, and leaves the baseline and the link as they were.
  @Test func aDanglingLinkInTheWayIsRefused() throws {
    let (gate, entry, _) = try Self.project()
    defer { try? FileManager.default.removeItem(at: gate.root) }
    let nowhere = gate.root.appendingPathComponent("nowhere")
    try FileManager.default.createSymbolicLink(
      at: gate.previous(entry), withDestinationURL: nowhere)
    #expect {
      try gate.record(entry, fresh: gate.baseline(entry))
    } throws: { "\($0)".contains(".previous-m") }
    #expect(Self.summary(gate, entry) == "loss\n1.0\n")
    #expect(
      try FileManager.default.destinationOfSymbolicLink(atPath: gate.previous(entry).path)
        == nowhere.path)
  }

  @Test func aBaselineLeftAsideIsPutBackMarkedOrNot() throws {
    for marked in [true, false] {
      let (gate, entry, _) = try Self.project()
      defer { try? FileManager.default.removeItem(at: gate.root) }
      if marked {
        try Data().write(to: gate.baseline(entry).appendingPathComponent(RegressionGate.asideMark))
      }
      try FileManager.default.moveItem(at: gate.baseline(entry), to: gate.previous(entry))
      #expect(
        try gate.recover([entry])
          == [
            marked
              ? "m: put back the baseline an interrupted --record left in .previous-m"
              : "m: put .previous-m, which the runner did not mark, back as the missing "
                + "baseline; check it (git diff results/baseline)"
          ])
      #expect(Self.summary(gate, entry) == "loss\n1.0\n")
      #expect(Self.names(gate.baselineRoot) == ["gate.csv", "m"])
      #expect(Self.names(gate.baseline(entry)) == ["summary.csv"])
      #expect(try gate.recover([entry]).isEmpty)
    }
  }

  @Test func theRunnersLeftoverBesideANewBaselineIsRemoved() throws {
    let (gate, entry, _) = try Self.project()
    defer { try? FileManager.default.removeItem(at: gate.root) }
    let previous = gate.previous(entry)
    try FileManager.default.copyItem(at: gate.baseline(entry), to: previous)
    try Data().write(to: previous.appendingPathComponent(RegressionGate.asideMark))
    #expect(try gate.recover([entry]).isEmpty)
    #expect(Self.names(gate.baselineRoot) == ["gate.csv", "m"])
  }

  /// Killed after marking the baseline, before moving it aside: only the mark goes.
  @Test func aMarkLeftInABaselineIsRemoved() throws {
    let (gate, entry, _) = try Self.project()
    defer { try? FileManager.default.removeItem(at: gate.root) }
    try Data().write(to: gate.baseline(entry).appendingPathComponent(RegressionGate.asideMark))
    #expect(try gate.recover([entry]).isEmpty)
    #expect(Self.names(gate.baseline(entry)) == ["summary.csv"])
  }

  @Test func anUnmarkedPreviousFolderBesideABaselineIsKeptAndRecordingRefused() throws {
    let (gate, entry, fresh) = try Self.project()
    defer { try? FileManager.default.removeItem(at: gate.root) }
    let previous = gate.previous(entry)
    try FileManager.default.createDirectory(at: previous, withIntermediateDirectories: true)
    try "mine\n".write(
      to: previous.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
    #expect(
      try gate.recover([entry]) == [
        "m: \(previous.path) is not a baseline the runner moved aside; left as it is (move it "
          + "away before recording m)"
      ])
    #expect {
      try gate.record(entry, fresh: fresh)
    } throws: { error in
      guard case GateError.inTheWay(let path) = error else { return false }
      return path == previous.path
    }
    #expect(Self.names(previous) == ["notes.txt"])
    #expect(Self.summary(gate, entry) == "loss\n1.0\n")
  }
}
