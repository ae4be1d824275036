import Foundation
import Pipeline
import Reports
import Testing

/// The spec's `description` ("copied into the reports") appears in the report of a run and of
/// a sweep, as written, escaped in HTML.
@Suite struct ReportDescriptionRunTests {
  static let description = #"Linear fit of "y = 2x1 − x2 + 0.5" & <noise>: a test"#

  func spec(in directory: URL, sweep: Bool) throws -> String {
    var text = try String(
      contentsOfFile: SweepFixture.spec("linear-grid.yaml"), encoding: .utf8)
    text = text.replacingOccurrences(
      of: "seed: 3\n", with: "seed: 3\ndescription: '\(Self.description)'\n")
    if !sweep { text = String(text[..<text.range(of: "sweep:")!.lowerBound]) }
    return try TestProject.writeSpec(text, in: directory)
  }

  func expectDescription(in folder: String) throws {
    let markdown = try String(contentsOfFile: folder + "/report.md", encoding: .utf8)
    #expect(
      markdown.contains(#"Linear fit of "y = 2x1 − x2 + 0.5" \& \<noise\>: a test"#), "\(markdown)")
    let html = try String(contentsOfFile: folder + "/report.html", encoding: .utf8)
    #expect(
      html.contains(
        "<p class=\"description\">Linear fit of &quot;y = 2x1 − x2 + 0.5&quot; &amp; &lt;noise&gt;: a test</p>"
      ))
  }

  @Test func aRunsReportShowsTheDescription() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let outcome = try TestProject.run(
      try spec(in: directory, sweep: false), resultsRoot: directory.appendingPathComponent("r"))
    try expectDescription(in: outcome.directory)
  }

  /// `folder` copied to `directory/<copy>` rebuilds the same `report.md` and `report.html`.
  func expectSameReportInACopy(of folder: String, named copy: String, in directory: URL) throws {
    let url = directory.appendingPathComponent(copy)
    try FileManager.default.copyItem(atPath: folder, toPath: url.path)
    try ResultsReport.rebuild(in: url)
    for file in ["report.md", "report.html"] {
      #expect(
        try String(contentsOf: url.appendingPathComponent(file), encoding: .utf8)
          == String(contentsOfFile: folder + "/" + file, encoding: .utf8), "\(file)")
    }
  }

  /// `runner report` on a copy of a run's folder titles the report as the run did (its
  /// `output`'s last component, here set apart from `name`), so the rebuilt report is the same.
  @Test func aCopyOfARunRebuildsTheSameReport() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let text = try String(contentsOfFile: try spec(in: directory, sweep: false), encoding: .utf8)
    let spec = try TestProject.writeSpec(text + "output: runs/fit\n", in: directory)
    let outcome = try TestProject.run(spec, resultsRoot: directory.appendingPathComponent("r"))
    let original = try String(contentsOfFile: outcome.directory + "/report.md", encoding: .utf8)
    #expect(original.hasPrefix("# Report: fit\n"))
    try expectSameReportInACopy(of: outcome.directory, named: "fit-copy", in: directory)
  }

  /// A sweep's report is titled by the sweep's `output`, which its trials' resolved specs name:
  /// `runner report` on a copy of its folder rebuilds the same report, and a merge of a shard
  /// copied to a folder of another name keeps the sweep's title, not the copy's folder name.
  @Test func aCopyOrAMergeOfASweepKeepsItsTitle() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let outcome = try SweepRunner.run(
      specPath: try spec(in: directory, sweep: true),
      options: SweepFixture.options(root: directory.appendingPathComponent("r")))
    let name = URL(fileURLWithPath: outcome.directory).lastPathComponent
    let original = try String(contentsOfFile: outcome.directory + "/report.md", encoding: .utf8)
    #expect(original.hasPrefix("# Report: \(name)\n"))
    try expectSameReportInACopy(of: outcome.directory, named: "shard1", in: directory)
    let target = directory.appendingPathComponent("m/nightly").path
    _ = try SweepMerger.merge([directory.appendingPathComponent("shard1").path], into: target)
    let merged = try String(contentsOfFile: target + "/report.md", encoding: .utf8)
    #expect(merged.hasPrefix("# Report: \(name)\n"), "\(merged.prefix(40))")
  }

  @Test func aSweepsReportShowsTheDescription() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let outcome = try SweepRunner.run(
      specPath: try spec(in: directory, sweep: true),
      options: SweepFixture.options(root: directory.appendingPathComponent("r")))
    try expectDescription(in: outcome.directory)
  }
}
