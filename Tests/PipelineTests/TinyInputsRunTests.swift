import Conventions
import Foundation
import Testing

@testable import Pipeline

/// L-BFGS on iris whose features are tiny (× 1e-300, or in km where they were in mm: × 1e-7).
/// Softmax stopped at iteration 0 and was told the inputs' scale; one-vs-rest moved its biases
/// first and said "converged at iteration 5", accuracy 0.333, high bias and "a bigger model"
/// (tester AX F3). Every model that L-BFGS trains on such inputs (one-vs-rest, one-vs-one,
/// softmax, a binary model of unbalanced classes, a linear regression) now stops as a divergence
/// naming the tiny features, with the help to add `- standardize`.
@Suite struct TinyInputsRunTests {
  /// iris's rows with the four features times `scale`; the target as it is, or, when `binary`,
  /// 1 for class 2 and 0 for the others (unbalanced: the bias moves first).
  static func iris(times scale: Double, binary: Bool = false) throws -> String {
    let text = try String(
      contentsOfFile: TestProject.root.appendingPathComponent("experiments/data/iris.csv").path,
      encoding: .utf8)
    var lines = text.split(separator: "\n").map(String.init)
    for i in 1..<lines.count {
      var cells = lines[i].split(separator: ",").map(String.init)
      for j in 0..<4 { cells[j] = "\(Double(cells[j])! * scale)" }
      if binary { cells[4] = cells[4] == "2" ? "1" : "0" }
      lines[i] = cells.joined(separator: ",")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The model, loss and target keys of each case.
  static let models: [String: String] = [
    "ovr": "model: {type: logreg, multiclass: ovr}\nloss: binary_cross_entropy",
    "ovo": "model: {type: logreg, multiclass: ovo}\nloss: binary_cross_entropy",
    "softmax": "model: {type: logreg, multiclass: softmax}\nloss: cross_entropy",
    "binary": "model: {type: logreg}\nloss: binary_cross_entropy",
  ]

  /// Runs L-BFGS (`optimizer`'s keys) on iris × `scale` with the model of `kind` and the
  /// top-level keys `more`; the error it throws.
  static func run(
    _ kind: String, times scale: Double, optimizer: String = "iterations: 200", more: String = ""
  ) throws -> PipelineError? {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let data = folder.appendingPathComponent("iris.csv")
    try iris(times: scale, binary: kind == "binary").write(
      to: data, atomically: true, encoding: .utf8)
    let spec = try TestProject.writeSpec(
      """
      name: tiny-\(kind)
      seed: 3
      dataset: {file: \(data.path), target: target, split: {train: 0.8, test: 0.2, stratify: true}}
      \(models[kind]!)
      optimizer: {type: lbfgs, \(optimizer)}
      metrics: [accuracy]
      \(more)

      """, in: folder)
    do {
      _ = try TestProject.run(spec, resultsRoot: folder.appendingPathComponent("results"))
      return nil
    } catch {
      return error
    }
  }

  @Test(arguments: [
    ("ovr", 1e-300), ("ovr", 1e-7), ("ovo", 1e-300), ("softmax", 1e-300), ("binary", 1e-300),
    ("binary", 1e-7),
  ])
  func tinyFeaturesAreADivergenceNamingThem(kind: String, scale: Double) throws {
    let error = try Self.run(kind, times: scale)
    guard case .diverged(let divergence, _, _, let causes, _) = error else {
      Issue.record("\(kind) × \(scale): expected a divergence, got \(String(describing: error))")
      return
    }
    #expect(divergence.tinyInputs, "\(divergence)")
    #expect(
      divergence.description.hasSuffix("the features are too small to train on as they are"),
      "\(divergence)")
    #expect(causes.contains { $0.hasSuffix("add `- standardize`") }, "\(causes)")
  }

  /// The same models on iris as it is train, and stop as they did.
  @Test(arguments: ["ovr", "ovo", "softmax", "binary"])
  func featuresInRangeTrain(kind: String) throws {
    #expect(try Self.run(kind, times: 1) == nil)
  }

  /// Small features (iris / 10, under 0.8) whose weights a strong penalty holds near 0 stop
  /// there converged: the penalty, not their scale, stopped them (l2 1e5, tolerance 0.01; it
  /// was called tiny inputs once the check ran after steps).
  @Test func aStrongPenaltyOnSmallFeaturesConverges() throws {
    let error = try Self.run(
      "binary", times: 0.1, optimizer: "iterations: 200, tolerance: 0.01",
      more: "regularization: {l2: 100000}")
    #expect(error == nil, "\(String(describing: error))")
  }

  /// A linear regression by L-BFGS (the bias moves to the targets' mean first) on features in
  /// km: a divergence naming them; in range, it trains.
  @Test func aLinearRegressionOnTinyFeaturesDiverges() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    for scale in [1e-7, 1] {
      let data = folder.appendingPathComponent("iris-\(scale).csv")
      try Self.iris(times: scale).write(to: data, atomically: true, encoding: .utf8)
      let spec = try TestProject.writeSpec(
        """
        name: tiny-linreg
        seed: 3
        dataset: {file: \(data.path), target: target}
        model: {type: linreg}
        loss: mse
        optimizer: {type: lbfgs, iterations: 200}
        metrics: [mse]

        """, in: folder)
      do {
        _ = try TestProject.run(spec, resultsRoot: folder.appendingPathComponent("results"))
        #expect(scale == 1, "× \(scale) trained")
      } catch {
        guard case .diverged(let divergence, _, _, _, _) = error else {
          Issue.record("× \(scale): \(error)")
          continue
        }
        #expect(scale != 1 && divergence.tinyInputs, "× \(scale): \(divergence)")
      }
    }
  }
}
