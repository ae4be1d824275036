import Datasets
import Engine
import Foundation
import Testing

@testable import Pipeline

/// `runner predict` names a value it refuses as `runner run` and a NaN's message do (tester
/// BP-2): a CSV cell by its line and column name, an array's by its index counting from 0, with
/// the value; the file's path once; an empty array told what predict needs.
@Suite struct PredictBadCellTests {
  init() throws { try BLAS.configure(threads: 1) }

  /// A float32 logreg trained on a small table, its parameters, and its folder.
  static func trained() throws -> (directory: URL, spec: String, params: String) {
    let directory = TestProject.temporaryDirectory()
    var csv = "a,b,y\n"
    for i in 0..<12 { csv += "\(i % 5),\(Double(i) * 0.5),\(i % 2)\n" }
    try csv.write(
      to: directory.appendingPathComponent("t.csv"), atomically: true, encoding: .utf8)
    let spec = try TestProject.writeSpec(
      """
      dtype: float32
      dataset: {file: t.csv, target: y}
      model: {type: logreg}
      optimizer: {type: gd, epochs: 2}
      report: {plots: false}

      """, named: "cells.yaml", in: directory)
    let outcome = try TestProject.run(
      spec, resultsRoot: directory.appendingPathComponent("results"))
    return (directory, spec, outcome.directory + "/params")
  }

  /// The error message `predict` gives for `data` (nil when it predicts).
  static func message(_ spec: String, _ params: String, _ data: String) -> String? {
    do {
      _ = try Predictor.predict(PredictionRequest(specPath: spec, parameters: params, data: data))
      return nil
    } catch { return error.diagnostics?.first?.message }
  }

  @Test func aValueBeyondFloat32IsNamedByItsCellWithItsValue() throws {
    let (directory, spec, params) = try Self.trained()
    defer { try? FileManager.default.removeItem(at: directory) }
    let table = directory.appendingPathComponent("new.csv")
    try "a,b\n1,2\n3,4\n1e300,5\n".write(to: table, atomically: true, encoding: .utf8)
    #expect(
      Self.message(spec, params, table.path)
        == "--data \(table.path) (line 4, column 'a'): 1e+300 is beyond float32's range "
        + "(±3.4028235e+38): rescale the column as the training data is, or predict with a run "
        + "trained with dtype: float64")
    // An array's value: its index as numpy gives it, as a NaN there is named.
    let array = directory.appendingPathComponent("new.npy")
    var values = [Double](repeating: 1, count: 8)
    values[5] = 1e300
    try Data(NPYFile.encode(try NDArray(shape: [4, 2], storage: .float64(values))))
      .write(to: array)
    #expect(
      Self.message(spec, params, array.path)
        == "--data \(array.path) (index [2, 1], counting from 0): 1e+300 is beyond float32's "
        + "range (±3.4028235e+38): rescale the column as the training data is, or predict with "
        + "a run trained with dtype: float64")
    values[5] = .nan
    try Data(NPYFile.encode(try NDArray(shape: [4, 2], storage: .float64(values))))
      .write(to: array)
    #expect(
      Self.message(spec, params, array.path)
        == "--data \(array.path) (index [2, 1], counting from 0): nan is not a finite number")
  }

  @Test func anEmptyArrayIsToldThereIsNothingToPredict() throws {
    let (directory, spec, params) = try Self.trained()
    defer { try? FileManager.default.removeItem(at: directory) }
    let array = directory.appendingPathComponent("none.npy")
    try Data(NPYFile.encode(try NDArray(shape: [0, 2], storage: .float64([]))))
      .write(to: array)
    #expect(
      Self.message(spec, params, array.path)
        == "--data \(array.path): the features' shape (0, 2) holds no sample: there is no row "
        + "to predict; save the array with a row per sample to predict")
    try Data(NPYFile.encode(try NDArray(shape: [3, 0], storage: .float64([]))))
      .write(to: array)
    #expect(
      Self.message(spec, params, array.path)
        == "--data \(array.path): the features' shape (3, 0) holds no value per sample: there "
        + "is nothing to predict from; the model takes 2 values per sample")
  }
}
