import Conventions
import Foundation
import Specs
import Testing

@testable import Pipeline

/// Tester BD F-b, F-h, m2 and the budget advice: a curve point or sweep trial the exact solver
/// cannot solve is named with its value and its feature, advised as the spec stands, and found
/// before training; a budget that ran out is not judged converged.
@Suite struct CurveAdviceFitsSpecTests {
  /// A CSV whose column `c` copies `a` (a singular design without l2).
  static func writeDuplicated(in folder: URL) throws {
    let rows = (0..<30).map { i -> String in
      let (a, b) = (sin(Double(i)), cos(3 * Double(i)))
      return "\(a),\(b),\(a),\(2 * a - b + 0.1 * sin(7 * Double(i)))"
    }
    try ("a,b,c,y\n" + rows.joined(separator: "\n") + "\n").write(
      to: folder.appendingPathComponent("g.csv"), atomically: true, encoding: .utf8)
  }

  /// F-b and m2: a sweep's trial at `regularization.l2: 0` on a duplicated column fails naming
  /// its value, the column, and the 0 to drop (the spec has l2 of its own).
  @Test func aSweptZeroL2IsNamedAndAdvisedAsTheAxis() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Self.writeDuplicated(in: folder)
    let path = try TestProject.writeSpec(
      """
      name: dup
      dataset: {file: g.csv, target: y, split: {train: 20, dev: 10, shuffle: false}}
      model: {type: linreg, solver: exact}
      loss: mse
      regularization: {l2: 0.01}
      sweep:
        parameters:
          regularization.l2: [0, 0.1]

      """, in: folder)
    let options = SweepOptions(
      run: RunOptions(resultsRoot: folder.appendingPathComponent("results").path), jobs: 1)
    let outcome = try SweepRunner.run(specPath: path, options: options)
    let reason = try #require(outcome.failed.first?.reason)
    #expect(outcome.failed.count == 1)
    let said: String =
      "with regularization.l2 = 0.0, cannot solve least squares: feature 3 ('c') is (nearly) a "
      + "linear combination of the others (remove it or drop the 0 from "
      + "sweep.parameters.regularization.l2: any l2 above 0 solves it)"
    #expect(reason.contains(said), "\(reason)")
  }

  /// F-b: the validation curve's point at l2 0, warned before training and after it, names the
  /// column and the value to drop, not "add l2" (the spec has l2).
  @Test func aCurveValueZeroL2IsAdvisedAsTheValue() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Self.writeDuplicated(in: folder)
    let path = try TestProject.writeSpec(
      """
      name: dup
      dataset: {file: g.csv, target: y, split: {train: 20, dev: 10, shuffle: false}}
      model: {type: linreg, solver: exact}
      loss: mse
      regularization: {l2: 0.01}
      report:
        validation_curve: {parameter: regularization.l2, values: [0, 0.01, 1]}

      """, in: folder)
    let reason: String =
      "cannot solve least squares: feature 3 ('c') is (nearly) a linear combination of the "
      + "others (remove it or drop the 0 from report.validation_curve.values: any l2 above 0 "
      + "solves it)"
    let outcome = try TestProject.run(path, resultsRoot: folder.appendingPathComponent("results"))
    let before: String =
      "\(path):7:61: with regularization.l2 = 0, the validation curve's point would be "
      + "recorded as failed (nan errors): \(reason)"
    let after: String =
      "validation curve at regularization.l2 = 0: \(reason); the point is recorded with nan errors"
    #expect(outcome.warnings.first == before)
    #expect(outcome.warnings.last == after)
  }

  /// F-h: a learning-curve size whose rows leave a column constant (`flag` is 1 in one training
  /// row) is warned at the size by validate and before the run trains; `--strict` refuses it
  /// with nothing written.
  @Test func aLearningCurveSizeWithAConstantColumnIsWarnedBeforeTraining() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let rows = (0..<40).map { i -> String in
      let x = sin(Double(i))
      let flag = i == 7 ? 1 : 0
      return "\(x),\(flag),\(3 * x + Double(flag) + 0.1 * cos(5 * Double(i)))"
    }
    try ("x,flag,y\n" + rows.joined(separator: "\n") + "\n").write(
      to: folder.appendingPathComponent("f.csv"), atomically: true, encoding: .utf8)
    let path = try TestProject.writeSpec(
      """
      name: flag
      seed: 3
      dataset:
        file: f.csv
        target: y
        split: {train: 30, dev: 10, shuffle: false}
        preprocessing: [standardize]
      model: {type: linreg, solver: exact}
      loss: mse
      report:
        learning_curve: {sizes: [5, 1.0]}

      """, in: folder)
    let warning: String =
      "the learning curve's point at 5 training rows would be recorded as failed (nan errors): "
      + "cannot solve least squares: feature 2 ('flag') is (nearly) a linear combination of the "
      + "others (remove it or add l2)"
    let said = try CurvePointExactRowsTests.validateWarnings(path, in: folder)
    #expect(said.map(\.message) == [warning])
    #expect(said.first?.location?.description == "\(path):11:28")
    let outcome = try TestProject.run(path, resultsRoot: folder.appendingPathComponent("results"))
    #expect(outcome.warnings.first == "\(path):11:28: \(warning)")
    var options = RunOptions(resultsRoot: folder.appendingPathComponent("strict").path)
    options.spec.strict = true
    #expect {
      _ = try ExperimentRunner.run(specPath: path, options: options)
    } throws: { error in
      guard case .spec(.invalid(let found)) = error as? PipelineError else { return false }
      return found.map(\.message) == [warning]
        && (error as? PipelineError)?.exitCode == .dataError
    }
    #expect(TestProject.isEmptyOrAbsent(folder.appendingPathComponent("strict")))
  }

  /// A logistic regression by gradient descent whose 20 small steps ran out while its loss fell
  /// at its pace is told to train longer, not judged converged.
  @Test func aBudgetSpentMidDescentIsToldToTrainLonger() throws {
    let spec = """
      name: short
      seed: 3
      dataset:
        file: iris.csv
        target: target
        split: {train: 0.7, dev: 0.3}
        preprocessing: [standardize]
      model: {type: logreg}
      loss: cross_entropy
      optimizer: {type: gd, learning_rate: 0.001, iterations: 20}
      metrics: [accuracy]

      """
    let (outcome, _) = try TestProject.runWithBundledData(spec)
    let advice: String =
      "train longer (the training loss was still falling): raise `optimizer.iterations` from 20 "
      + "to 40"
    #expect(outcome.nextSteps.contains { $0.hasPrefix(advice) }, "\(outcome.nextSteps)")
  }
}

/// In a successive-halving sweep's last rung the budget is `sweep.budget.max`: the advice to
/// finish an L-BFGS fit names it, not `optimizer.iterations`, which the rungs replace.
@Suite struct RungBudgetAdviceTests {
  @Test func theLastRungsAdviceNamesTheSweepsBudget() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let data = TestProject.root.appendingPathComponent("experiments/data").path
    try "data_path:\n  - \(data)\n".write(
      to: folder.appendingPathComponent("runner.yaml"), atomically: true, encoding: .utf8)
    let path = try TestProject.writeSpec(
      """
      name: halv
      seed: 3
      dataset: {file: iris.csv, target: target, split: {train: 0.7, dev: 0.3}}
      model: {type: logreg}
      loss: cross_entropy
      optimizer: {type: lbfgs, iterations: 9}
      metrics: [accuracy]
      report: {bias_variance: {base_error: 0.0}, plots: false}
      sweep:
        method: successive_halving
        budget: {min: 1, max: 3}
        eta: 3
        objective: {metric: dev_accuracy}
        parameters:
          regularization.l2: [0.0001, 0.001, 0.01]

      """, in: folder)
    let results = folder.appendingPathComponent("results")
    let options = SweepOptions(run: RunOptions(resultsRoot: results.path), jobs: 1)
    _ = try SweepRunner.run(specPath: path, options: options)
    let files =
      FileManager.default.enumerator(atPath: results.path)?
      .compactMap { $0 as? String }.filter { $0.hasSuffix("bias_variance.csv") } ?? []
    let advice = try files.map {
      try String(contentsOfFile: results.path + "/" + $0, encoding: .utf8)
    }
    #expect(!advice.isEmpty)
    #expect(advice.allSatisfy { !$0.contains("optimizer.iterations") }, "\(advice)")
    #expect(
      advice.contains { $0.contains("finish the fit first") && $0.contains("sweep.budget.max") })
  }
}
