import Conventions
import Engine
import Foundation
import Reports
import Testing

@testable import Pipeline

/// `runner predict` for regression: `row,value` for one output, and one `value_<target>` column
/// per target column for a network with several outputs (`target: [y1, y2]`).
@Suite struct PredictRegressionTests {
  init() throws { try BLAS.configure(threads: 1) }

  static func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }

  /// The primer's 2-3-2-2 network (experiments/primer002-three-layer-network.yaml) by hand.
  static func primerForward(_ x: [Double]) -> [Double] {
    let (w1, b1) = ([[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]], [0.1, 0.2, 0.3])
    let (w2, b2) = ([[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]], [0.1, 0.2])
    let (w3, b3) = ([[0.1, 0.3], [0.2, 0.4]], [0.1, 0.2])
    func layer(_ a: [Double], _ w: [[Double]], _ b: [Double]) -> [Double] {
      b.indices.map { j in b[j] + a.indices.map { a[$0] * w[$0][j] }.reduce(0, +) }
    }
    let h1 = layer(x, w1, b1).map(sigmoid)
    let h2 = layer(h1, w2, b2).map(sigmoid)
    return layer(h2, w3, b3)
  }

  /// The shipped 2-output spec, run then predicted: one column per target, named after the
  /// spec's `target: [y1, y2]`, rows in input order, each the network's forward pass (the
  /// primer's figures on its point); an earlier predictions file of this shape is replaced
  /// without `--force`.
  @Test func aTwoOutputNetworkPredictsOneColumnPerTarget() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let spec = TestProject.experiment("primer002-three-layer-network.yaml")
    let outcome = try TestProject.run(
      spec, resultsRoot: directory.appendingPathComponent("results"))
    let point = AnalysisSupport.bundledDataset("primer002_point.csv")
    let table = try Predictor.predict(
      PredictionRequest(specPath: spec, parameters: outcome.directory + "/params", data: point))
    #expect(table.header == ["row", "value_y1", "value_y2"])
    #expect(table.rows.count == 1)
    let values = table.rows[0].dropFirst().compactMap(Double.init)
    #expect(table.rows[0].first == "0")
    for (value, primer) in zip(values, [0.31682708, 0.69627909]) {
      #expect(abs(value - primer) < 5e-9, "\(values)")
    }
    let inputs: [[Double]] = [[1.0, 0.5], [0, 0], [-1, 2], [3, -0.25]]
    let data = directory.appendingPathComponent("points.csv")
    try ("x2,x1\n" + inputs.map { "\($0[1]),\($0[0])" }.joined(separator: "\n") + "\n")
      .write(to: data, atomically: true, encoding: .utf8)
    let request = PredictionRequest(
      specPath: spec, parameters: outcome.directory + "/params", data: data.path)
    let rows = try Predictor.predict(request)
    #expect(rows.header == ["row", "value_y1", "value_y2"])
    #expect(rows.rows.map(\.[0]) == ["0", "1", "2", "3"])
    for (row, x) in zip(rows.rows, inputs) {
      let predicted = row.dropFirst().compactMap(Double.init)
      let expected = Self.primerForward(x)
      #expect(predicted.count == 2)
      for (p, e) in zip(predicted, expected) { #expect(abs(p - e) < 1e-14, "\(x): \(predicted)") }
    }
    let output = directory.appendingPathComponent("predictions.csv")
    try OwnedOutput.write(rows.rendered, to: output.path, kind: PredictionsOutput.kind)
    #expect(throws: Never.self) {
      try PredictionsOutput.check(output.path, for: request, force: false)
    }
    // The table with one value the user changed (same header, same row numbers) is not.
    let edited = rows.rendered.replacingOccurrences(of: "\n0,", with: "\n0,1")
    try edited.write(to: output, atomically: true, encoding: .utf8)
    #expect(throws: OutputFileError.self) {
      try PredictionsOutput.check(output.path, for: request, force: false)
    }
  }

  /// One output keeps its `row,value` table byte for byte.
  @Test func oneOutputKeepsTheValueColumn() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try "x1,x2,y\n1.0,0.5,0\n2,0,0\n0,-1,0\n".write(
      to: directory.appendingPathComponent("train.csv"), atomically: true, encoding: .utf8)
    let spec = try TestProject.writeSpec(
      """
      name: one_output
      dataset: {file: train.csv, features: [x1, x2], target: y}
      model:
        type: mlp
        layers: [{units: 1, activation: identity}]
        init: {type: explicit, layers: [{weights: [[0.5], [-2]], bias: [0.25]}]}
      loss: mse
      optimizer: {type: gd, iterations: 0}
      metrics: [mse]
      report: {plots: false}
      """, in: directory)
    let outcome = try TestProject.run(
      spec, resultsRoot: directory.appendingPathComponent("results"))
    let table = try Predictor.predict(
      PredictionRequest(
        specPath: spec, parameters: outcome.directory + "/params",
        data: directory.appendingPathComponent("train.csv").path))
    #expect(table.rendered == "row,value\n0,-0.25\n1,1.25\n2,2.25\n")
  }
}
