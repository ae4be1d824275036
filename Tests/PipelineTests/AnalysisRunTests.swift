import Conventions
import Foundation
import Pipeline
import Reports
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Whole runs with a `report` section: the validation and learning curves on the polynomial
/// spec, the plots and report, and determinism
/// (acceptance 4).
@Suite struct AnalysisRunTests {
  static let polynomial = "polynomial_validation_curve.yaml"

  /// Every file of a results folder (relative paths, sorted), including `params/` and `plots/`.
  static func files(in directory: String) -> [String] {
    let root = URL(fileURLWithPath: directory)
    let enumerator = FileManager.default.enumerator(
      at: root, includingPropertiesForKeys: [.isRegularFileKey])
    var out: [String] = []
    while let url = enumerator?.nextObject() as? URL {
      guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else {
        continue
      }
      out.append(
        String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1)))
    }
    return out.sorted()
  }

  /// The best dev error is at least 20% below the dev error at degree 1 and at the highest
  /// degree; the verdict moves from high bias to high variance.
  @Test func polynomialValidationCurveFindsTheCubic() throws {
    let outcome = try TestProject.run(
      TestProject.experiment(Self.polynomial), resultsRoot: TestProject.temporaryDirectory())
    let curve = try TestProject.table(outcome.directory, "validation_curve.csv")
    let parameter = "dataset.preprocessing[0].polynomial"
    #expect(curve.header == [parameter, "train_error", "dev_error", "verdict"])
    let degrees = TestProject.numbers(curve, parameter)
    let dev = TestProject.numbers(curve, "dev_error")
    #expect(degrees == [1, 2, 3, 4, 6, 8, 10])
    let best = try #require(dev.min())
    #expect(best <= 0.8 * dev.first!, "best \(best) vs degree 1 \(dev.first!)")
    #expect(best <= 0.8 * dev.last!, "best \(best) vs degree 10 \(dev.last!)")
    #expect(degrees[dev.firstIndex(of: best)!] == 3)
    let verdicts = curve.column("verdict") ?? []
    #expect(verdicts.first == "high bias")
    #expect(verdicts.last == "high variance")
    // Training error never rises with capacity (nested least-squares models on the same rows).
    let train = TestProject.numbers(curve, "train_error")
    #expect(zip(train, train.dropFirst()).allSatisfy { $0 >= $1 - 1e-12 })

    let learning = try TestProject.table(outcome.directory, "learning_curve.csv")
    #expect(learning.header == ["train_size", "train_error", "dev_error", "verdict"])
    #expect(TestProject.numbers(learning, "train_size") == [6, 12, 18, 24])
    // The largest size is the whole training set: the run's own figures.
    let summary = try TestProject.table(outcome.directory, "summary.csv")
    #expect(
      TestProject.numbers(learning, "train_error").last
        == TestProject.numbers(summary, "train_mse").first)
  }

  /// Every SVG parses as XML and holds data marks; `report.html` embeds and links each plot
  /// and loads nothing from the network; `report.md` links each plot.
  @Test func plotsAndReportAreSelfContained() throws {
    let outcome = try TestProject.run(
      TestProject.experiment(Self.polynomial), resultsRoot: TestProject.temporaryDirectory())
    let files = Self.files(in: outcome.directory)
    let svgs = files.filter { $0.hasSuffix(".svg") }
    #expect(Set(svgs).isSuperset(of: ["plots/learning_curve.svg", "plots/validation_curve.svg"]))
    // The exact solver records one state: a sentence in the report, no one-point plot.
    #expect(!svgs.contains("plots/loss.svg"))
    for svg in svgs {
      let data = try Data(contentsOf: URL(fileURLWithPath: outcome.directory + "/" + svg))
      let parser = XMLParser(data: data)
      #expect(
        parser.parse(), "\(svg) is not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")"
      )
      let text = String(decoding: data, as: UTF8.self)
      #expect(
        text.contains("<polyline") || text.contains("<circle")
          || text.contains("<rect class=\"cell\""), "\(svg) has no data marks")
    }
    let html = try String(contentsOfFile: outcome.directory + "/report.html", encoding: .utf8)
    let markdown = try String(contentsOfFile: outcome.directory + "/report.md", encoding: .utf8)
    for svg in svgs {
      #expect(html.contains("href=\"\(svg)\""), "report.html does not link \(svg)")
      #expect(markdown.contains("(\(svg))"), "report.md does not link \(svg)")
    }
    #expect(html.components(separatedBy: "<svg").count - 1 == svgs.count)
    #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("src=\"//"))
    #expect(html.contains("Validation curve") && html.contains("high variance"))
    // `runner report` rebuilds the same report from the CSVs.
    let rebuilt = try ResultsReport.rebuild(in: URL(fileURLWithPath: outcome.directory))
    #expect(Set(rebuilt) == Set(svgs + ["report.md", "report.html"]))
    #expect(try String(contentsOfFile: outcome.directory + "/report.html", encoding: .utf8) == html)
    #expect(
      try String(contentsOfFile: outcome.directory + "/report.md", encoding: .utf8) == markdown)
  }

  /// Two runs of the same spec write byte-identical files (timings aside), parameters included.
  @Test func identicalRunsWriteIdenticalBytes() throws {
    let first = try TestProject.run(
      TestProject.experiment(Self.polynomial), resultsRoot: TestProject.temporaryDirectory("a"))
    let second = try TestProject.run(
      TestProject.experiment(Self.polynomial), resultsRoot: TestProject.temporaryDirectory("b"))
    let files = Self.files(in: first.directory)
    #expect(files == Self.files(in: second.directory))
    #expect(files.contains("params/layer1_weights.npy") && files.contains("validation_curve.csv"))
    for file in files where !ResultsFile.timingFiles.contains(file) {
      let a = try Data(contentsOf: URL(fileURLWithPath: first.directory + "/" + file))
      let b = try Data(contentsOf: URL(fileURLWithPath: second.directory + "/" + file))
      #expect(a == b, "\(file) differs between identical runs")
    }
  }

  /// A classifier whose metrics list `confusion_matrix` writes its confusion matrix (test set)
  /// and plots it; `plots: false` writes no report; without the entry there is no matrix.
  @Test func classifierRunWritesConfusionMatrix() throws {
    let directory = TestProject.temporaryDirectory()
    let spec = try TestProject.writeSpec(
      """
      name: moons_matrix
      seed: 3
      dataset:
        generator: {type: moons, samples: 200, noise: 0.2}
        split: {train: 0.5, dev: 0.25, test: 0.25}
      model: {type: logreg}
      loss: binary_cross_entropy
      optimizer: {type: lbfgs, iterations: 50}
      metrics: [accuracy, confusion_matrix]
      report:
        bootstrap: {rounds: 8}
        learning_curve: {sizes: [20, 60, 100]}
        validation_curve: {parameter: regularization.l2, values: [0, 0.1, 1]}
      """, in: directory)
    let outcome = try TestProject.run(
      spec, resultsRoot: directory.appendingPathComponent("results"))
    let matrix = try TestProject.table(outcome.directory, "confusion_matrix.csv")
    #expect(matrix.header == ["actual", "predicted_0", "predicted_1"])
    let counts = matrix.rows.flatMap { $0.dropFirst().compactMap(Int.init) }
    #expect(counts.reduce(0, +) == 50)
    let summary = try TestProject.table(outcome.directory, "summary.csv")
    let accuracy = try #require(TestProject.numbers(summary, "test_accuracy").first)
    #expect(Double(counts[0] + counts[3]) / 50 == accuracy)
    let decomposition = try TestProject.table(outcome.directory, "bias_variance_decomposition.csv")
    #expect(decomposition.column("loss") == ["zero_one"])
    #expect(decomposition.column("rounds") == ["8"])
    #expect(
      TestProject.numbers(
        try TestProject.table(outcome.directory, "validation_curve.csv"), "regularization.l2") == [
          0, 0.1, 1,
        ])
    #expect(
      FileManager.default.fileExists(atPath: outcome.directory + "/plots/confusion_matrix.svg"))

    let quiet = try TestProject.run(
      spec, resultsRoot: directory.appendingPathComponent("quiet"),
      overrides: ["report.plots=false"])
    #expect(!FileManager.default.fileExists(atPath: quiet.directory + "/report.html"))
    #expect(FileManager.default.fileExists(atPath: quiet.directory + "/confusion_matrix.csv"))

    let unlisted = try TestProject.run(
      spec, resultsRoot: directory.appendingPathComponent("unlisted"),
      overrides: ["metrics=[accuracy]", "report.plots=false"])
    #expect(!FileManager.default.fileExists(atPath: unlisted.directory + "/confusion_matrix.csv"))
  }

  /// A learning-curve point with fewer rows than the exact solver's unknowns is a failed point
  /// (nan errors, verdict `failed`, a warning), as a diverged one is; the run completes.
  @Test func anUnsolvableCurvePointIsAFailedPoint() throws {
    let directory = TestProject.temporaryDirectory()
    let spec = try TestProject.writeSpec(
      """
      name: unsolvable
      dataset:
        generator: {type: polynomial, samples: 40, noise: 0.1}
        preprocessing: [{polynomial: 6}]
        split: {train: 0.75, test: 0.25}
      model: {type: linreg, solver: exact}
      report: {learning_curve: {sizes: [6, 30]}, bias_variance: {base_error: 0.01}}
      """, in: directory)
    let outcome = try TestProject.run(
      spec, resultsRoot: directory.appendingPathComponent("results"))
    // Said before training, at the size (so validate --strict refuses it), and after it.
    #expect(outcome.warnings.count == 2)
    #expect(
      outcome.warnings.contains {
        $0.contains("the learning curve's point at 6 training rows would be recorded as failed")
      }, "\(outcome.warnings)")
    #expect(
      outcome.warnings.contains {
        $0.contains("learning curve at 6 training rows: cannot solve least squares")
      }, "\(outcome.warnings)")
    let curve = try TestProject.table(outcome.directory, "learning_curve.csv")
    #expect(curve.column("train_error")?.first == "nan")
    #expect(curve.column("verdict")?.first == "failed")
    #expect(TestProject.numbers(curve, "test_error").last?.isFinite == true)
  }

  /// Curves the data cannot give fail the run with a message naming the report.
  @Test(arguments: [
    ("learning_curve: {sizes: [10, 500]}", "500 rows asked for"),
    (
      "validation_curve: {parameter: model.multiclass, values: [softmax, ovr]}",
      "spec.yaml:9:67: error: report.validation_curve.values[0] must be a number (got 'softmax')"
    ),
  ])
  func impossibleCurvesAreReported(report: String, message: String) throws {
    let directory = TestProject.temporaryDirectory()
    let spec = try TestProject.writeSpec(
      """
      name: impossible
      dataset:
        generator: {type: moons, samples: 80, noise: 0.2}
        split: {train: 0.5, test: 0.5}
      model: {type: logreg}
      loss: binary_cross_entropy
      optimizer: {type: lbfgs, iterations: 20}
      metrics: [accuracy]
      report: {\(report)}
      """, in: directory)
    do {
      _ = try TestProject.run(spec, resultsRoot: directory.appendingPathComponent("results"))
      Issue.record("the run should fail")
    } catch {
      #expect(error.exitCode == .dataError)
      #expect(error.description.contains(message), "\(error.description)")
    }
    #expect(TestProject.isEmptyOrAbsent(directory.appendingPathComponent("results")))
  }
}
