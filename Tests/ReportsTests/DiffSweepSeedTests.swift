import Conventions
import Foundation
import Testing

@testable import Reports

/// Two versions of a sweep whose spec's `seed` changed (tester BM-12): the trials' resolved
/// specs hold only their derived seeds, which a diff leaves out, so `sweep.csv` records the
/// spec's own and the diff names it (`seed 12 -> 13`) among the spec's changed keys.
@Suite("runner diff: a sweep's own seed named from sweep.csv")
struct DiffSweepSeedTests {
  /// A sweep folder of two trials (`SweepPairingTests.sweep`) whose `sweep.csv` records `seed`.
  static func sweep(_ ids: [String], seed: String?) throws -> URL {
    let folder = try SweepPairingTests.sweep(ids, epochs: 20)
    var settings = SweepSettings(
      objective: "dev_loss", goal: "min",
      axisForms: SweepPairingTests.axes.map { ($0, "values") })
    settings.seed = seed
    try settings.table.rendered.write(
      to: folder.appendingPathComponent(ResultsFile.sweepSettings), atomically: true,
      encoding: .utf8)
    return folder
  }

  @Test("sweep.csv records the spec's seed last, and reads it back")
  func settingsRecordTheSeed() throws {
    var settings = SweepSettings(objective: "dev_loss", goal: "min", axisForms: [("x", "values")])
    settings.seed = "12"
    #expect(settings.table.rows.last == ["seed", "12"])
    #expect(SweepSettings(table: settings.table)?.seed == "12")
    // A shard of an earlier version, without the seed, is the same sweep.
    var earlier = settings
    earlier.seed = nil
    #expect(settings == earlier)
  }

  @Test("a changed sweep seed is named as a changed spec key")
  func changedSeedIsNamed() throws {
    let a = try Self.sweep(["a00000000001", "a00000000002"], seed: "12")
    let b = try Self.sweep(["b00000000001", "b00000000002"], seed: "13")
    defer { for folder in [a, b] { try? FileManager.default.removeItem(at: folder) } }
    let diff = try ResultsDiff(a, b, specReader: DiffSpecChangesTests.reader)
    #expect(
      diff.specChanges == [SpecChange(key: "seed", old: "12", new: "13", files: ["sweep.csv"])])
    #expect(diff.differs)
    #expect(
      diff.rendered.contains(
        "\nspec differs: 1 key of sweep.csv (the runs were made from different specs)\n"
          + "  seed 12 -> 13 (sweep.csv)\n"), "\(diff.rendered)")
    // Left out by --ignore seed; an earlier version's folder without it names nothing.
    let ignored = try ResultsDiff(
      a, b, options: DiffOptions(ignoredColumns: ["seed"]), specReader: DiffSpecChangesTests.reader)
    #expect(ignored.specChanges.isEmpty)
    let old = try Self.sweep(["c00000000001", "c00000000002"], seed: nil)
    defer { try? FileManager.default.removeItem(at: old) }
    #expect(try ResultsDiff(old, b, specReader: DiffSpecChangesTests.reader).specChanges.isEmpty)
  }

  /// A key,value record's rows are matched by `key` (session 53's open point): the seed row an
  /// earlier version's `sweep.csv` lacks was `new row: row 4`, naming nothing.
  @Test("a seed row only one side's sweep.csv holds is named by its key")
  func seedRowOnOneSideIsNamedByKey() throws {
    let old = try Self.sweep(["c00000000001", "c00000000002"], seed: nil)
    let new = try Self.sweep(["c00000000001", "c00000000002"], seed: "13")
    defer { for folder in [old, new] { try? FileManager.default.removeItem(at: folder) } }
    let diff = try ResultsDiff(old, new, specReader: DiffSpecChangesTests.reader)
    let settings = try #require(diff.files.first { $0.name == ResultsFile.sweepSettings })
    #expect(settings.keyColumns == ["key"])
    #expect(diff.rendered.contains("new row: key=seed (only in B)"), "\(diff.rendered)")
  }
}
