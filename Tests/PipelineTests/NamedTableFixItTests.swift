import Foundation
import Specs
import Testing

@testable import Pipeline

/// `features:` beside `name: diabetes` is refused with the fix-it naming the bundled file: a
/// spec outside the project, applying it, finds its data wherever the named one does (the same
/// search path), and the note says which data path that needs.
struct NamedTableFixItTests {
  let model = "model: {type: linreg, solver: exact}\nloss: mse\n"

  func checks(_ path: String, _ environment: [String: String], _ folder: URL) -> Bool {
    guard
      let context = try? ProjectContext(
        specPath: path, environment: environment, resultsRoot: folder.path),
      let loaded = try? ExperimentRunner.load(specPath: path)
    else { return false }
    var checked = CheckedData()
    guard
      let notes = try? ExperimentRunner.checkData(loaded, context: context, checked: &checked)
        .notes
    else { return false }
    return notes.isEmpty
  }

  @Test func theFixItFindsTheBundledFileWhereTheNamedTableIsFound() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let bad = "dataset: {name: diabetes, features: [bmi]}\n" + model
    var fixIt: String?
    var note: String?
    do { _ = try SpecLoader.load(text: bad, file: "bad.yaml") } catch {
      fixIt = error.diagnostics.first?.fixIt
      note = error.diagnostics.first?.note
    }
    let fix = try #require(fixIt)
    #expect(fix == "file: diabetes.csv, target: target, features: [bmi]")
    #expect(note?.contains("outside the project, set RUNNER_DATA_PATH to that folder") == true)
    let named = try TestProject.writeSpec(
      "dataset: {name: diabetes}\n" + model, named: "named.yaml", in: folder)
    let fixed = try TestProject.writeSpec(
      "dataset: {\(fix)}\n" + model, named: "fixed.yaml", in: folder)
    let data = TestProject.root.appendingPathComponent("experiments/data").path
    let cache = folder.appendingPathComponent("cache").path
    // With the data path the note names, both run from a folder outside the project.
    let withPath = ["RUNNER_DATA_PATH": data, "XDG_CACHE_HOME": cache]
    #expect(checks(named, withPath, folder))
    #expect(checks(fixed, withPath, folder))
    // Without it, neither finds the table (an empty cache): the fix-it broke nothing.
    let without = ["XDG_CACHE_HOME": cache]
    #expect(checks(named, without, folder) == checks(fixed, without, folder))
  }
}
