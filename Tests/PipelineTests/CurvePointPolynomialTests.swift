import Foundation
import Specs
import Testing

@testable import Pipeline

/// A validation-curve value that the data's rules refuse is refused by `validate` at the
/// value, as the same value given with `--set` is: polynomial degree 5 on 30 features (more
/// than 100 000 columns) passed validate silently and was recorded as a failed point.
@Suite struct CurvePointPolynomialTests {
  static let spec = """
    name: wide
    dataset: {file: wide.csv, target: label, split: {train: 0.6, test: 0.4}, preprocessing: [{polynomial: 2}]}
    model: {type: logreg}
    optimizer: {type: gd, iterations: 2}
    report:
      validation_curve: {parameter: "dataset.preprocessing[0].polynomial", values: [1, 5]}

    """

  /// A folder with `wide.csv` (30 features, 20 rows of two classes) and the spec.
  static func project() throws -> (folder: URL, spec: String) {
    let folder = TestProject.temporaryDirectory()
    let names = (1...30).map { "x\($0)" }
    var csv = (names + ["label"]).joined(separator: ",") + "\n"
    for row in 0..<20 {
      csv +=
        (1...30).map { "\(Double((row * $0) % 7) / 7)" }.joined(separator: ",") + ",\(row % 2)\n"
    }
    try csv.write(to: folder.appendingPathComponent("wide.csv"), atomically: true, encoding: .utf8)
    return (folder, try TestProject.writeSpec(Self.spec, in: folder))
  }

  @Test func validateRefusesTheDegreeAtTheValue() throws {
    let (folder, path) = try Self.project()
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect {
      try TestProject.checkData(path, in: folder)
    } throws: { error in
      guard case .spec(.invalid(let diagnostics)) = error as! PipelineError else { return false }
      let d = diagnostics.first
      #expect(diagnostics.count == 1)
      #expect(d?.location?.description == "\(path):6:84", "\(String(describing: d))")
      #expect(
        d?.message.hasPrefix(
          "with dataset.preprocessing[0].polynomial = 5, polynomial degree 5 on 30 features "
            + "gives more than 100000 columns") == true, "\(String(describing: d))")
      return true
    }
  }
}
