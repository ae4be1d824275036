import Foundation
import Pipeline
import Reports
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The pictures a run draws into its report: the moons boundary, the misclassified cats and
/// the cat weights, the regression plots, ROC and precision-recall curves; the same bytes on a
/// rerun, with `runner report` and with two sweep jobs.
@Suite struct PictureRunTests {
  static let moons = """
    name: moons
    seed: 21
    dataset:
      generator: {type: moons, samples: 200, noise: 0.2}
      split: {train: 0.6, test: 0.4}
    model:
      type: mlp
      layers:
        - {units: 8, activation: tanh}
        - {units: 1, activation: sigmoid}
    loss: binary_cross_entropy
    optimizer: {type: adam, learning_rate: 0.05, batch_size: 40, epochs: 40}
    record_every: 10
    metrics: [accuracy, roc_auc, average_precision]

    """

  func svg(_ directory: String, _ picture: ReportPicture) throws -> XMLDocument {
    try XMLDocument(
      contentsOf: URL(fileURLWithPath: directory).appendingPathComponent("plots")
        .appendingPathComponent(picture.fileName), options: [])
  }

  func count(_ document: XMLDocument, _ path: String) throws -> Int {
    try document.nodes(forXPath: path).count
  }

  func texts(_ document: XMLDocument) throws -> [String] {
    try document.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
  }

  func read(_ directory: String, _ file: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(file))
  }

  @Test func moonsReportShowsTheBoundaryAndCurvesTheSameEveryTime() throws {
    let root = TestProject.temporaryDirectory()
    let spec = try TestProject.writeSpec(Self.moons, in: root)
    let outcome = try TestProject.run(spec, resultsRoot: root.appendingPathComponent("a"))
    let boundary = try svg(outcome.directory, .decisionBoundary)
    // 120 training points over the regions of both classes.
    #expect(try count(boundary, "//*[local-name()='g'][@class='points']/*") == 120)
    let regions = try boundary.nodes(forXPath: "//*[local-name()='g'][@class='regions']/*")
    #expect(regions.count >= 150)
    let fills = regions.compactMap {
      ($0 as? XMLElement)?.attributes?.first { $0.name == "fill" }?.stringValue
    }
    #expect(Set(fills).count == 2)
    #expect(try texts(boundary).contains("x1") && texts(boundary).contains("x2"))

    let summary = try TestProject.table(outcome.directory, "summary.csv")
    let auc = try #require(TestProject.numbers(summary, "test_roc_auc").first)
    let ap = try #require(TestProject.numbers(summary, "test_average_precision").first)
    #expect(auc > 0.9 && auc <= 1 && ap > 0.9 && ap <= 1)
    let roc = try svg(outcome.directory, .rocCurve)
    #expect(try texts(roc).contains("ROC curve (test, AUC \(String(format: "%.4f", auc)))"))
    let pr = try svg(outcome.directory, .precisionRecallCurve)
    #expect(
      try texts(pr).contains("Precision-recall curve (test, AP \(String(format: "%.4f", ap)))"))
    let html = try String(decoding: read(outcome.directory, "report.html"), as: UTF8.self)
    for picture in [ReportPicture.decisionBoundary, .rocCurve, .precisionRecallCurve] {
      #expect(html.contains("id=\"plot-\(picture.fileName)\""))
    }
    #expect(!html.contains("plot-misclassified.svg") && !html.contains("plot-residuals.svg"))

    // A rerun, and `runner report`, give the same bytes.
    let again = try TestProject.run(spec, resultsRoot: root.appendingPathComponent("b"))
    for file in ["report.html", "report.md", "plots/decision_boundary.svg", "plots/roc_curve.svg"] {
      #expect(try read(outcome.directory, file) == read(again.directory, file), "\(file)")
    }
    try ResultsReport.rebuild(in: URL(fileURLWithPath: again.directory))
    #expect(try read(outcome.directory, "report.html") == read(again.directory, "report.html"))
  }

  @Test(.enabled(if: CourseData.cat, CourseData.missing("catvnoncat")))
  func catReportShowsTheMisclassifiedCatsAndTheWeights() throws {
    let outcome = try TestProject.run(
      TestProject.experiment("cat.yaml"), resultsRoot: TestProject.temporaryDirectory())
    let gallery = try svg(outcome.directory, .misclassified)
    // 35 of 50 test images right: 15 wrong, each with its actual and predicted class.
    #expect(try count(gallery, "//*[local-name()='image']") == 15)
    let captions = try texts(gallery)
    #expect(captions.contains("15 of 50 wrong"))
    #expect(captions.filter { $0.hasPrefix("actual: ") }.count == 15)
    let predicted = captions.filter { $0.hasPrefix("predicted: ") }
    #expect(predicted.count == 15)
    #expect(Set(predicted) == ["predicted: cat", "predicted: non-cat"])
    let weights = try svg(outcome.directory, .firstLayerWeights)
    #expect(try count(weights, "//*[local-name()='image']") == 1)
    #expect(try texts(weights).contains("1 unit of 12288 weights; dark = low, light = high"))
    let files = Set(
      try FileManager.default.contentsOfDirectory(atPath: outcome.directory + "/plots"))
    #expect(!files.contains(ReportPicture.decisionBoundary.fileName))
    #expect(files.contains(ReportPicture.rocCurve.fileName))
  }

  @Test func regressionReportShowsPredictedAgainstActualAndResiduals() throws {
    let outcome = try TestProject.run(
      TestProject.experiment("diabetes-linreg-gd.yaml"),
      resultsRoot: TestProject.temporaryDirectory())
    let summary = try TestProject.table(outcome.directory, "summary.csv")
    #expect(summary.header.contains("test_mse"))
    let fit = try svg(outcome.directory, .predictedVsActual)
    let residuals = try svg(outcome.directory, .residuals)
    let points = try count(fit, "//*[local-name()='circle'][@class='point']")
    #expect(points > 0)
    #expect(try count(residuals, "//*[local-name()='circle'][@class='point']") == points)
    #expect(try count(fit, "//*[local-name()='line'][@class='reference']") == 1)
    #expect(try texts(fit).contains("actual") && texts(fit).contains("predicted"))
    #expect(try texts(residuals).contains("actual − predicted"))
  }

  @Test func twoSweepJobsDrawTheSamePictures() throws {
    let root = TestProject.temporaryDirectory()
    let spec = try TestProject.writeSpec(
      Self.moons.replacingOccurrences(of: "epochs: 40", with: "epochs: 10")
        + "sweep:\n  method: grid\n  parameters:\n    optimizer.learning_rate: [0.01, 0.1]\n",
      in: root)
    let one = try SweepRunner.run(
      specPath: spec, options: SweepFixture.options(root: root.appendingPathComponent("one")))
    let two = try SweepRunner.run(
      specPath: spec,
      options: SweepFixture.options(root: root.appendingPathComponent("two"), jobs: 2))
    let a = SweepFixture.contents(of: one.directory)
    #expect(a.keys.filter { $0.hasSuffix("decision_boundary.svg") }.count == 2)
    #expect(a == SweepFixture.contents(of: two.directory))
  }
}
