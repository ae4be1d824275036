import Conventions
import Engine
import Foundation
import Reports
import Testing

@testable import Pipeline

/// Blow-ups that stay finite fail a run (exit 1, records kept); a diverging curve point or
/// bootstrap round is recorded as failed and the rest of the report kept (exit 0 with a
/// warning, 1 under `--strict`).
@Suite struct DivergenceRunTests {
  /// A linear regression on 40 generated rows whose validation curve tries `rates`.
  static func curveSpec(rates: String) -> String {
    """
    name: curve
    dataset:
      generator: {type: linear, samples: 40, weights: [2], bias: 1, noise: 0.1}
      split: {train: 0.5, dev: 0.25, test: 0.25}
    model: {type: linreg}
    optimizer: {type: gd, learning_rate: 0.1, iterations: 50}
    record_every: 10
    report:
      validation_curve: {parameter: optimizer.learning_rate, values: \(rates)}
      bias_variance: {base_error: 0}
    """
  }

  @Test(.enabled(if: CourseData.cat, CourseData.missing("catvnoncat")))
  func catAtLearningRate1e6ExitsAsDiverged() throws {
    let results = TestProject.temporaryDirectory()
    let error = #expect(throws: PipelineError.self) {
      try TestProject.run(
        TestProject.experiment("cat.yaml"), resultsRoot: results,
        overrides: ["optimizer.learning_rate=1e6"])
    }
    guard case .diverged(let divergence, let directory, _, _, _) = error else {
      Issue.record("expected a divergence, got \(String(describing: error))")
      return
    }
    #expect(error?.exitCode == .failure)
    #expect(divergence.loss.isFinite && divergence.limit != nil)
    let metrics = try TestProject.table(directory, "metrics.csv")
    #expect(!metrics.rows.isEmpty)
    let summary = try TestProject.table(directory, "summary.csv")
    #expect(summary.column("stop_reason")?.first?.hasPrefix("training diverged") == true)
  }

  /// The message, `summary.csv` and `metrics.csv` number a divergence alike: the iteration is
  /// the metrics row whose loss blew up (the updates applied to reach it), and with an epoch
  /// budget the message names the epoch it falls in, as `metrics.csv` counts them.
  @Test(arguments: [
    ("gd, learning_rate: 1000000, iterations: 50", "iteration 1:"),
    ("sgd, learning_rate: 1000000, epochs: 5, batch_size: 5", "epoch 1 (iteration 1):"),
  ])
  func aDivergenceIsNumberedAsItsFiles(optimizer: String, at: String) throws {
    let directory = TestProject.temporaryDirectory()
    let spec = try TestProject.writeSpec(
      """
      name: blowup
      dataset:
        generator: {type: linear, samples: 40, weights: [2], bias: 1, noise: 0.1}
        split: {train: 0.5, dev: 0.25, test: 0.25}
      model: {type: linreg}
      optimizer: {type: \(optimizer)}
      record_every: 1
      """, in: directory)
    let error = #expect(throws: PipelineError.self) {
      try TestProject.run(spec, resultsRoot: directory)
    }
    guard case .diverged(let divergence, let folder, _, _, _) = error else {
      Issue.record("expected a divergence, got \(String(describing: error))")
      return
    }
    #expect(divergence.description.hasPrefix("training diverged at \(at)"))
    let summary = try TestProject.table(folder, "summary.csv")
    #expect(summary.column("iterations") == [String(divergence.iteration)])
    #expect(summary.column("stop_reason") == [divergence.description])
    let metrics = try TestProject.table(folder, "metrics.csv")
    let steps = try #require(metrics.rows.last.flatMap { Int($0[0]) })
    if let epoch = divergence.epoch {
      // The rows end at the last whole epoch before the one that diverged.
      #expect(metrics.header[0] == "epoch" && steps == epoch - 1)
      // Its one row is the start, not "the final one" with figures "in the summary above",
      // which has none (tester BR-3).
      let report = try String(contentsOfFile: folder + "/report.md", encoding: .utf8)
      #expect(
        report.contains(
          "One recorded state (epoch 0), the start: training ended before another was recorded"),
        "\(report)")
      #expect(!FileManager.default.fileExists(atPath: folder + "/bias_variance.csv"))
    } else {
      // The last row is the iteration whose loss went past the limit.
      #expect(metrics.header[0] == "iteration" && steps == divergence.iteration)
      let limit = try #require(divergence.limit)
      #expect(TestProject.numbers(metrics, "train_loss").last! > limit)
    }
  }

  /// Mini-batches of sorted data: the first batch holds the rows of smallest loss, and a
  /// later batch's loss was 10⁴ times the first's although the run converged (tester BG: every
  /// learning rate below 0.01 "diverged" at the last batch of the first epoch). The limit is
  /// taken from the whole training set's starting loss when larger: the run trains.
  @Test func laterMiniBatchesOfSortedDataAreNoDivergence() throws {
    let directory = TestProject.temporaryDirectory()
    let rows = (1...60).map { "\($0),\($0 * $0)" }.joined(separator: "\n")
    try Data(("x,y\n" + rows + "\n").utf8).write(
      to: directory.appendingPathComponent("sorted.csv"))
    let spec = try TestProject.writeSpec(
      """
      name: sorted
      dataset: {file: sorted.csv, target: y, preprocessing: [standardize]}
      model: {type: linreg}
      optimizer: {type: sgd, learning_rate: 0.001, epochs: 3, batch_size: 5, shuffle: false}
      """, in: directory)
    let folder = try TestProject.run(spec, resultsRoot: directory).directory
    let losses = TestProject.numbers(try TestProject.table(folder, "metrics.csv"), "train_loss")
    #expect(losses.count == 4 && losses.last! < losses.first!)
  }

  /// A diverged regression draws no predicted-against-actual or residual plot from its
  /// diverged parameters (tester N5: axes to 1.5e6 for targets ≤ 346); its report says why,
  /// and so does `runner report`'s rebuild.
  @Test func aDivergedRunDrawsNoPictureOfItsParameters() throws {
    let directory = TestProject.temporaryDirectory()
    let spec = try TestProject.writeSpec(
      """
      name: blowup
      dataset:
        generator: {type: linear, samples: 40, weights: [2], bias: 1, noise: 0.1}
        split: {train: 0.5, test: 0.5}
      model: {type: linreg}
      optimizer: {type: gd, learning_rate: 10, iterations: 50}
      record_every: 1
      """, in: directory)
    let error = #expect(throws: PipelineError.self) {
      try TestProject.run(spec, resultsRoot: directory)
    }
    guard case .diverged(_, let folder, _, _, _) = error else {
      Issue.record("expected a divergence, got \(String(describing: error))")
      return
    }
    let plots = URL(fileURLWithPath: folder).appendingPathComponent(ResultsFile.plots)
    for picture in ReportPicture.allCases {
      let path = plots.appendingPathComponent(picture.fileName).path
      #expect(!FileManager.default.fileExists(atPath: path), "\(picture.fileName)")
    }
    #expect(FileManager.default.fileExists(atPath: plots.appendingPathComponent("loss.svg").path))
    for rebuilt in [false, true] {
      if rebuilt { try ResultsReport.rebuild(in: URL(fileURLWithPath: folder)) }
      let markdown = try String(
        contentsOf: URL(fileURLWithPath: folder).appendingPathComponent(
          ResultsFile.reportMarkdown), encoding: .utf8)
      #expect(markdown.contains("## What the model learned\n\nNot drawn: training diverged"))
    }
  }

  /// A classifier that diverges writes no confusion matrix: its parameters are the diverged
  /// ones, from which `summary.csv` reports no figure either; at a rate that trains, the same
  /// spec writes one.
  @Test(arguments: [("10000000", false), ("0.1", true)])
  func aDivergedClassifierWritesNoConfusionMatrix(rate: String, written: Bool) throws {
    let directory = TestProject.temporaryDirectory()
    let spec = try TestProject.writeSpec(
      """
      name: blowup
      seed: 1
      dataset:
        generator: {type: moons, samples: 80, noise: 0.2}
        split: {train: 0.5, test: 0.5}
      model: {type: mlp, layers: [{units: 4, activation: relu}, {units: 2, activation: softmax}], init: he}
      loss: cross_entropy
      optimizer: {type: gd, learning_rate: \(rate), iterations: 30}
      metrics: [accuracy, confusion_matrix]
      """, in: directory)
    let folder: String
    do {
      folder = try TestProject.run(spec, resultsRoot: directory).directory
    } catch {
      guard case .diverged(_, let diverged, _, _, _) = error else { throw error }
      folder = diverged
    }
    let summary = try TestProject.table(folder, "summary.csv")
    let stop = try #require(summary.column("stop_reason")?.first)
    #expect(stop.hasPrefix("training diverged") == !written, "\(stop)")
    #expect(summary.header.contains("test_accuracy") == written)
    let matrix = URL(fileURLWithPath: folder).appendingPathComponent(ResultsFile.confusionMatrix)
    #expect(FileManager.default.fileExists(atPath: matrix.path) == written)
    #expect(FileManager.default.fileExists(atPath: folder + "/params/layer1_weights.npy"))
  }

  /// Raw inputs (pixels 0–255) with no scaling step make gradient descent diverge at a rate that
  /// suits scaled inputs: the help says so before "lower the learning rate"; scaled inputs that
  /// diverge get only the learning-rate advice.
  @Test func unscaledInputsThatDivergeAreNamedInTheHelp() throws {
    let directory = TestProject.temporaryDirectory()
    var csv = "x,y\n"
    for i in 0..<20 { csv += "\(i * 12),\(Double(i) / 10)\n" }
    try csv.write(
      to: directory.appendingPathComponent("pixels.csv"), atomically: true, encoding: .utf8)
    for (steps, hint) in [("", true), ("  preprocessing: [standardize]\n", false)] {
      let spec = try TestProject.writeSpec(
        """
        name: raw
        dataset:
          file: pixels.csv
          target: y
        \(steps)model: {type: linreg}
        optimizer: {type: gd, learning_rate: \(hint ? "0.1" : "1000000"), iterations: 20}
        """, in: directory)
      let error = #expect(throws: PipelineError.self) {
        try TestProject.run(spec, resultsRoot: directory)
      }
      let help = error?.description.split(separator: "\n").last.map(String.init) ?? ""
      #expect(
        help.hasPrefix(
          "help: the inputs reach 228 and no step of dataset.preprocessing scales them: add "
            + "`- standardize` (or `- scale: 1/255` for pixels); if it still diverges, lower "
            + "`optimizer.learning_rate`") == hint, "\(help)")
      #expect(help.contains("lower `optimizer.learning_rate`"), "\(help)")
    }
  }

  @Test func aDivergingCurvePointIsRecordedAndTheRunKept() throws {
    let directory = TestProject.temporaryDirectory()
    let spec = try TestProject.writeSpec(
      Self.curveSpec(rates: "[0.01, 0.1, 1000000]"), in: directory)
    let outcome = try TestProject.run(spec, resultsRoot: directory)
    #expect(outcome.stopReason == "completed")
    #expect(outcome.warnings.count == 1)
    #expect(outcome.warnings.first?.contains("optimizer.learning_rate = 1000000") == true)
    let curve = try TestProject.table(outcome.directory, "validation_curve.csv")
    #expect(curve.column("train_error")?.last == "nan")
    #expect(curve.column("dev_error")?.last == "nan")
    #expect(curve.column("verdict")?.last == "failed")
    let goodPoints = TestProject.numbers(curve, "dev_error").prefix(2)
    #expect(goodPoints.count == 2 && goodPoints.allSatisfy { $0.isFinite })
    for file in ["metrics.csv", "summary.csv", "report.md", "plots/validation_curve.svg"] {
      #expect(FileManager.default.fileExists(atPath: outcome.directory + "/" + file), "\(file)")
    }

    // Under --strict the same run fails with exit 1, its results written.
    var options = RunOptions(resultsRoot: directory.appendingPathComponent("strict").path)
    options.spec.strict = true
    let error = #expect(throws: PipelineError.self) {
      try ExperimentRunner.run(specPath: spec, options: options)
    }
    guard case .warnings(let warnings, let results) = error else {
      Issue.record("expected the warnings to fail the run, got \(String(describing: error))")
      return
    }
    #expect(error?.exitCode == .failure && warnings == outcome.warnings)
    #expect(FileManager.default.fileExists(atPath: results + "/validation_curve.csv"))
  }

  @Test func lbfgsOutOfBudgetWarnsAndStrictFails() throws {
    let directory = TestProject.temporaryDirectory()
    let spec = try TestProject.writeSpec(
      """
      name: blobs
      dataset: {generator: {type: moons, samples: 60, noise: 0.3}, split: {train: 0.8, test: 0.2}}
      model: {type: logreg}
      optimizer: {type: lbfgs, iterations: 3, tolerance: 1e-10}
      """, in: directory)
    let outcome = try TestProject.run(spec, resultsRoot: directory)
    #expect(outcome.stopReason.hasPrefix("reached the iteration budget (3) without converging"))
    #expect(outcome.warnings.count == 1)
    let summary = try TestProject.table(outcome.directory, "summary.csv")
    #expect(summary.column("stop_reason") == [outcome.stopReason])
    let metrics = try TestProject.table(outcome.directory, "metrics.csv")
    #expect(metrics.column("iteration")?.last == "3")
    var options = RunOptions(resultsRoot: directory.appendingPathComponent("strict").path)
    options.spec.strict = true
    #expect(throws: PipelineError.self) {
      try ExperimentRunner.run(specPath: spec, options: options)
    }
  }

  @Test func bootstrapLeavesDivergingRoundsOut() throws {
    // 19 small rows and one long one: gradient descent at 0.05 is stable on the whole set and
    // diverges on a resample made of the long row alone (its curvature is ~17 times larger).
    var xs: [Double] = []
    var ys: [Double] = []
    for i in 0..<20 {
      let x = i == 0 ? 10.0 : sin(Double(i))
      xs.append(x)
      ys.append(2 * x + 1)
    }
    let train = Examples(
      x: Matrix(rows: 20, cols: 1, storage: xs), y: Matrix(rows: 20, cols: 1, storage: ys))
    let c = TrainingConfiguration(
      model: .linearRegression(solver: .iterative), loss: .mse, learningRate: 0.05,
      budget: .iterations(100), metrics: [])
    let bootstrap = BootstrapDecomposition<Double>(
      configuration: c, loss: .mse, train: train, test: train)
    let all = Array(0..<20)
    let long = [Int](repeating: 0, count: 20)
    let d = try bootstrap.run(indices: [all, long, all.reversed()], seed: 1)
    #expect(d.rounds == 2 && d.failedRounds == 1)
    #expect(d.table.header.last == "failed_rounds" && d.table.rows[0].last == "1")
    #expect(throws: AnalysisError.self) { try bootstrap.run(indices: [long, long], seed: 1) }
  }

  @Test func bootstrapSolvesSingularRoundsByMinimumNorm() throws {
    // Two features: the exact solver needs three distinct rows; a resample repeating one row
    // has a singular system. A round takes the minimum-norm solution (scikit-learn's
    // LinearRegression, as mlxtend refits it), counted and named; a curve point fails, as a
    // run on its rows is refused.
    let xs: [Double] = (0..<8).flatMap { i in [Double(i), Double(i * i % 5)] }
    let train = Examples(
      x: Matrix(rows: 8, cols: 2, storage: xs),
      y: Matrix(rows: 8, cols: 1, storage: (0..<8).map { 3 * Double($0) - 1 }))
    let c = TrainingConfiguration(
      model: .linearRegression(solver: .exact), loss: .mse, learningRate: 0.1,
      budget: .iterations(0), metrics: [])
    var bootstrap = BootstrapDecomposition<Double>(
      configuration: c, loss: .mse, train: train, test: train)
    bootstrap.featureNames = ["age", "dose"]
    let all = Array(0..<8)
    let one = [Int](repeating: 3, count: 8)
    let d = try bootstrap.run(indices: [all, one, all.reversed()], seed: 1)
    #expect(d.rounds == 3 && d.failedRounds == 0 && d.minimumNormRounds == 1)
    // The collinear feature is named as the run names it.
    #expect(
      d.firstMinimumNorm?.hasPrefix("bootstrap round 2: feature 1 ('age') is constant") == true)
    let point = CurveTraining(
      configuration: c, train: train.subset(one), dev: train, featureNames: ["age", "dose"])
    #expect(
      try point.errors(what: "learning curve at 8 rows").failure?.hasPrefix(
        "learning curve at 8 rows: cannot solve least squares: feature 1 ('age')") == true)
    // Every column constant on the row: weights 0, the prediction is the row's target (8).
    let constant = try bootstrap.run(indices: [one, one], seed: 1)
    #expect(constant.minimumNormRounds == 2 && constant.mainPredictions.allSatisfy { $0 == 8 })
  }
}
