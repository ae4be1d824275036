import Conventions
import Foundation
import Pipeline
import Reports
import Testing

/// An analysis that fails after training never loses the trained run: a learning-curve point,
/// bootstrap round or validation-curve value whose data cannot be prepared is a failed one
/// (as a diverged one is, scikit-learn's `error_score=nan`), and an analysis that cannot be
/// produced at all is left out with a warning; the run's results are written either way.
@Suite struct AnalysisFailureKeepsRunTests {
  /// 40 training rows whose feature `x` spans 1 to 1.00001 but for one row at 1e30, and 10
  /// held-out rows of which one is 1e37: `min_max` fitted on every training row keeps it
  /// finite in float32, fitted on rows without the 1e30 one it scales 1e37 beyond float32.
  static func narrowRangeFiles(in directory: URL) throws {
    var train = "x,z,y\n"
    for i in 0..<40 {
      let x = i == 7 ? "1e30" : i % 2 == 0 ? "1.0" : "1.00001"
      train += "\(x),\(sin(Double(i))),\(cos(Double(i)))\n"
    }
    var heldOut = "x,z,y\n"
    for i in 0..<10 { heldOut += "\(i == 3 ? "1e37" : "1.0"),\(sin(Double(i + 40))),\(i % 3)\n" }
    try train.write(
      to: directory.appendingPathComponent("train.csv"), atomically: true, encoding: .utf8)
    try heldOut.write(
      to: directory.appendingPathComponent("held.csv"), atomically: true, encoding: .utf8)
  }

  /// The spec of those files (with `seed: 1` unless `seeded` is false: where nothing else
  /// draws from it, a written seed is warned at).
  static func narrowRangeSpec(heldOut: String, report: String, seeded: Bool = true) -> String {
    """
    name: narrow
    \(seeded ? "seed: 1" : "")
    dtype: float32
    dataset:
      train: {file: train.csv, target: y}
      \(heldOut): {file: held.csv, target: y}
      preprocessing: [min_max]
    model: {type: linreg}
    loss: mse
    optimizer: {type: gd, learning_rate: 0.01, iterations: 20}
    report:
      \(report)
    """
  }

  static func run(_ spec: String, prepare: (URL) throws -> Void, strict: Bool = false) throws
    -> (directory: URL, outcome: Result<RunOutcome, PipelineError>)
  {
    let directory = TestProject.temporaryDirectory()
    try prepare(directory)
    let path = try TestProject.writeSpec(spec, in: directory)
    var options = RunOptions(resultsRoot: directory.appendingPathComponent("results").path)
    options.environment["RUNNER_DATA_PATH"] = nil
    options.spec.strict = strict
    let outcome = Result { () throws(PipelineError) in
      try ExperimentRunner.run(specPath: path, options: options)
    }
    return (directory.appendingPathComponent("results/narrow"), outcome)
  }

  /// The 4-row point (rows without the 1e30 one) fails, its held-out 1e37 named by its line and
  /// column; the full-size point and the run stand.
  @Test func aLearningCurvePointWhosePreprocessingFailsIsAFailedPoint() throws {
    let (folder, outcome) = try Self.run(
      Self.narrowRangeSpec(heldOut: "dev", report: "learning_curve: {sizes: [0.1, 1.0]}"),
      prepare: Self.narrowRangeFiles)
    let run = try outcome.get()
    let curve = try TestProject.table(folder.path, ResultsFile.learningCurve)
    #expect(curve.column("verdict") == ["failed", curve.column("verdict")?.last ?? ""])
    #expect(curve.column("train_error")?.first == "nan")
    #expect(curve.column("train_error")?.last != "nan")
    #expect(
      run.warnings.contains {
        $0.hasPrefix("learning curve at 4 training rows: the preprocessing fitted on its")
          && $0.contains("(line 5, column 'x'): min_max")
          && $0.hasSuffix("the point is recorded with nan errors")
      })
  }

  /// With 2 rounds of seed 14 neither resample holds the 1e30 row: the decomposition is left
  /// out with a warning, and the trained run is written (under `--strict`, with exit 1).
  @Test(arguments: [false, true])
  func aDecompositionWhoseEveryRoundFailsIsLeftOut(strict: Bool) throws {
    let (folder, outcome) = try Self.run(
      Self.narrowRangeSpec(
        heldOut: "test", report: "bootstrap: {rounds: 2, seed: 14}", seeded: false),
      prepare: Self.narrowRangeFiles, strict: strict)
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(files.contains(ResultsFile.summary) && files.contains(ResultsFile.metrics))
    #expect(!files.contains(ResultsFile.decomposition))
    let warnings: [String]
    switch outcome {
    case .success(let run):
      #expect(!strict)
      warnings = run.warnings
    case .failure(.warnings(let listed, let results)):
      #expect(strict && results == folder.path)
      warnings = listed
    case .failure(let error): throw error
    }
    #expect(
      warnings.contains {
        $0.hasPrefix(
          "bias/variance decomposition: every bootstrap round failed (bootstrap round 1:")
          && $0.hasSuffix("; no \(ResultsFile.decomposition) written")
      })
  }

  /// Degree 10 of features up to 1e5 is beyond float32: the run refuses that value before
  /// training, at the value, as `--set` and `runner validate` do (it was a failed point).
  @Test func aValidationCurveValueWhoseDataCannotBePreparedIsRefusedAtTheValue() throws {
    let spec = """
      name: narrow
      seed: 1
      dtype: float32
      dataset:
        file: wide.csv
        target: y
        split: {train: 0.7, dev: 0.3}
        preprocessing: [{polynomial: 1}, standardize]
      model: {type: linreg}
      loss: mse
      optimizer: {type: gd, learning_rate: 0.1, iterations: 20}
      report:
        validation_curve: {parameter: "dataset.preprocessing[0].polynomial", values: [1, 10]}
      """
    let (folder, outcome) = try Self.run(spec) { directory in
      let rows = (0..<30).map { i in
        let x = Double((i * 7919) % 200_001 - 100_000)
        return "\(x),\(x / 1e5 + sin(Double(i)) / 10)"
      }
      try (["x,y"] + rows).joined(separator: "\n").write(
        to: directory.appendingPathComponent("wide.csv"), atomically: true, encoding: .utf8)
    }
    guard case .failure(.spec(.invalid(let diagnostics))) = outcome else {
      Issue.record("not refused: \(outcome)")
      return
    }
    let d = diagnostics.first
    #expect(d?.location.map { "\($0.line):\($0.column)" } == "13:84")
    #expect(d?.message.hasPrefix("with dataset.preprocessing[0].polynomial = 10, ") == true)
    #expect(d?.message.contains("polynomial(10) makes a value too large for float32") == true)
    #expect(!FileManager.default.fileExists(atPath: folder.path))
  }

}
