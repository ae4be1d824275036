import Conventions
import Foundation
import Testing

@testable import Reports

/// `runner diff` of two versions of a sweep whose trial IDs differ: trials paired by their swept
/// values (docs/results.md, "runner diff A B").
@Suite("runner diff: trials of two versions of a sweep paired by swept values")
struct SweepPairingTests {
  static let axes = ["optimizer.learning_rate", "model.layers[0].units"]

  /// A sweep folder of two trials (learning rates 0.1 and 0.01, 8 units) named `ids`, trained
  /// for `epochs`; `earlier` adds complete trial folders its plan does not list.
  static func sweep(
    _ ids: [String], epochs: Int, earlier: [String] = [], axes: [String] = axes,
    rates: [String] = ["0.1", "0.01"]
  ) throws -> URL {
    let folder = try temporaryDirectory("sweep-pairing-\(UUID().uuidString)")
    func write(_ text: String, _ path: String) throws {
      let url = folder.appendingPathComponent(path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
    }
    let header = axes.joined(separator: ",")
    try write(
      "trial,\(header)\n" + zip(ids, rates).map { "\($0),\($1),8\n" }.joined(), "plan.csv")
    try write(
      "trial,status,\(header),dev_loss,optimizer.epochs\n"
        + zip(ids, rates).map { "\($0),ok,\($1),8,0.25,\(epochs)\n" }.joined(), "summary.csv")
    for id in ids + earlier {
      try write("trial,status,reason\n\(id),ok,\n", "\(id)/status.csv")
      try write("epoch,dev_loss\n0,0.7\n10,0.3\n", "\(id)/metrics.csv")
    }
    return folder
  }

  @Test("trial folders and rows are paired by swept values when the IDs differ")
  func pairs() throws {
    let a = try Self.sweep(["a00000000001", "a00000000002"], epochs: 20)
    let b = try Self.sweep(
      ["b00000000001", "b00000000002"], epochs: 30, earlier: ["a00000000001"])
    let diff = try ResultsDiff(a, b)
    #expect(diff.pairing?.axes == Self.axes)
    #expect(
      diff.pairing?.trials == ["a00000000001": "b00000000001", "a00000000002": "b00000000002"])
    #expect(diff.pairing?.earlierInB == ["a00000000001"])
    // B's folder of the earlier version is counted, not compared: nothing only in B.
    #expect(diff.onlyInA.isEmpty && diff.onlyInB.isEmpty)
    let summary = try #require(diff.files.first { $0.name == "summary.csv" })
    #expect(summary.pairedBySweptValues && summary.keyColumns == Self.axes)
    #expect(summary.matchedRows == 2 && summary.missingRows.isEmpty && summary.newRows.isEmpty)
    #expect(Set(summary.changes.map(\.column)) == ["optimizer.epochs"])
    let metrics = try #require(diff.files.first { $0.name == "a00000000001/metrics.csv" })
    #expect(metrics.nameInB == "b00000000001/metrics.csv" && !metrics.differs)
    // The trial's own status.csv names it: the paired ID matches.
    let status = try #require(diff.files.first { $0.name == "a00000000002/status.csv" })
    #expect(!status.differs && status.matchedRows == 1)
    let text = diff.rendered
    #expect(
      text.hasPrefix(
        "trial IDs differ (the spec changed besides the swept keys): 2 trials of A paired with "
          + "B's by swept values (optimizer.learning_rate, model.layers[0].units)\n"))
    #expect(
      text.contains("B: 1 trial folder of an earlier version (not in its plan.csv) not compared"))
    #expect(
      text.contains(
        "summary.csv: 2 differences (2 matched rows, key: swept values (optimizer.learning_rate, "
          + "model.layers[0].units))"))
    #expect(
      text.contains(
        "optimizer.learning_rate=0.1, model.layers[0].units=8   optimizer.epochs  20   30"))
    #expect(text.contains("a00000000001/metrics.csv vs b00000000001/metrics.csv: same (2 rows"))
    #expect(text.hasSuffix("different: 1 of 6 files differ (atol 0.0, rtol 0.0)\n"))
  }

  /// Only a swept value changed (0.01 became 0.05): the trial in both keeps its ID, so the first
  /// line does not blame a change of the spec besides the swept keys.
  @Test("a changed swept value is said to be the only difference")
  func aChangedSweptValueIsNamedAsSuch() throws {
    let a = try Self.sweep(["a00000000001", "a00000000002"], epochs: 20)
    let b = try Self.sweep(
      ["a00000000001", "a00000000003"], epochs: 20, rates: ["0.1", "0.05"])
    let diff = try ResultsDiff(a, b)
    #expect(diff.pairing?.trials == ["a00000000001": "a00000000001"])
    #expect(
      diff.rendered.hasPrefix(
        "the plans differ in their swept values only (the trials in both keep their IDs): "
          + "1 trial of A paired with B's by swept values (optimizer.learning_rate, "
          + "model.layers[0].units)\n"))
    // The same IDs derive the same seeds: nothing is left out, and no line says so.
    #expect(diff.pairing?.derivesSeed == false)
    #expect(!diff.rendered.contains("seed: derived"), "\(diff.rendered)")
  }

  /// No swept value in common: nothing tells whether the rest of the spec changed.
  @Test("plans without a common swept value say so")
  func plansWithoutACommonValueSaySo() throws {
    let a = try Self.sweep(["a00000000001", "a00000000002"], epochs: 20)
    let b = try Self.sweep(
      ["a00000000003", "a00000000004"], epochs: 20, rates: ["0.2", "0.02"])
    let diff = try ResultsDiff(a, b)
    #expect(
      diff.rendered.hasPrefix(
        "the plans share no swept values: 0 trials of A paired with B's by swept values"))
  }

  @Test("the seeds derived from the trial IDs are not compared, and that is said once")
  func derivedSeedsAreNotCompared() throws {
    // `seed` added to the sweep's and a trial's tables, another on each side (as derived from
    // the trial's ID).
    func seeded(_ ids: [String], seed: Int) throws -> URL {
      let folder = try Self.sweep(ids, epochs: 20)
      for file in ["summary.csv", "\(ids[0])/metrics.csv"] {
        let url = folder.appendingPathComponent(file)
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        let text = lines.enumerated().map { $0 == 0 ? $1 + ",seed" : $1 + ",\(seed + $0)" }
        try (text.joined(separator: "\n") + "\n").write(
          to: url, atomically: true, encoding: .utf8)
      }
      return folder
    }
    let a = try seeded(["a00000000001", "a00000000002"], seed: 7_840_574_520_815_527_318)
    let b = try seeded(["b00000000001", "b00000000002"], seed: 893_166_883_929_745_556)
    let diff = try ResultsDiff(a, b)
    #expect(!diff.differs, "\(diff.rendered)")
    let line = "seed: derived from each trial's ID, so it differs between versions; not compared\n"
    #expect(diff.rendered.components(separatedBy: line).count == 2, "\(diff.rendered)")
    let json = DiffCommandResult.run(a: a.path, b: b.path, options: DiffOptions()).json.rendered
    #expect(
      json.contains(
        #""file":"summary.csv","file_b":"summary.csv","differs":false,"key_columns":["optimizer.learning_rate","model.layers[0].units"],"key":"swept_values","derived_seed_left_out":true"#
      ))
    // A swept seed is a key like the other swept values, and no such line is written.
    let axes = ["optimizer.learning_rate", "seed"]
    let swept = try ResultsDiff(
      try Self.sweep(["a00000000001", "a00000000002"], epochs: 20, axes: axes),
      try Self.sweep(["b00000000001", "b00000000002"], epochs: 20, axes: axes))
    #expect(swept.pairing?.axes == axes)
    #expect(!swept.rendered.contains("seed: derived"), "\(swept.rendered)")
  }

  /// Two results roots (a CI job diffing `results/` against a baseline root), each holding a
  /// version of the sweep `sw`: its trials are paired by swept values as when the sweep folders
  /// are diffed, and A's earlier trials are left out (AB5).
  @Test("diffing results roots pairs the trials of each sweep below them by swept values (AB5)")
  func sweepsBelowRootsArePaired() throws {
    let (rootA, rootB) = (try temporaryDirectory("root-a"), try temporaryDirectory("root-b"))
    defer { for root in [rootA, rootB] { try? FileManager.default.removeItem(at: root) } }
    let current = try Self.sweep(
      ["b00000000001", "b00000000002"], epochs: 30, earlier: ["a00000000001", "a00000000002"])
    let baseline = try Self.sweep(["a00000000001", "a00000000002"], epochs: 20)
    try FileManager.default.moveItem(at: current, to: rootA.appendingPathComponent("sw"))
    try FileManager.default.moveItem(at: baseline, to: rootB.appendingPathComponent("sw"))
    let diff = try ResultsDiff(rootA, rootB)
    #expect(diff.pairing == nil)
    let paired = try #require(diff.pairedBelow.first)
    #expect(diff.pairedBelow.count == 1 && paired.folder == "sw")
    #expect(
      paired.pairing.trials == ["b00000000001": "a00000000001", "b00000000002": "a00000000002"])
    #expect(paired.pairing.earlierInA == ["a00000000001", "a00000000002"])
    #expect(diff.earlierBelowA.isEmpty && diff.earlierBelowB.isEmpty)
    // The current trials are compared with B's of the same values, not the earlier ones.
    #expect(!diff.files.contains { $0.name.hasPrefix("sw/a0000000000") })
    let metrics = try #require(diff.files.first { $0.name == "sw/b00000000001/metrics.csv" })
    #expect(metrics.nameInB == "sw/a00000000001/metrics.csv" && !metrics.differs)
    let summary = try #require(diff.files.first { $0.name == "sw/summary.csv" })
    #expect(summary.pairedBySweptValues && summary.matchedRows == 2)
    #expect(Set(summary.changes.map(\.column)) == ["optimizer.epochs"])
    #expect(diff.onlyInA.isEmpty && diff.onlyInB.isEmpty)
    #expect(diff.differs)
    #expect(
      diff.rendered.hasPrefix(
        "sw: trial IDs differ (the spec changed besides the swept keys): 2 trials of A paired "
          + "with B's by swept values (optimizer.learning_rate, model.layers[0].units)\n"
          + "A: 2 trial folders of an earlier version of sw (not in its plan.csv) not compared: "
          + "sw/a00000000001, sw/a00000000002\n"), "\(diff.rendered)")
    #expect(diff.rendered.hasSuffix("different: 1 of 6 files differ (atol 0.0, rtol 0.0)\n"))
    let json = DiffCommandResult.run(a: rootA.path, b: rootB.path, options: DiffOptions()).json
      .rendered
    #expect(
      json.contains(
        #""paired_trials":null,"paired_sweeps":{"sw":{"swept_keys":["optimizer.learning_rate","model.layers[0].units"],"trials":{"b00000000001":"a00000000001","b00000000002":"a00000000002"},"removed":[],"added":[],"earlier_in_a":["a00000000001","a00000000002"],"earlier_in_b":[]}}"#
      ), "\(json)")
  }

  /// A sweep below whose trial IDs are the same on both sides is not paired; the trial folders
  /// of an earlier version its plan does not list are still left out.
  @Test("diffing results roots leaves out the earlier trials of an unchanged sweep below them")
  func earlierTrialsBelowARoot() throws {
    let (rootA, rootB) = (try temporaryDirectory("root-a"), try temporaryDirectory("root-b"))
    defer { for root in [rootA, rootB] { try? FileManager.default.removeItem(at: root) } }
    let current = try Self.sweep(
      ["a00000000001", "a00000000002"], epochs: 20, earlier: ["c00000000001"])
    let baseline = try Self.sweep(["a00000000001", "a00000000002"], epochs: 20)
    try FileManager.default.moveItem(at: current, to: rootA.appendingPathComponent("sw"))
    try FileManager.default.moveItem(at: baseline, to: rootB.appendingPathComponent("sw"))
    let diff = try ResultsDiff(rootA, rootB)
    #expect(diff.pairing == nil && diff.pairedBelow.isEmpty)
    #expect(diff.earlierBelowA == ["sw/c00000000001"])
    #expect(!diff.files.contains { $0.name.hasPrefix("sw/c00000000001") })
    #expect(!diff.differs, "\(diff.rendered)")
    #expect(
      diff.rendered.hasPrefix(
        "A: 1 trial folder of an earlier version of its sweep (not in its plan.csv) not "
          + "compared: sw/c00000000001\n"), "\(diff.rendered)")
  }

  /// A trial that no trial of the other side has the swept values of is named with its values,
  /// as removed (only in A's plan) or added (only in B's).
  @Test("trials without a partner are listed as removed or added, with their values")
  func unpairedTrialsAreRemovedOrAdded() throws {
    let a = try Self.sweep(["a00000000001", "a00000000002"], epochs: 20)
    let b = try Self.sweep(
      ["b00000000001", "b00000000003"], epochs: 30, rates: ["0.1", "0.05"])
    let diff = try ResultsDiff(a, b)
    let pairing = try #require(diff.pairing)
    #expect(pairing.trials == ["a00000000001": "b00000000001"])
    #expect(pairing.removed == [.init(trial: "a00000000002", values: ["0.01", "8"])])
    #expect(pairing.added == [.init(trial: "b00000000003", values: ["0.05", "8"])])
    let expected: String = [
      "trial IDs differ (the spec changed besides the swept keys): 1 trial of A paired with "
        + "B's by swept values (optimizer.learning_rate, model.layers[0].units)",
      "1 trial removed (only in A's plan: no trial of the same swept values in B):",
      "  a00000000002: optimizer.learning_rate=0.01, model.layers[0].units=8",
      "1 trial added (only in B's plan: no trial of the same swept values in A):",
      "  b00000000003: optimizer.learning_rate=0.05, model.layers[0].units=8",
    ].joined(separator: "\n")
    #expect(diff.rendered.hasPrefix(expected + "\n"), "\(diff.rendered)")
    // Their folders are the files of one side only.
    #expect(diff.onlyInA.contains("a00000000002/metrics.csv"))
    #expect(diff.onlyInB.contains("b00000000003/metrics.csv"))
    let json = DiffCommandResult.run(a: a.path, b: b.path, options: DiffOptions()).json.rendered
    #expect(
      json.contains(
        #""removed":[{"trial":"a00000000002","values":{"optimizer.learning_rate":0.01,"model.layers[0].units":8}}],"added":[{"trial":"b00000000003","values":{"optimizer.learning_rate":0.05,"model.layers[0].units":8}}]"#
      ), "\(json)")
  }

  @Test("a rung's trial folders of an earlier version (successive halving) are not compared")
  func earlierRungTrials() throws {
    let a = try Self.sweep(["a00000000001", "a00000000002"], epochs: 20)
    let b = try Self.sweep(["b00000000001", "b00000000002"], epochs: 20)
    for (folder, ids) in [(a, ["a00000000001"]), (b, ["b00000000001", "a00000000001"])] {
      for id in ids {
        let trial = folder.appendingPathComponent("rung-0/\(id)")
        try FileManager.default.createDirectory(at: trial, withIntermediateDirectories: true)
        try "trial,status,reason\n\(id),ok,\n".write(
          to: trial.appendingPathComponent("status.csv"), atomically: true, encoding: .utf8)
      }
      try "trial,\(Self.axes.joined(separator: ","))\n\(ids[0]),0.1,8\n".write(
        to: folder.appendingPathComponent("rung-0/plan.csv"), atomically: true, encoding: .utf8)
    }
    let diff = try ResultsDiff(a, b)
    #expect(diff.pairing?.earlierInB == ["rung-0/a00000000001"])
    #expect(diff.onlyInA.isEmpty && diff.onlyInB.isEmpty)
    #expect(!diff.differs)
    #expect(diff.files.contains { $0.nameInB == "rung-0/b00000000001/status.csv" })
  }

  @Test("two sweep summary.csv files are paired too; --json names the pairs and B's files")
  func summaryFilesAndJSON() throws {
    let a = try Self.sweep(["a00000000001", "a00000000002"], epochs: 20)
    let b = try Self.sweep(["b00000000001", "b00000000002"], epochs: 20)
    let result = DiffCommandResult.run(
      a: a.appendingPathComponent("summary.csv").path,
      b: b.appendingPathComponent("summary.csv").path, options: DiffOptions())
    #expect(result.status == DiffCommandResult.same)
    #expect(result.output.contains("summary.csv: same (2 rows, key: swept values ("))
    let json = DiffCommandResult.run(a: a.path, b: b.path, options: DiffOptions()).json.rendered
    #expect(
      json.contains(
        #""paired_trials":{"swept_keys":["optimizer.learning_rate","model.layers[0].units"],"trials":{"a00000000001":"b00000000001","a00000000002":"b00000000002"},"removed":[],"added":[],"earlier_in_a":[],"earlier_in_b":[]}"#
      ))
    #expect(
      json.contains(
        #""file":"a00000000001/metrics.csv","file_b":"b00000000001/metrics.csv","differs":false"#))
    #expect(json.contains(#""key":"swept_values""#))
    #expect(json.contains(#""derived_seed_left_out":false"#))
  }

  @Test("the same trial IDs, or other swept keys, keep matching rows by trial")
  func unchangedBehaviour() throws {
    let a = try Self.sweep(["a00000000001", "a00000000002"], epochs: 20)
    let same = try Self.sweep(["a00000000001", "a00000000002"], epochs: 30)
    let diff = try ResultsDiff(a, same)
    #expect(diff.pairing == nil)
    #expect(diff.files.first { $0.name == "summary.csv" }?.keyColumns == ["trial"])
    #expect(!diff.rendered.contains("swept values"))
    let otherAxes = try Self.sweep(
      ["b00000000001", "b00000000002"], epochs: 20, axes: ["optimizer.learning_rate", "seed"])
    let unpaired = try ResultsDiff(a, otherAxes)
    #expect(unpaired.pairing == nil)
    #expect(unpaired.onlyInA.contains("a00000000001/metrics.csv"))
  }
}

/// The trial folders of an earlier version of a sweep (`EarlierTrials`).
@Suite struct EarlierTrialsTests {
  /// A rung's own plan is an earlier version's until the rung runs again: its trials are judged
  /// by the sweep's plan, and a link inside the sweep (a loop) is not followed.
  @Test func rungTrialsAreJudgedByTheSweepsPlanAndLinksAreNotFollowed() throws {
    let folder = try SweepPairingTests.sweep(["b00000000001", "b00000000002"], epochs: 20)
    defer { try? FileManager.default.removeItem(at: folder) }
    let fm = FileManager.default
    for path in ["rung-0/b00000000001", "rung-1/a00000000001", "rung-1/a00000000002"] {
      let trial = folder.appendingPathComponent(path)
      try fm.createDirectory(at: trial, withIntermediateDirectories: true)
      try "trial,status,reason\nx,ok,\n".write(
        to: trial.appendingPathComponent("status.csv"), atomically: true, encoding: .utf8)
    }
    // rung-1's plan is still the earlier version's, which listed its trials.
    try "trial,\(SweepPairingTests.axes.joined(separator: ","))\na00000000001,0.1,8\n".write(
      to: folder.appendingPathComponent("rung-1/plan.csv"), atomically: true, encoding: .utf8)
    try fm.createSymbolicLink(
      atPath: folder.appendingPathComponent("rung-1/loop").path, withDestinationPath: "..")
    let plan = try #require(EarlierTrials.plan(folder))
    #expect(
      EarlierTrials.find(in: folder, plan: plan) == ["rung-1/a00000000001", "rung-1/a00000000002"])
  }
}
