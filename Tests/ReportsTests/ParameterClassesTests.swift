import Conventions
import Foundation
import Testing

@testable import Reports

/// A run's class count comes from its saved parameters, which every run writes, when it has no
/// confusion matrix: its macro means say "(macro)" whatever its metrics list (tester K-4).
@Suite struct ParameterClassesTests {
  /// A run folder with `summary.csv` and the named parameter files, each bias a `.npy` header
  /// of `width` entries (the values do not matter: only the header is read).
  static func run(_ files: [String], width: Int = 1) throws -> URL {
    let directory = try temporaryDirectory()
    let params = directory.appendingPathComponent(ParameterFiles.folder)
    try FileManager.default.createDirectory(at: params, withIntermediateDirectories: true)
    let header = "{'descr': '<f8', 'fortran_order': False, 'shape': (\(width),), }"
    let npy = Data(NPYHead.magic + [1, 0, UInt8(header.utf8.count), 0] + Array(header.utf8))
    for file in files { try npy.write(to: params.appendingPathComponent(file)) }
    try CSVTable(header: ["test_precision", "test_accuracy"], rows: [["0.5", "0.75"]])
      .write(to: directory.appendingPathComponent(ResultsFile.summary))
    return directory
  }

  @Test func eachModelsParametersGiveItsClasses() throws {
    let softmax = try Self.run(["layer1_weights.npy", "layer1_bias.npy"], width: 3)
    let mlp = try Self.run(
      ["layer1_weights.npy", "layer1_bias.npy", "layer2_weights.npy", "layer2_bias.npy"],
      width: 4)
    let binary = try Self.run(["layer1_weights.npy", "layer1_bias.npy"])
    let oneVsRest = try Self.run((0..<5).map { "class\($0)_layer1_weights.npy" })
    let oneVsOne = try Self.run(
      [(0, 1), (0, 2), (1, 2)].map { "pair\($0.0)-\($0.1)_layer1_weights.npy" })
    let none = try Self.run([])
    defer {
      for url in [softmax, mlp, binary, oneVsRest, oneVsOne, none] {
        try? FileManager.default.removeItem(at: url)
      }
    }
    #expect(ParameterFiles.classes(inRun: softmax) == 3)
    // The last layer's bias: a hidden layer of another width would give it too (same header).
    #expect(ParameterFiles.classes(inRun: mlp) == 4)
    #expect(ParameterFiles.classes(inRun: binary) == 2)
    #expect(ParameterFiles.classes(inRun: oneVsRest) == 5)
    #expect(ParameterFiles.classes(inRun: oneVsOne) == 3)
    #expect(ParameterFiles.classes(inRun: none) == nil)
  }

  /// Without confusion_matrix.csv a three-class run's precision is named a macro mean; a
  /// binary one's is not.
  @Test func aRunWithoutAConfusionMatrixSaysMacro() throws {
    let three = try Self.run(["layer1_weights.npy", "layer1_bias.npy"], width: 3)
    let two = try Self.run(["layer1_weights.npy", "layer1_bias.npy"])
    defer { for url in [three, two] { try? FileManager.default.removeItem(at: url) } }
    let report = try ResultsReport(directory: three)
    #expect(report.markdown(plots: []).contains("| test_precision (macro) | 0.5 |"))
    #expect(!(try ResultsReport(directory: two)).markdown(plots: []).contains("(macro)"))
  }
}
