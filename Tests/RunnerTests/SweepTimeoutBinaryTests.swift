import Foundation
import Testing

/// `runner sweep --timeout`: a budget spent before the first trial starts none, says so, exits
/// 124 (`--json`: `timed_out`), and a re-run resumes to the bytes of a sweep never stopped,
/// shards included; a budget without a unit is refused before anything is written.
@Suite(.serialized)
struct SweepTimeoutBinaryTests {
  static let spec = SweepBinary.fixture("linear-grid.yaml")

  @Test func aTinyBudgetStartsNoTrialAndARerunResumes() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let whole = root.appendingPathComponent("whole")
    let reference = try SweepBinary.run(["sweep", Self.spec, "--results-dir", whole.path])
    #expect(reference.status == 0, "\(reference.error)")
    let expected = SweepBinary.contents(of: whole.appendingPathComponent("sweep-linear-grid"))

    let results = root.appendingPathComponent("budget")
    let sweep = ["sweep", Self.spec, "--results-dir", results.path, "--jobs", "1"]
    let spent = try SweepBinary.run(sweep + ["--timeout", "0.001s"])
    #expect(spent.status == 124, "\(spent.error)")
    #expect(
      spent.output.contains(
        "time budget of 0.001s spent: 6 trials not started; re-run the same command to resume"),
      "\(spent.output)")
    let json = try SweepBinary.run(sweep + ["--timeout", "0.001s", "--json"])
    #expect(json.status == 124, "\(json.error)")
    #expect(json.output.contains(#""status":"timed_out""#), "\(json.output)")
    #expect(json.output.contains(#""exit_code":124"#) && json.output.contains(#""not_started":6"#))
    let resumed = try SweepBinary.run(sweep + ["--timeout", "1h"])
    #expect(resumed.status == 0, "\(resumed.error)")
    #expect(resumed.output.contains("ran 6 trials (6 ok, 0 failed)"), "\(resumed.output)")
    #expect(
      SweepBinary.contents(of: results.appendingPathComponent("sweep-linear-grid")) == expected)

    // Shards: each resumes after its budget, and the merge is the unsharded sweep's bytes.
    var folders: [String] = []
    for i in 0..<2 {
      let shard = root.appendingPathComponent("shard\(i)")
      let arguments = ["sweep", Self.spec, "--results-dir", shard.path, "--shard", "\(i)/2"]
      let stopped = try SweepBinary.run(arguments + ["--timeout", "0.001s"])
      #expect(stopped.status == 124, "\(stopped.error)")
      #expect(stopped.output.contains("time budget of 0.001s spent: 3 trials not started"))
      let again = try SweepBinary.run(arguments)
      #expect(again.status == 0, "\(again.error)")
      folders.append(shard.appendingPathComponent("sweep-linear-grid").path)
    }
    let merged = root.appendingPathComponent("merged")
    let merge = try SweepBinary.run(["merge"] + folders + ["--into", merged.path])
    #expect(merge.status == 0, "\(merge.error)")
    #expect(SweepBinary.contents(of: merged) == expected)
  }

  @Test func aBudgetWithoutAUnitIsRefusedBeforeAnythingIsWritten() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let results = root.appendingPathComponent("results")
    for (value, message) in [
      (
        "90",
        "error: --timeout 90: the number needs a unit; 90s (1m30s)? (write a duration with its unit, e.g. 45s, 90m, 2h or 1h30m)"
      ),
      ("0s", "error: --timeout 0s: the time budget must be longer than 0"),
      ("soon", "error: --timeout soon: not a duration"),
      // Taken as the option's value, not as an unknown flag ("missing value").
      ("-5s", "error: --timeout -5s: a time budget cannot be negative"),
    ] {
      let r = try SweepBinary.run(
        ["sweep", Self.spec, "--results-dir", results.path, "--timeout", value])
      #expect(r.status == 64, "\(r.error)")
      #expect(r.error.contains(message), "\(r.error)")
      #expect(!FileManager.default.fileExists(atPath: results.path))
    }
  }

  /// `--dry-run --timeout` says whether the estimated time fits the budget (tester G8).
  @Test func aDryRunSaysWhetherTheEstimateFitsTheBudget() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let dry = ["sweep", Self.spec, "--results-dir", root.path, "--dry-run", "--timeout"]
    let fits = try SweepBinary.run(dry + ["1d"])
    #expect(fits.status == 0, "\(fits.error)")
    #expect(
      fits.output.contains("the estimate fits the --timeout budget of 1d00h"), "\(fits.output)")
    let short = try SweepBinary.run(dry + ["0.001s"])
    #expect(
      short.output.contains(
        "the estimate is longer than the --timeout budget of 0.001s: the sweep would stop with "
          + "trials not started (re-run the same command to resume)"), "\(short.output)")
    let plain = try SweepBinary.run(Array(dry.dropLast()))
    #expect(!plain.output.contains("--timeout budget"), "\(plain.output)")
    // --json says it as data: `fits_timeout` beside the estimate, null without a budget.
    for (budget, fits) in [("1d", true as Bool?), ("0.001s", false), (nil, nil)] {
      let arguments = budget.map { dry + [$0] } ?? Array(dry.dropLast())
      let json = try SweepBinary.run(arguments + ["--json"])
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
      let cost = try #require(object["estimated_cost"] as? [String: Any])
      #expect(cost["fits_timeout"] as? Bool == fits, "\(json.output)")
      #expect((object["timeout_seconds"] is NSNull) == (budget == nil), "\(json.output)")
    }
  }
}
