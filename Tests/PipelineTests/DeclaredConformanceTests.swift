import Foundation
import Testing

@testable import Engine
@testable import Pipeline
@testable import Specs

/// Every model family × every declared optimizer × dtype, from the declarations (scikit-learn's
/// `check_estimator` idea): the spec round-trips through `runner explain`, the model trains
/// (the training loss falls), training is deterministic, and the float64 gradient passes the
/// centered-difference check. A new optimizer is covered without a new test.
@Suite struct DeclaredConformanceTests {
  /// The model sections, one per family, on problems small enough for milliseconds.
  static let models: [(name: String, yaml: String, classes: Int?)] = [
    ("linreg", "model: {type: linreg, init: xavier}", nil),
    ("logreg", "model: {type: logreg, init: xavier}", 2),
    (
      "mlp",
      "model: {type: mlp, layers: [{units: 3, activation: tanh}, {units: 1, activation: sigmoid}]}",
      2
    ),
  ]

  /// Every valid (model, optimizer, dtype), named `model/optimizer/dtype`.
  static let cases: [String] = models.flatMap { model in
    OptimizerKind.allCases.filter { !(model.name == "mlp" && $0 == .lbfgs) }.flatMap { kind in
      Specs.DType.allCases.map { "\(model.name)/\(kind.rawValue)/\($0.rawValue)" }
    }
  }

  @Test(arguments: cases)
  func trainsDeterministicallyAndRoundTrips(_ name: String) throws {
    try? BLAS.configure(threads: 1)
    let parts = name.split(separator: "/").map(String.init)
    let model = try #require(Self.models.first { $0.name == parts[0] })
    let kind = try #require(OptimizerKind(rawValue: parts[1]))
    let text = Self.spec(model: model.yaml, regression: model.classes == nil, kind, dtype: parts[2])
    let loaded = try SpecLoader.load(text: text, file: "conformance.yaml")
    let again = try SpecLoader.load(text: SpecWriter.explain(loaded), file: "conformance.yaml")
    #expect(again.spec == loaded.spec, "explain does not round-trip")

    let configuration = TrainingConfiguration(loaded.spec, classes: model.classes)
      .resolvedModel(classes: model.classes)
    #expect(configuration.optimizer == loaded.spec.optimizer.rule)
    if parts[2] == "float32" {
      try Self.check(configuration, Self.examples(regression: model.classes == nil, Float.self))
    } else {
      let data = Self.examples(regression: model.classes == nil, Double.self)
      try Self.check(configuration, data)
      let gradient = try GradientCheck.run(configuration, data: data)
      #expect(gradient.passed(tolerance: 1e-6), "gradient check: \(gradient.worst)")
    }
  }

  static func check<T: Scalar>(_ c: TrainingConfiguration, _ data: Examples<T>) throws {
    let first = try Trainer.train(c, train: data)
    let second = try Trainer.train(c, train: data)
    #expect(first.records == second.records && first.model == second.model, "not deterministic")
    let start = try #require(first.records.first?.train.loss)
    let end = try #require(first.final?.train.loss)
    #expect(end < start, "training loss \(start) -> \(end)")
  }

  static func spec(model: String, regression: Bool, _ kind: OptimizerKind, dtype: String)
    -> String
  {
    let data =
      regression
      ? "{generator: {type: linear, samples: 24, noise: 0.1, weights: [1, -2]}}"
      : "{generator: {type: moons, samples: 24, noise: 0.2}}"
    let batch = kind.isFullBatch ? "" : ", batch_size: 8"
    return """
      dtype: \(dtype)
      dataset: \(data)
      \(model)
      optimizer: {type: \(kind.rawValue), learning_rate: 0.05, iterations: 15\(batch)}
      """
  }

  /// 24 rows of 2 features; regression targets or 0/1 labels.
  static func examples<T: Scalar>(regression: Bool, _: T.Type) -> Examples<T> {
    let rows = (0..<24).map { i in [sin(Double(i) * 0.7), cos(Double(i) * 1.3)] }
    let x = Matrix<Double>(rows).converted(to: T.self)
    if regression {
      let y = rows.map { [$0[0] - 2 * $0[1] + 0.3] }
      return Examples(x: x, y: Matrix<Double>(y).converted(to: T.self))
    }
    return Examples(x: x, labels: rows.map { $0[0] + $0[1] > 0.1 ? 1 : 0 })
  }
}

extension TrainingConfiguration {
  /// The configuration with logistic regression's binary strategy chosen for two classes.
  fileprivate func resolvedModel(classes: Int?) -> TrainingConfiguration {
    var c = self
    c.model = c.model.resolved(classes: classes)
    return c
  }
}
