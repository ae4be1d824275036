import Foundation
import Testing

@testable import Specs

/// Tester AA's curve findings: a validation curve's values and parameter are checked as the
/// same key set in the spec is, its points' warnings are said at their value, and the seed and
/// `record_every` rules say what the curve and the exact solver really do.
@Suite struct CurveSpecCheckTests {
  /// The diagnostics of `text` (its warnings when it loads), rendered, as `spec.yaml`.
  func rendered(_ text: String, strict: Bool = false) -> String {
    do {
      let loaded = try SpecLoader.load(
        text: text, file: "spec.yaml", options: SpecOptions(strict: strict))
      return DiagnosticRenderer().render(loaded.warnings)
    } catch {
      return DiagnosticRenderer().render(error.diagnostics)
    }
  }

  /// The messages of `text`'s diagnostics (its warnings when it loads).
  func messages(_ text: String) -> [String] {
    do {
      return try SpecLoader.load(text: text, file: "spec.yaml").warnings.map(\.message)
    } catch {
      return error.diagnostics.map(\.message)
    }
  }

  /// The notes of `text`'s errors (none when it loads).
  func notes(_ text: String) -> [String?] {
    do {
      _ = try SpecLoader.load(text: text, file: "spec.yaml")
      return []
    } catch {
      return error.diagnostics.map(\.note)
    }
  }

  static let cancer = """
    dataset: {name: breast_cancer, split: {train: 0.6, dev: 0.2, test: 0.2}}
    model: {type: logreg}
    loss: binary_cross_entropy

    """

  @Test("a repeated curve value is refused at the repeat, however it is written")
  func repeatedValue() {
    let curve = { (values: String) in
      Self.cancer
        + "report:\n  validation_curve: {parameter: regularization.l2, values: \(values)}\n"
    }
    #expect(
      rendered(curve("[0.1, 0.01, 1e-1]"))
        == """
        spec.yaml:5:72: error: report.validation_curve.values repeat 0.1: values[2] (1e-1) is values[0], so the curve would train that point twice and write two identical rows
          5 |   validation_curve: {parameter: regularization.l2, values: [0.1, 0.01, 1e-1]}
            |                                                                        ^
        note: give each value once

        """)
    #expect(
      messages(curve("[1, 1]"))
        == [
          "report.validation_curve.values repeat 1: values[1] is values[0], so the curve would train that point twice and write two identical rows"
        ])
    #expect(messages(curve("[0, 0.01, 0.1]")) == [])
    #expect(SpecDecoder.repeatedValue([0, 1, nil, -0.0]).map { [$0.first, $0.again] } == [0, 3])
    #expect(SpecDecoder.repeatedValue([0.1, nil, 0.2]) == nil)
  }

  @Test("a curve's unknown parameter gets the advice the key gets in the spec")
  func unknownParameter() {
    let curve = { (parameter: String) in
      messages(
        Self.cancer
          + "report:\n  validation_curve: {parameter: \(parameter), values: [0.1, 1]}\n")
    }
    #expect(
      curve("regularization.lambda") == [
        "unknown key 'lambda' in regularization; did you mean 'l2' (l2 is λ/m for a cost adding λ/(2m)·ΣW² over m training rows)?"
      ])
    #expect(
      curve("regularization.C") == [
        "'C' is not allowed in regularization: write `l1` or `l2` in the objective mean loss + (l2/2)·‖w‖² + l1·‖w‖₁ (see docs/spec.md for conversions)"
      ])
    #expect(
      curve("lambda") == [
        "unknown key 'lambda'; 'lambda' belongs in 'regularization' as 'l2' (l2 is λ/m for a cost adding λ/(2m)·ΣW² over m training rows)"
      ])
    #expect(
      curve("optimizer.lr") == ["unknown key 'lr' in optimizer; did you mean 'learning_rate'?"])
    // A strength's values are converted one by one; a misspelt key's are its own already.
    let notes = { (parameter: String) -> [String?] in
      self.notes(
        Self.cancer
          + "report:\n  validation_curve: {parameter: \(parameter), values: [0.1, 1]}\n")
    }
    #expect(
      notes("regularization.C") == ["the curve's values are the spec key's own: convert each one"])
    #expect(notes("optimizer.lr") == [nil])
    // A sweep axis names its key the same way.
    #expect(
      messages(Self.cancer + "sweep:\n  parameters:\n    optimizer.lr: [0.01, 0.1]\n")
        == ["unknown key 'lr' in optimizer; did you mean 'learning_rate'?"])
  }

  static let moons = """
    dataset:
      generator: {type: moons, samples: 200, noise: 0.2}
      split: {train: 0.6, dev: 0.4}
    model:
      type: mlp
      layers:
        - {units: 8, activation: relu}
        - {units: 1, activation: sigmoid}
    loss: binary_cross_entropy
    optimizer: {type: adam, epochs: 200, early_stopping: {patience: 5}}
    record_every: 5

    """

  @Test("a curve point gets the warnings a run of it gets, at its value, the spec's own once")
  func pointWarnings() {
    let epochs =
      Self.moons
      + "report:\n  validation_curve: {parameter: optimizer.epochs, values: [10, 200]}\n"
    #expect(
      rendered(epochs)
        == """
        spec.yaml:13:60: warning: with optimizer.epochs = 10, early stopping compares 2 records after the first during the 10 epochs (one every 5), so a patience of 5 never stops the run
          13 |   validation_curve: {parameter: optimizer.epochs, values: [10, 200]}
             |                                                            ^
        note: give a patience below 2, or record more often (record_every ≤ 1); report.validation_curve sets this value, and the key the rule checks is at line 10

        """)
    // The spec's own warning (record_every above its 3 epochs) is said once, at the spec's
    // key, not once more per point; the 2-epoch point's own figure is its own.
    let short =
      Self.moons.replacingOccurrences(
        of: "epochs: 200, early_stopping: {patience: 5}", with: "epochs: 3")
      + "report:\n  validation_curve: {parameter: regularization.l2, values: [0, 0.1]}\n"
    #expect(
      messages(short) == [
        "record_every (5) is larger than the 3 epochs: only the first and last steps are recorded"
      ])
    // A point without early stopping records nothing, so its own budget below record_every
    // is not warned of (tester BR-2: it was, and `--strict` refused the curve).
    let shorter = short.replacingOccurrences(
      of: "regularization.l2, values: [0, 0.1]", with: "optimizer.epochs, values: [2, 3]")
    #expect(
      messages(shorter) == [
        "record_every (5) is larger than the 3 epochs: only the first and last steps are recorded"
      ])
    let longer = shorter.replacingOccurrences(of: "epochs: 3", with: "epochs: 30")
    #expect(messages(longer).isEmpty, "\(messages(longer))")
  }

  @Test("a point's warning on the key the curve varies is what the curve compares: not said")
  func comparedKeyWarnings() {
    // Degree 1 "changes nothing" said alone by --set; a curve over the degree compares it.
    let polynomial = """
      dataset:
        generator: {type: polynomial, samples: 60, coefficients: [0, -3, 0, 1], noise: 0.5}
        split: {train: 0.5, dev: 0.5}
        preprocessing:
          - polynomial: 3
      model: {type: linreg, solver: exact}
      report:
        validation_curve: {parameter: "dataset.preprocessing[0].polynomial", values: [1, 3, 5]}

      """
    #expect(messages(polynomial) == [])
    let alone = try? SpecLoader.load(
      text: polynomial, file: "spec.yaml",
      options: SpecOptions(overrides: ["dataset.preprocessing[0].polynomial=1"]))
    #expect(
      alone?.warnings.map(\.message) == [
        "this polynomial step changes nothing: degree 1 gives the features themselves"
      ])
  }

  static let exact = """
    seed: 3
    dataset: {name: diabetes, split: {train: 0.8, dev: 0.2, shuffle: false}}
    model: {type: linreg, solver: exact}

    """

  @Test("a curve silences 'seed changes nothing' only when a point draws")
  func seedBesideCurve() {
    let unused = "seed changes nothing: nothing in this spec is random"
    #expect(messages(Self.exact) == [unused])
    #expect(
      messages(
        Self.exact + "report:\n  validation_curve: {parameter: regularization.l2, values: [0, 1]}\n"
      )
        == [unused])
    // A point that trains by gradient descent with dropout draws; so does a learning curve.
    let network = """
      seed: 3
      dataset: {name: diabetes, split: {train: 0.8, dev: 0.2, shuffle: false}}
      model:
        type: mlp
        init: zeros
        layers:
          - {units: 4, activation: tanh}
          - {units: 1, activation: identity}
      loss: mse

      """
    #expect(messages(network).contains(unused))
    #expect(
      !messages(
        network
          + "report:\n  validation_curve: {parameter: \"model.layers[0].dropout\", values: [0, 0.2]}\n"
      ).contains(unused))
    #expect(
      messages(
        network
          + "report:\n  validation_curve: {parameter: regularization.l2, values: [0, 0.1]}\n"
      ).contains(unused))
    #expect(
      !messages(Self.exact + "report:\n  learning_curve: {sizes: [0.5, 1.0]}\n").contains(unused))
  }

  @Test("record_every changes nothing with the exact solver, at any value")
  func exactSolverRecordEvery() {
    let exact = "dataset: {name: diabetes}\nmodel: {type: linreg, solver: exact}\n"
    let refused =
      "record_every changes nothing: the exact solver computes the weights in one step, without an optimizer"
    #expect(messages(exact + "record_every: 5\n") == [refused])
    #expect(messages(exact + "record_every: 500\n") == [refused])
    // With gd, a large one is still warned about the budget it exceeds.
    #expect(
      messages("dataset: {name: diabetes}\nmodel: {type: linreg}\nrecord_every: 500\n") == [
        "record_every (500) is larger than the 100 epochs: only the first and last steps are recorded"
      ])
  }
}
