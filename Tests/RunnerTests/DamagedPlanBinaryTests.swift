import Foundation
import Pipeline
import Testing

/// A sweep's own `plan.csv` found damaged is written again by `runner sweep`, whatever the way
/// it was damaged and whatever the method, keeping every trial (tester AM's AM8: an emptied,
/// binary or other-headed Hyperband or bayes plan was refused as "not rebuilt from the spec",
/// one damaged after its header rebuilt silently). The folder ends as the clean sweep's.
@Suite(.serialized, .enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct DamagedPlanBinaryTests {
  /// Ways a `plan.csv` arrives damaged: what the note says of it, and its new bytes (nil:
  /// deleted), given the plan's own.
  static let damages: [(name: String, said: String, damage: @Sendable (Data) -> Data?)] = [
    ("empty", "is empty", { _ in Data() }),
    ("binary", "is not UTF-8 text", { _ in Data((0..<100).map { UInt8(($0 * 89 + 200) % 256) }) }),
    ("other header", "does not begin with the `trial` column", { _ in Data("x\n".utf8) }),
    (
      "unclosed quote", "does not parse (line 2: a quoted field is never closed",
      { _ in Data("trial,garbage\n\"unclosed\n".utf8) }
    ),
    ("header only", "lists no trial", { Data(($0.split(separator: 0x0A)[0] + [0x0A])) }),
    (
      "foreign row", "names a trial 'abc', which is no trial ID",
      { _ in Data("trial,lr,units\nabc,0.5,4\n".utf8) }
    ),
    ("deleted", "is missing", { _ in nil }),
  ]

  /// Damages the file at `url` as `damage` does.
  static func damage(_ url: URL, _ damage: (Data) -> Data?) throws {
    if let bytes = damage(try Data(contentsOf: url)) {
      try bytes.write(to: url)
    } else {
      try FileManager.default.removeItem(at: url)
    }
  }

  /// A copy of the folder `clean` at `copy`.
  static func copy(_ clean: URL, to copy: URL) throws {
    try FileManager.default.createDirectory(
      at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: clean, to: copy)
  }

  /// The successive-halving fixture as `method: hyperband`, written into `root`.
  static func hyperbandSpec(in root: URL) throws -> String {
    let text = try String(
      contentsOfFile: SweepBinary.fixture("halving-moons.yaml"), encoding: .utf8
    ).replacingOccurrences(of: "method: successive_halving", with: "method: hyperband")
    let spec = root.appendingPathComponent("hyperband.yaml")
    try text.write(to: spec, atomically: true, encoding: .utf8)
    return spec.path
  }

  /// A Hyperband sweep's plan, damaged each way, a bracket's and a rung's too, is written again
  /// from the spec and its seed with a note naming it; the resume, with a trial of a bracket's
  /// first rung left incomplete, runs only that trial, and the folder is the clean sweep's.
  @Test func aHyperbandSweepsDamagedPlanIsWrittenAgain() throws {
    let root = SweepBinary.temporaryDirectory("hyperbandPlan")
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = try Self.hyperbandSpec(in: root)
    let clean = root.appendingPathComponent("clean/sweep-halving-moons")
    let first = try SweepBinary.run(
      ["sweep", spec, "--results-dir", clean.deletingLastPathComponent().path])
    #expect(first.status == 0, "\(first.error)")
    let reference = SweepBinary.contents(of: clean)
    // The top plan, each way; then a bracket's and a rung's plan.
    let cases =
      Self.damages.map { ("plan.csv", $0) }
      + [
        ("bracket-0/plan.csv", Self.damages[1]), ("bracket-1/plan.csv", Self.damages[0]),
        ("bracket-2/rung-1/plan.csv", Self.damages[3]),
      ]
    for (index, (file, damage)) in cases.enumerated() {
      let results = root.appendingPathComponent("case\(index)")
      let sweep = results.appendingPathComponent("sweep-halving-moons")
      try Self.copy(clean, to: sweep)
      let plan = sweep.appendingPathComponent(file)
      try Self.damage(plan, damage.damage)
      // A trial of bracket 1's first rung incomplete, with the top plan emptied.
      var incomplete = false
      if index == 0 {
        let rung = sweep.appendingPathComponent("bracket-1/rung-0")
        let trial = try FileManager.default.contentsOfDirectory(atPath: rung.path)
          .filter { $0.count == 12 }.sorted()[0]
        try FileManager.default.removeItem(at: rung.appendingPathComponent(trial))
        incomplete = true
      }
      let again = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
      #expect(again.status == 0, "\(file) \(damage.name): \(again.error)")
      let how =
        file.hasSuffix("rung-1/plan.csv")
        ? "from the spec, its seed and the results of the rung below (the trials it promotes)"
        : "from the spec and its seed"
      #expect(
        again.error.contains(
          "note: \(plan.path) \(damage.said)"),
        "\(file) \(damage.name): \(again.error)")
      #expect(
        again.error.contains("written again \(how); every trial folder there is kept"),
        "\(file) \(damage.name): \(again.error)")
      #expect(
        again.output.contains(incomplete ? "ran 1 trial run" : "ran 0 trial runs"),
        "\(file) \(damage.name): \(again.output)")
      #expect(SweepBinary.contents(of: sweep) == reference, "\(file) \(damage.name)")
    }
  }

  /// A bayes sweep's plan, damaged each way, is written again by replaying its batches from the
  /// spec, its seed and the complete trials' results, with a note naming it; with trials of
  /// batches 0 and 2 deleted too, the resume runs them and the folder is the clean sweep's.
  @Test func aBayesSweepsDamagedPlanIsWrittenAgainByReplay() throws {
    let root = SweepBinary.temporaryDirectory("bayesPlan")
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepBinary.fixture("bayes-moons.yaml")
    let clean = root.appendingPathComponent("clean/sweep-bayes-moons")
    let first = try SweepBinary.run(
      ["sweep", spec, "--results-dir", clean.deletingLastPathComponent().path])
    #expect(first.status == 0, "\(first.error)")
    let reference = SweepBinary.contents(of: clean)
    let batches = try String(
      contentsOf: clean.appendingPathComponent("batches.csv"), encoding: .utf8
    ).split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
    // Header and the first trial's row only: the plan lacks the trials batches.csv records.
    let lacking: (name: String, said: String, damage: @Sendable (Data) -> Data?) = (
      "first row", "lacks 6 of the trials batches.csv records",
      { Data(($0.split(separator: 0x0A).prefix(2).joined(separator: [0x0A]) + [0x0A])) }
    )
    for (index, damage) in (Self.damages + [lacking]).enumerated() {
      let results = root.appendingPathComponent("case\(index)")
      let sweep = results.appendingPathComponent("sweep-bayes-moons")
      try Self.copy(clean, to: sweep)
      let plan = sweep.appendingPathComponent("plan.csv")
      try Self.damage(plan, damage.damage)
      // With the plan emptied, batch 0's first trial and batch 2's trials incomplete: the
      // replay runs batch 0's again and suggests batches 1 and 2 from its results.
      var deleted = 0
      if index == 0 {
        for row in batches where row[0] == "2" || row[1] == batches[0][1] {
          try FileManager.default.removeItem(at: sweep.appendingPathComponent(row[1]))
          deleted += 1
        }
      }
      let again = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
      #expect(again.status == 0, "\(damage.name): \(again.error)")
      #expect(
        again.error.contains(
          "note: \(plan.path) \(damage.said)"), "\(damage.name): \(again.error)")
      #expect(
        again.error.contains(
          "written again by replaying its batches from the spec, its seed and the complete "
            + "trials' results; every trial folder there is kept"), "\(damage.name): \(again.error)"
      )
      #expect(!again.error.contains("not in this sweep's plan"), "\(damage.name): \(again.error)")
      #expect(
        again.output.contains("ran \(deleted) trial\(deleted == 1 ? "" : "s")"),
        "\(damage.name): \(again.output)")
      #expect(SweepBinary.contents(of: sweep) == reference, "\(damage.name)")
    }
  }

  /// A bayes plan whose replay suggests other trials than batches.csv records (a trial batch 1
  /// was suggested from has other results now) is refused, saying why and how to keep the
  /// trials, the folder untouched; with batches.csv moved away, as the error says, the sweep
  /// suggests again from the results as they are and keeps every trial folder.
  @Test func aBayesPlanTheReplayCannotGiveIsRefusedTruly() throws {
    let root = SweepBinary.temporaryDirectory("bayesUnreplayable")
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepBinary.fixture("bayes-moons.yaml")
    let results = root.appendingPathComponent("results")
    let first = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
    #expect(first.status == 0, "\(first.error)")
    let sweep = results.appendingPathComponent("sweep-bayes-moons")
    let rows = try String(contentsOf: sweep.appendingPathComponent("batches.csv"), encoding: .utf8)
      .split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
    // Batch 0's trials now all failed: TPE, replaying batch 1, has no good trial to go by.
    for row in rows where row[0] == "0" {
      try "trial,status,reason\n\(row[1]),failed,diverged\n".write(
        to: sweep.appendingPathComponent(row[1]).appendingPathComponent("status.csv"),
        atomically: true, encoding: .utf8)
    }
    try Data().write(to: sweep.appendingPathComponent("plan.csv"))
    let before = SweepBinary.contents(of: sweep)
    let refused = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
    #expect(refused.status == 65, "\(refused.error)")
    let batch1 = rows.filter { $0[0] == "1" }.map { $0[1] }
    #expect(
      refused.error.contains(
        "\(sweep.path)/plan.csv is empty, though the folder holds this sweep's own files and "
          + "complete trials"), "\(refused.error)")
    #expect(
      refused.error.contains(
        "it cannot be written again: batches.csv records batch 1's trials as "
          + batch1.joined(separator: ", ")), "\(refused.error)")
    #expect(refused.error.contains("restore plan.csv (e.g. from a backup)"), "\(refused.error)")
    #expect(refused.error.contains("move batches.csv away"), "\(refused.error)")
    #expect(!refused.error.contains("sweep anew"), "\(refused.error)")
    #expect(SweepBinary.contents(of: sweep) == before)
    // The second remedy: batches.csv moved away, the later batches are suggested again and
    // every trial folder is kept.
    try FileManager.default.moveItem(
      at: sweep.appendingPathComponent("batches.csv"), to: root.appendingPathComponent("b.csv"))
    let again = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
    // Exit 1: batch 0's trials are failed ones.
    #expect(again.status == 1, "\(again.error)")
    #expect(again.error.contains("plan.csv is empty: written again by replaying"), "\(again.error)")
    for row in rows {
      #expect(
        FileManager.default.fileExists(
          atPath: sweep.appendingPathComponent(row[1]).appendingPathComponent("status.csv").path),
        "\(row[1])")
    }
  }

  /// `runner report` on a sweep whose plan.csv is damaged (it does not parse, or is emptied)
  /// names the file and the command that writes it again (exit 65); the report is as it was.
  @Test func aReportOfADamagedPlanNamesTheSweepCommand() throws {
    let root = SweepBinary.temporaryDirectory("reportPlan")
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepBinary.fixture("linear-grid.yaml")
    let results = root.appendingPathComponent("results")
    let first = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
    #expect(first.status == 0, "\(first.error)")
    let sweep = results.appendingPathComponent("sweep-linear-grid")
    let plan = sweep.appendingPathComponent("plan.csv")
    for (text, said) in [
      ("trial,garbage\n\"unclosed\n", "does not parse (line 2: a quoted field is never closed"),
      ("", "is empty"),
    ] {
      try text.write(to: plan, atomically: true, encoding: .utf8)
      let before = SweepBinary.contents(of: sweep)
      let report = try SweepBinary.run(["report", sweep.path])
      #expect(report.status == 65, "\(report.error)")
      #expect(report.error.contains("error: \(plan.path) \(said)"), "\(report.error)")
      #expect(
        report.error.contains(
          "`\(SweepBinary.command()) sweep \(ShardRecord.shownSpec(spec)) --results-dir \(sweep.deletingLastPathComponent().path)` with the spec that wrote \(sweep.path) writes it "
            + "again, keeping every trial folder there, and rebuilds the report (the report is as "
            + "it was)"), "\(report.error)")
      #expect(SweepBinary.contents(of: sweep) == before)
    }
  }
}
