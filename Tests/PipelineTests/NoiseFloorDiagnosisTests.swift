import Datasets
import Foundation
import Pipeline
import Reports
import Testing

/// Data from a generator whose noise floor its keys give are judged against that floor when
/// `report.bias_variance.base_error` is not written (tester T's T2): primer 004's generated
/// blobs are no longer "high bias" with a bigger model advised.
@Suite struct NoiseFloorDiagnosisTests {
  /// Runs `spec` in a fresh folder; the outcome, bias_variance.csv's row and spec.resolved.yaml.
  func run(_ spec: String, in directory: URL = TestProject.temporaryDirectory()) throws -> (
    RunOutcome, [String: String], String
  ) {
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = try TestProject.writeSpec(spec, in: directory)
    let outcome = try TestProject.run(
      path, resultsRoot: directory.appendingPathComponent("results"))
    let row = try TestProject.row(outcome.directory, "bias_variance.csv")
    let resolved = try String(
      contentsOfFile: outcome.directory + "/spec.resolved.yaml", encoding: .utf8)
    return (outcome, row, resolved)
  }

  func advice(_ row: [String: String]) -> [String] {
    row["recommendations"]!.components(separatedBy: BiasVarianceDiagnosis.recommendationSeparator)
  }

  /// Tester T's p004-genblobs: primer 004's blobs drawn by the generator, scikit-learn's
  /// `LogisticRegression()` by L-BFGS.
  static let blobs = """
    name: genblobs
    seed: 1115
    dataset:
      generator: {type: blobs, means: [[3, 4], [7, 6]], covariances: [[[3, 0], [0, 1]], [[3, 0], [0, 2]]], sizes: [100, 200]}
      split: {train: 0.8, test: 0.2}
    model: {type: logreg}
    loss: binary_cross_entropy
    regularization: {l2: 0.0033333333333333335}
    optimizer: {type: lbfgs, iterations: 100}
    metrics: [accuracy]
    """

  @Test func generatedBlobsAreJudgedAgainstTheirBayesError() throws {
    var blobs = GeneratorSpec(kind: .blobs)
    blobs.means = [[3, 4], [7, 6]]
    blobs.covariances = [[[3, 0], [0, 1]], [[3, 0], [0, 2]]]
    blobs.sizes = [100, 200]
    let floor = try #require(blobs.noiseFloor(loss: LossSpec(.binaryCrossEntropy)))
    let (outcome, row, resolved) = try run(Self.blobs)
    #expect(Double(row["base_error"]!) == floor.value)
    let train = try #require(Double(row["train_error"]!))
    #expect(row["avoidable_bias"].flatMap(Double.init) == train - floor.value)
    #expect(
      row["verdict"]!.hasSuffix(
        " (base error \(String(format: "%.3g", floor.value)): the Bayes error of these blobs, from the generator's means, covariances and sizes)"
      ), "\(row["verdict"]!)")
    #expect(!row["verdict"]!.contains("high bias"), "\(row["verdict"]!)")
    // No remedy for a bias the floor explains, and no hedge about overlapping classes.
    for remedy in [
      "a bigger model", "polynomial features", "weaken regularization", "check the base error",
    ] {
      #expect(!row["recommendations"]!.contains(remedy), "\(row["recommendations"]!)")
    }
    #expect(outcome.gaps?.contains("too low if the classes overlap") == false)
    // The resolved spec leaves base_error out, so re-running it keeps the floor.
    #expect(!resolved.contains("base_error"), "\(resolved)")
  }

  @Test func aWrittenBaseErrorWinsEvenZero() throws {
    let (_, row, resolved) = try run(
      Self.blobs + "\nreport: {bias_variance: {base_error: 0}}\n")
    #expect(row["base_error"] == "0.0")
    #expect(row["verdict"]!.hasPrefix("high bias"), "\(row["verdict"]!)")
    #expect(!row["verdict"]!.contains("base error 0"), "\(row["verdict"]!)")
    #expect(resolved.contains("base_error: 0.0"))
  }

  @Test func aNoisyLineIsJudgedAgainstItsNoiseVariance() throws {
    let (outcome, row, _) = try run(
      """
      name: line
      seed: 0
      dataset:
        generator: {type: linear, samples: 256, weights: [5], bias: 7, noise: 0.25}
        split: {train: 0.75, test: 0.25}
      model: {type: linreg, solver: exact}
      loss: mse
      metrics: [mse]
      """)
    #expect(row["base_error"] == "0.0625")
    let verdict = row["verdict"]!
    #expect(!verdict.contains("bias not judged"), "\(verdict)")
    #expect(
      verdict.hasSuffix(
        " (base error 0.0625: σ², the mse of the linear generator's noise, σ = noise 0.25)"),
      "\(verdict)")
    #expect(row["relative_avoidable_bias"] != "")
    #expect(!advice(row).contains { $0.hasPrefix("judge bias") })
    #expect(outcome.verdict == verdict)
  }

  /// A validation curve over the noise judges each point against its own floor, as a run of it
  /// would (tester AA5: the noise-3 point was "high bias" against the spec's σ² = 1), unless the
  /// spec writes its base error.
  @Test func aCurveOverTheNoiseJudgesEachPointAgainstItsOwnFloor() throws {
    func verdicts(_ written: String) throws -> [String] {
      let directory = TestProject.temporaryDirectory()
      defer { try? FileManager.default.removeItem(at: directory) }
      let spec = """
        name: line
        seed: 2
        dataset:
          generator: {type: linear, samples: 400, weights: [5], bias: 7, noise: 1.0}
          split: {train: 0.5, dev: 0.25, test: 0.25}
        model: {type: linreg, solver: exact}
        loss: mse
        metrics: [mse]
        report:
          validation_curve: {parameter: dataset.generator.noise, values: [0.1, 1, 3]}
        \(written)
        """
      let path = try TestProject.writeSpec(spec, in: directory)
      let outcome = try TestProject.run(
        path, resultsRoot: directory.appendingPathComponent("results"))
      return try TestProject.table(outcome.directory, "validation_curve.csv").column("verdict")!
    }
    #expect(
      try verdicts("")
        == [0.01, 1, 9].enumerated().map { i, floor in
          "fine (base error \(floor == 0.01 ? "0.01" : String(Int(floor)))"
            + ": σ², the mse of the linear generator's noise, σ = noise \(["0.1", "1", "3"][i]))"
        })
    let written = try verdicts("  bias_variance: {base_error: 1}")
    #expect(written[2] == "high bias", "\(written)")
  }

  /// A gap past the threshold but within the training error's sampling error at the floor gets
  /// no bias remedy: y = 5x + 7 + N(0, 1), seed 17, train MSE 1.26 is 26% above σ² = 1 but
  /// within ±0.287 of 80 rows (as with `base_error: 1` written, CurveSamplingRunTests).
  @Test func aGapWithinTheFloorsNoiseGetsNoBiasRemedy() throws {
    let (_, row, _) = try run(
      """
      name: line
      seed: 17
      dataset:
        generator: {type: linear, samples: 100, weights: [5], bias: 7, noise: 1}
        split: {train: 0.8, test: 0.2}
      model: {type: linreg, solver: exact}
      loss: mse
      """)
    #expect(
      row["verdict"]
        == "bias unclear (the avoidable bias gap is within the sampling error of 80 train samples, ±0.287) (base error 1: σ², the mse of the linear generator's noise, σ = noise 1)"
    )
    #expect(advice(row).first?.hasPrefix("before a bigger model, tell bias from noise") == true)
    for remedy in ["a bigger model", "polynomial features", "train longer"] {
      #expect(!advice(row).contains { $0.hasPrefix(remedy) }, "\(advice(row))")
    }
  }

  @Test func rerunningTheResolvedSpecGivesTheSameDiagnosis() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let first = try TestProject.run(
      try TestProject.writeSpec(Self.blobs, in: directory),
      resultsRoot: directory.appendingPathComponent("results"))
    let again = try TestProject.run(
      first.directory + "/spec.resolved.yaml",
      resultsRoot: directory.appendingPathComponent("again"))
    let a = try String(contentsOfFile: first.directory + "/bias_variance.csv", encoding: .utf8)
    let b = try String(contentsOfFile: again.directory + "/bias_variance.csv", encoding: .utf8)
    #expect(a == b)
  }
}
