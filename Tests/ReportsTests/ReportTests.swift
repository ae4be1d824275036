import Foundation
import Testing

@testable import Reports

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The value of attribute `name` (FoundationXML's `attribute(forName:)` misses it in a namespaced document).
func attribute(_ name: String, of node: XMLNode) -> String? {
  (node as? XMLElement)?.attributes?.first { $0.name == name }?.stringValue
}

@Suite("report.md, report.html and SVG plots")
struct ReportTests {
  /// Builds the sample results and its report in a fresh directory named `cat`.
  func sampleReport() throws -> (directory: URL, written: [String]) {
    let directory = try temporaryDirectory().appendingPathComponent("cat")
    try writeSampleResults(to: directory)
    return (directory, try ResultsReport.rebuild(in: directory))
  }

  @Test("every SVG parses as XML and has data marks")
  func svgsAreValidXML() throws {
    let (directory, written) = try sampleReport()
    defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
    let svgs = written.filter { $0.hasSuffix(".svg") }
    #expect(
      svgs == [
        "plots/loss.svg", "plots/accuracy.svg", "plots/learning_curve.svg",
        "plots/validation_curve.svg",
        "plots/confusion_matrix.svg",
      ])
    for path in svgs {
      let document = try XMLDocument(
        contentsOf: directory.appendingPathComponent(path), options: [])
      let root = try #require(document.rootElement())
      #expect(root.name == "svg")
      let lines = try document.nodes(forXPath: "//*[local-name()='polyline'][@class='series']")
      let points = try document.nodes(forXPath: "//*[local-name()='circle'][@class='point']")
      let cells = try document.nodes(forXPath: "//*[local-name()='rect'][@class='cell']")
      if path.hasSuffix("confusion_matrix.svg") {
        #expect(cells.count == 9)
        let counts = cells.compactMap { attribute("data-count", of: $0) }
        #expect(counts == ["10", "0", "0", "0", "9", "1", "0", "2", "8"])
      } else {
        #expect(lines.count >= 2, "\(path) has \(lines.count) lines")
        #expect(points.count >= 10, "\(path) has \(points.count) points")
      }
    }
  }

  @Test("a NaN value leaves a gap: the test accuracy curve has 19 points")
  func nanGap() throws {
    let (directory, _) = try sampleReport()
    defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
    let document = try XMLDocument(
      contentsOf: directory.appendingPathComponent("plots/accuracy.svg"), options: [])
    let test = try document.nodes(forXPath: "//*[@data-series='test']/*[local-name()='circle']")
    #expect(test.count == 19)
  }

  @Test("report.html embeds and links every SVG and names no external URL")
  func htmlIsOffline() throws {
    let (directory, written) = try sampleReport()
    defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
    let html = try AtomicFile.read(directory.appendingPathComponent("report.html"))
    for path in written where path.hasSuffix(".svg") {
      #expect(html.contains("data-source=\"\(path)\""))
      #expect(html.contains("<a href=\"\(path)\">"))
    }
    #expect(html.components(separatedBy: "<svg ").count - 1 == 5)
    for external in ["http:", "https:", "//", "src=", "@import", "url("] {
      #expect(!html.contains(external), "report.html contains \(external)")
    }
    #expect(html.contains("<strong>Verdict: high variance</strong>"))
    #expect(html.contains("<code>regularization: {l2: 0.1}</code>"))
  }

  @Test("report.md links every plot and shows the diagnosis")
  func markdown() throws {
    let (directory, written) = try sampleReport()
    defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
    let markdown = try AtomicFile.read(directory.appendingPathComponent("report.md"))
    #expect(markdown.hasPrefix("# Report: cat\n"))
    for path in written where path.hasSuffix(".svg") { #expect(markdown.contains("](\(path))")) }
    #expect(markdown.contains("**Verdict: high variance**"))
    #expect(markdown.contains("| train error | 0.009569377990430622 |  |"))
    #expect(markdown.contains("| variance (test − train) | 0.2904306220095694 | 0.05 |"))
    #expect(markdown.contains("- add regularization: `regularization: {l2: 0.1}`"))
    #expect(markdown.contains("| train_accuracy | 0.9904306220095693 |"))
  }

  @Test("two builds of the same results are byte-identical, and stale plots are removed")
  func deterministic() throws {
    let (first, written) = try sampleReport()
    let (second, _) = try sampleReport()
    defer {
      try? FileManager.default.removeItem(at: first.deletingLastPathComponent())
      try? FileManager.default.removeItem(at: second.deletingLastPathComponent())
    }
    for path in written {
      let a = try Data(contentsOf: first.appendingPathComponent(path))
      let b = try Data(contentsOf: second.appendingPathComponent(path))
      #expect(a == b, "\(path) differs")
    }
    try FileManager.default.removeItem(
      at: first.appendingPathComponent(ResultsFile.confusionMatrix))
    try ResultsReport.rebuild(in: first)
    #expect(
      !FileManager.default.fileExists(
        atPath: first.appendingPathComponent("plots/confusion_matrix.svg").path))
  }

  @Test("a report built in a staging folder takes the run's name")
  func stagingName() throws {
    let directory = try temporaryDirectory().appendingPathComponent(".staging-cat-123")
    defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
    try writeSampleResults(to: directory)
    try ResultsReport.rebuild(in: directory, name: "cat")
    #expect(
      try AtomicFile.read(directory.appendingPathComponent("report.md")).hasPrefix(
        "# Report: cat\n"))
  }

  @Test("a run's summary.csv with only its header is refused, not reported without figures")
  func headerOnlySummary() throws {
    let directory = try temporaryDirectory().appendingPathComponent("cat")
    defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
    try writeSampleResults(to: directory)
    let summary = directory.appendingPathComponent(ResultsFile.summary)
    let header = try String(contentsOf: summary, encoding: .utf8).prefix { $0 != "\n" }
    try (header + "\n").write(to: summary, atomically: true, encoding: .utf8)
    let error = #expect(throws: ResultsFileError.self) { try ResultsReport.rebuild(in: directory) }
    #expect(
      error?.description
        == "cannot read \(summary.path): no row of final figures (only the header); rerun the "
        + "spec to remake it")
    #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("plots").path))
  }

  @Test("a directory without results is a typed error")
  func emptyDirectory() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    #expect(throws: ResultsFileError.noResults(directory: directory.path)) {
      try ResultsReport.rebuild(in: directory)
    }
    #expect(throws: ResultsFileError.missing(path: directory.appendingPathComponent("nope").path)) {
      try ResultsReport.rebuild(in: directory.appendingPathComponent("nope"))
    }
  }

  @Test("SVG text is escaped and charts without data still parse")
  func escaping() throws {
    let chart = LineChart(
      title: "a < b & \"c\"", xLabel: "x", yLabel: "y",
      series: [.init(name: "<nan>", points: [.init(x: 1, y: .nan)])])
    let document = try XMLDocument(data: Data(chart.svg.utf8), options: [])
    #expect(document.rootElement()?.name == "svg")
    #expect(chart.svg.contains("no finite values to plot"))
  }

  @Test("axis ticks are nice numbers")
  func ticks() {
    #expect(
      Axis(covering: [0.13, 0.69], logarithmic: false).ticks.map(Axis.label) == [
        "0", "0.2", "0.4", "0.6", "0.8",
      ])
    #expect(
      Axis(covering: [0.001, 10], logarithmic: true).ticks.map(Axis.label) == [
        "0.001", "0.01", "0.1", "1", "10",
      ])
    #expect(Axis.label(2e-5) == "2e-5")
    #expect(
      Axis(covering: [5, 5], logarithmic: false).ticks.map(Axis.label) == [
        "4.4", "4.6", "4.8", "5", "5.2", "5.4", "5.6",
      ])
  }
}

@Suite("long series")
struct LongSeriesTests {
  @Test("a long series is one polyline without a circle per point; isolated points keep theirs")
  func longSeries() throws {
    var points = (0..<1000).map { LineChart.Point(x: Double($0), y: 1 / Double($0 + 1)) }
    points[500].y = .nan
    points[502].y = .nan
    let svg = LineChart(
      title: "t", xLabel: "x", yLabel: "y", series: [.init(name: "train", points: points)]
    ).svg
    let document = try XMLDocument(data: Data(svg.utf8), options: [])
    #expect(try document.nodes(forXPath: "//*[local-name()='polyline']").count == 2)
    #expect(try document.nodes(forXPath: "//*[local-name()='circle']").count == 1)
    #expect(svg.utf8.count < 40_000)
  }

  @Test("200 000 points draw a small polyline that keeps the first, last and extreme points")
  func veryLongSeriesIsThinnedPerPixelColumn() throws {
    // A noisy falling loss with one spike: a linreg run with `record_every: 1`.
    var points: [LineChart.Point] = (0..<200_000).map { i in
      let noise = Double((i * 7919) % 13) / 1000
      return LineChart.Point(x: Double(i), y: 1 / Double(i + 1) + noise)
    }
    points[123_457].y = 5
    let chart = LineChart(
      title: "t", xLabel: "x", yLabel: "y", series: [.init(name: "train", points: points)])
    let svg = chart.svg
    #expect(svg.utf8.count < 120_000, "\(svg.utf8.count) bytes")
    let kept: [LineChart.Point] = LineChart.thinned(points, columns: 420) { (x: Double) in
      x / 200_000 * 420
    }
    #expect(kept.count <= 4 * 421 && kept.count > 420)
    #expect(kept.first == points.first && kept.last == points.last)
    #expect(kept.contains(points[123_457]))
    #expect(kept.map { $0.y }.min() == points.map { $0.y }.min())
    #expect(zip(kept, kept.dropFirst()).allSatisfy { $0.x < $1.x })
    // Up to the limit, and where x goes back, every point is drawn.
    let short = Array(points.prefix(LineChart.maxLinePoints))
    #expect(LineChart.thinned(short, columns: 420) { $0 } == short)
    let back = points + [LineChart.Point(x: 0, y: 0)]
    #expect(LineChart.thinned(back, columns: 420) { $0 } == back)
  }

  @Test("each run between gaps is thinned on its own, on a linear or a logarithmic x axis")
  func longRunsAroundAGapAreThinnedOnTheirOwn() throws {
    var points: [LineChart.Point] = (1...100_000).map { i in
      LineChart.Point(x: Double(i), y: Double(i % 17))
    }
    points[50_000].y = .nan
    for logX in [false, true] {
      let svg = LineChart(
        title: "t", xLabel: "x", yLabel: "y", series: [.init(name: "train", points: points)],
        logX: logX
      ).svg
      let document = try XMLDocument(data: Data(svg.utf8), options: [])
      let lines = try document.nodes(forXPath: "//*[local-name()='polyline']")
      #expect(lines.count == 2, "logX \(logX)")
      #expect(svg.utf8.count < 200_000, "logX \(logX): \(svg.utf8.count) bytes")
      // Every pixel column still reaches the lowest and the highest value (0 and 16).
      let ys = svg.components(separatedBy: "points=\"").dropFirst().flatMap { attribute in
        attribute.prefix { $0 != "\"" }.split(separator: " ").map { $0.split(separator: ",")[1] }
      }
      // At most 4 points per pixel column of each run, the lowest and highest values among them.
      let heights = ys.compactMap { Double($0) }
      #expect(heights.count <= 2 * 4 * 421, "logX \(logX): \(heights.count) points")
      let drawnLow = heights.filter { $0 == heights.max() }.count
      let drawnHigh = heights.filter { $0 == heights.min() }.count
      #expect(drawnLow > 200 && drawnHigh > 200, "logX \(logX): \(drawnLow), \(drawnHigh)")
    }
  }
}
