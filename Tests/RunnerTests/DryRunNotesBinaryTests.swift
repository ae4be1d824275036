import Foundation
import Testing

/// `runner sweep --dry-run --json` had no notes while the dry run's text prints them (a
/// `runner.yaml` far above the spec, too many jobs for the cores, a spec's warnings): its JSON
/// gives them in `notes`, as the text prints them.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct DryRunNotesBinaryTests {
  @Test func theDryRunsJSONGivesTheNotesItsTextPrints() throws {
    let (dir, config, spec) = try ProjectConfigNoteBinaryTests.walk()
    defer { try? FileManager.default.removeItem(at: dir) }
    let sweep = spec.deletingLastPathComponent().appendingPathComponent("sweep.yaml")
    try
      (String(contentsOf: spec, encoding: .utf8)
      + "sweep:\n  parameters:\n    optimizer.learning_rate: [0.01, 0.02]\n")
      .write(to: sweep, atomically: true, encoding: .utf8)
    let environment = ValidateDataTests.environment(dir)
    let text = try SweepBinary.run(["sweep", sweep.path, "--dry-run"], environment: environment)
    #expect(text.status == 0, "\(text.error)")
    let json = try SweepBinary.run(
      ["sweep", sweep.path, "--dry-run", "--json"], environment: environment)
    #expect(json.status == 0, "\(json.error)")
    let object = try MergeJSONBinaryTests.object(json.output)
    let notes = try #require(object["notes"] as? [String], "\(json.output)")
    #expect(notes.contains { $0.hasPrefix("note: using \(config.path), 2 folders above") })
    for note in notes { #expect(text.output.contains(note), "\(note)\n\(text.output)") }
  }
}
