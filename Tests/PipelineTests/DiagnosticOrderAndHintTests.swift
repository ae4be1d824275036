import Conventions
import Datasets
import Foundation
import Testing

@testable import Pipeline
@testable import Reports
@testable import Specs

/// Small wording fixes a teacher met (tester BC): data errors in file order, a folder given as
/// the spec names the specs inside it, advice shows a derived value without rounding noise.
@Suite struct DiagnosticOrderAndHintTests {
  /// Two data errors found target first (1:53), then a feature (1:40), print in file order.
  @Test func dataErrorsPrintInFileOrder() {
    let line = "dataset: {file: sp.csv, features: [x1, x2], target: label}"
    func at(_ column: Int, _ message: String) -> Diagnostic {
      Diagnostic(
        .error,
        at: SourceLocation(source: .file("sp.yaml"), line: 1, column: column, lineText: line),
        message)
    }
    let error = PipelineError.data(
      .unreadable(file: "sp.csv", reason: "no column"),
      diagnostics: [at(53, "no column named 'label'"), at(40, "no column named 'x2'")])
    #expect(
      error.diagnostics?.map(\.message) == ["no column named 'x2'", "no column named 'label'"])
    let text = error.description
    let x2 = text.range(of: "sp.yaml:1:40")
    let label = text.range(of: "sp.yaml:1:53")
    #expect(x2 != nil && label != nil && x2!.lowerBound < label!.lowerBound, "\(text)")
  }

  /// `runner run experiments`: the refusal lists the specs inside, or says there are none.
  @Test func aFolderGivenAsTheSpecNamesTheSpecsInside() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("specs-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let empty = #expect(throws: SpecError.self) { try SpecLoader.readText(folder.path) }
    #expect(
      empty?.description.contains(
        "directory, not a regular file; it holds no .yaml spec: name a spec file") == true)
    for name in ["b.yaml", "a.yml", "runner.yaml", "data.csv", "c.yaml", "d.yaml"] {
      try "x: 1\n".write(
        to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    let listed = #expect(throws: SpecError.self) { try SpecLoader.readText(folder.path) }
    #expect(listed?.exitCode == .noInput)
    #expect(
      listed?.description.contains(
        "is a directory, not a regular file; name a spec inside it: '\(folder.path)/a.yml', "
          + "'\(folder.path)/b.yaml', '\(folder.path)/c.yaml', … (4 in all)") == true,
      "\(String(describing: listed))")
  }
}
