import Conventions
import Foundation
import Reports
import Testing

@testable import Pipeline

/// A successive-halving trial never goes on from a checkpoint saved in another numeric
/// environment (another machine's BLAS kernel, threads or C math library): it restarts with a
/// warning, to this environment's bytes, and the sweep says that its folder mixes environments.
/// Another environment is simulated by rewriting what the rung below recorded.
@Suite struct SweepHalvingEnvironmentTests {
  static let spec = SweepHalvingTests.spec
  static let elsewhere =
    "x86_64 OpenBLAS 0.3.21 Sandybridge kernel, 1 thread, math library 0badf00d"

  /// Rewrites `key` of a checkpoint's `state.csv` (nil: removes it) and its manifest entry, as
  /// a checkpoint saved elsewhere (or by an earlier version) would hold them.
  static func rewriteState(_ checkpoint: URL, _ key: String, to value: String?) throws {
    let state = checkpoint.appendingPathComponent("state.csv")
    var table = try CSVTable(contentsOf: state)
    let rows = table.rows.compactMap { row in
      row[0] == key ? value.map { [key, $0] } : row
    }
    table = try CSVTable(header: table.header, rows: rows)
    let bytes = Data(table.rendered.utf8)
    try bytes.write(to: state)
    let manifestURL = checkpoint.appendingPathComponent("manifest.csv")
    let manifest = try CSVTable(contentsOf: manifestURL)
    let entries = manifest.rows.map { row in
      row[0] == "state.csv"
        ? [row[0], String(bytes.count), CheckpointFiles.checksum(bytes)] : row
    }
    try CSVTable(header: manifest.header, rows: entries).write(to: manifestURL)
  }

  /// Sets the `numeric_environment` of the `environment.csv` in `folder`.
  static func rewriteEnvironment(in folder: URL, to value: String) throws {
    var record = try #require(RunEnvironment.read(from: folder))
    record.fields = record.fields.map { $0.key == RunEnvironment.numericKey ? ($0.key, value) : $0 }
    try record.table.write(to: folder.appendingPathComponent(ResultsFile.environment))
  }

  @Test func checkpointOfAnotherNumericEnvironmentRestartsToThisEnvironmentsBytes() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let first = try SweepRunner.run(
      specPath: Self.spec, options: SweepFixture.options(root: root.appendingPathComponent("a")))
    let reference = SweepFixture.contents(of: first.directory)
    let here = try #require(
      RunEnvironment.numericEnvironment(of: URL(fileURLWithPath: first.directory)))
    // Stopped after rung 0, as if rung 0 had run on another machine for one promoted trial;
    // another's checkpoint, of an earlier version, records no environment: its folder does.
    let stopped = try SweepFixture.interrupted(
      Self.spec, root: root.appendingPathComponent("b"), rung: 1, finished: 0)
    let copy = URL(fileURLWithPath: stopped.directory)
    let wentOn = try SweepFixture.table(first.directory + "/rungs.csv").column("went_on")
    let ids = try #require(wentOn?.first).split(separator: " ").map(String.init)
    let moved = copy.appendingPathComponent("rung-0/\(ids[0])")
    let state = try CSVTable(contentsOf: moved.appendingPathComponent("checkpoint/state.csv"))
    #expect(state.rows.contains { $0 == [RunEnvironment.numericKey, here] })
    try Self.rewriteState(
      moved.appendingPathComponent("checkpoint"), RunEnvironment.numericKey, to: Self.elsewhere)
    try Self.rewriteEnvironment(in: moved, to: Self.elsewhere)
    let older = copy.appendingPathComponent("rung-0/\(ids[1])/checkpoint")
    try Self.rewriteState(older, RunEnvironment.numericKey, to: nil)

    let events = EventLog()
    let again = try SweepRunner.run(
      specPath: Self.spec, options: SweepFixture.options(root: root.appendingPathComponent("b"))
    ) { events.append($0) }
    let restarted = try #require(TrialStart.read(copy.appendingPathComponent("rung-1/\(ids[0])")))
    #expect(!restarted.continued && restarted.from == 0)
    #expect(restarted.reason == TrialStart.otherEnvironment(Self.elsewhere, here))
    // The older checkpoint's environment, read from its trial folder, is this one's: it goes on.
    #expect(TrialStart.read(copy.appendingPathComponent("rung-1/\(ids[1])"))?.continued == true)
    let warning = try #require(events.notes.first { $0.hasPrefix("warning: rung 1: ") })
    #expect(
      warning
        == "warning: rung 1: 1 trial restarted from scratch (\(ids[0])): its checkpoint was saved "
        + "in another numeric environment ('\(Self.elsewhere)', not this run's '\(here)'); going "
        + "on from it would give numbers neither environment gives")
    // Rung 0's trial stays as it was made elsewhere: the folder mixes environments, and says so.
    #expect(
      events.notes.contains {
        $0.hasPrefix(
          "warning: the trials in \(again.directory) were made in 2 numeric environments")
          && $0.contains("which differ in the BLAS kernel and the C math library")
      })
    // Every trial of rung 1 and above is this environment's, byte for byte.
    let after = SweepFixture.contents(of: again.directory)
    for (file, data) in reference where file.hasPrefix("rung-1/") || file.hasPrefix("rung-2/") {
      guard !file.hasSuffix(TrialStart.file) else { continue }
      #expect(after[file] == data, "\(file) differs from the one-environment sweep's")
    }
  }
}
