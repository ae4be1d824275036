import Foundation
import Testing

@testable import Reports

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The pictures' SVG structure (regions, points, images, labels), the PNG bytes, and how a
/// report keeps the pictures a run drew.
@Suite struct PictureTests {
  func parse(_ svg: String) throws -> XMLDocument {
    try XMLDocument(data: Data(svg.utf8), options: [])
  }

  func nodes(_ document: XMLDocument, _ path: String) throws -> [XMLNode] {
    try document.nodes(forXPath: path)
  }

  func texts(_ document: XMLDocument) throws -> [String] {
    try nodes(document, "//*[local-name()='text']").compactMap(\.stringValue)
  }

  @Test func pngHasSignatureChunksAndChecksums() throws {
    let image = RasterImage(width: 3, height: 2, channels: 1, pixels: [0, 50, 100, 150, 200, 250])
    let png = image.png
    #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    #expect(Array(png[12..<16]) == Array("IHDR".utf8))
    #expect(Array(png[16..<24]) == [0, 0, 0, 3, 0, 0, 0, 2])
    #expect(Array(png.suffix(12)) == [0, 0, 0, 0] + Array("IEND".utf8) + [0xAE, 0x42, 0x60, 0x82])
    // The stored block holds each row behind filter byte 0.
    let idat = try #require(
      (0..<png.count - 4).first { Array(png[$0..<($0 + 4)]) == Array("IDAT".utf8) })
    #expect(Array(png[(idat + 4)..<(idat + 11)]) == [0x78, 0x01, 1, 8, 0, 0xF7, 0xFF])
    #expect(Array(png[(idat + 11)..<(idat + 19)]) == [0, 0, 50, 100, 0, 150, 200, 250])
    #expect(RasterImage.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
    #expect(RasterImage.crc32(Array("IEND".utf8)) == 0xAE42_6082)
    #expect(image.dataURI.hasPrefix("data:image/png;base64,iVBORw0KGgo"))
  }

  @Test func valuesMapOntoTheRangeClamped() {
    let image = RasterImage(
      width: 4, height: 1, channels: 1, values: [-1, 0, 0.5, 2], range: 0...1)
    #expect(image.pixels == [0, 0, 128, 255])
  }

  func boundary(points: Int = 3) -> DecisionBoundaryChart {
    // 4 × 2 grid: bottom row 0 0 1 1, top row 0 1 1 1.
    DecisionBoundaryChart(
      title: "Decision boundary", xLabel: "petal length", yLabel: "petal width",
      xRange: -1...1, yRange: 0...2, grid: [0, 0, 1, 1, 0, 1, 1, 1], columns: 4,
      classes: ["setosa", "versicolor"],
      points: (0..<points).map { .init(x: Double($0) / 4, y: 1, label: $0 % 2) })
  }

  @Test func decisionBoundaryHasOneRectPerRunAndACirclePerPoint() throws {
    let document = try parse(boundary().svg)
    #expect(try nodes(document, "//*[local-name()='g'][@class='regions']/*").count == 4)
    let circles = try nodes(document, "//*[local-name()='g'][@class='points']/*")
    #expect(circles.count == 3)
    #expect(circles.compactMap { attribute("fill", of: $0) } == ["#1f77b4", "#ff7f0e", "#1f77b4"])
    let labels = try texts(document)
    for label in ["petal length", "petal width", "setosa", "versicolor", "Decision boundary"] {
      #expect(labels.contains(label))
    }
    #expect(labels.contains("-1") && labels.contains("1") && labels.contains("2"))
  }

  /// No two of up to 100 classes look the same: tab10's ten colours, then per ten classes a
  /// marker shape and a region hatching; 8 colours made classes 0 and 8 alike (tester J, F2).
  @Test func decisionBoundaryTellsEveryClassApart() throws {
    for count in [10, 12, 100] {
      let chart = DecisionBoundaryChart(
        title: "Decision boundary", xLabel: "x", yLabel: "y", xRange: 0...1, yRange: 0...1,
        grid: Array(0..<count), columns: count, classes: (0..<count).map { "class \($0)" },
        points: (0..<count).map { .init(x: Double($0) / Double(count), y: 0.5, label: $0) })
      let document = try parse(chart.svg)
      // A point's look: its colour and shape (a polygon's corners around its centre).
      let marks = try nodes(document, "//*[local-name()='g'][@class='points']/*")
      let looks = marks.map { mark -> String in
        let fill = attribute("fill", of: mark) ?? ""
        guard let text = attribute("points", of: mark) else { return fill + " circle" }
        let corners = text.split(separator: " ").map {
          $0.split(separator: ",").compactMap { Double($0) }
        }
        let (cx, cy) = (
          corners.map { $0[0] }.reduce(0, +) / Double(corners.count),
          corners.map { $0[1] }.reduce(0, +) / Double(corners.count)
        )
        return fill
          + corners.map { " \(Int(($0[0] - cx).rounded())),\(Int(($0[1] - cy).rounded()))" }
          .joined()
      }
      #expect(Set(looks).count == count, "\(count) classes: points")
      #expect(Set(looks.prefix(10).map { $0.prefix(7) }).count == 10, "tab10's ten colours")
      // A region's look: its colour, or its hatching (background, lines, angle).
      let patterns = try nodes(document, "//*[local-name()='pattern']")
      var hatching: [String: String] = [:]
      for pattern in patterns {
        let children = (pattern.children ?? []).map {
          ($0.name ?? "") + (attribute("fill", of: $0) ?? "") + (attribute("stroke", of: $0) ?? "")
        }
        hatching["url(#\(attribute("id", of: pattern) ?? ""))"] =
          children.joined() + (attribute("patternTransform", of: pattern) ?? "")
      }
      let regions = try nodes(document, "//*[local-name()='g'][@class='regions']/*")
        .compactMap { attribute("fill", of: $0) }.map { hatching[$0] ?? $0 }
      #expect(Set(regions).count == count, "\(count) classes: regions")
      let legend = try texts(document).filter { $0.hasPrefix("class ") }
      #expect(legend.count == count, "every class has a legend entry")
    }
  }

  func gallery(_ count: Int) -> ImageGallery {
    ImageGallery(
      title: "Misclassified test examples", subtitle: "\(count) of 50 wrong",
      items: (0..<count).map { i in
        .init(
          image: RasterImage(
            width: 28, height: 28, channels: 1, pixels: [UInt8](repeating: UInt8(i), count: 784)),
          caption: ["actual: cat", "predicted: a very long class name"])
      })
  }

  @Test func galleryEmbedsOnePNGPerItemWithItsCaption() throws {
    let document = try parse(gallery(9).svg)
    let images = try nodes(document, "//*[local-name()='image']")
    #expect(images.count == 9)
    #expect(images.allSatisfy { attribute("href", of: $0)?.hasPrefix("data:image/png") == true })
    #expect(images.allSatisfy { attribute("width", of: $0) == "56.00" })
    let labels = try texts(document)
    #expect(labels.filter { $0 == "actual: cat" }.count == 9)
    #expect(labels.filter { $0 == "predicted: a very l…" }.count == 9)
    #expect(try nodes(parse(gallery(0).svg), "//*[local-name()='image']").isEmpty)
  }

  @Test func scatterDrawsEveryFinitePointAndTheReferenceLine() throws {
    let chart = ScatterChart(
      title: "Predicted against actual", xLabel: "actual", yLabel: "predicted",
      points: [.init(x: 1, y: 2), .init(x: 3, y: .nan), .init(x: 4, y: 3)],
      reference: (1, 0, "predicted = actual"), sameScale: true)
    let document = try parse(chart.svg)
    #expect(try nodes(document, "//*[local-name()='circle'][@class='point']").count == 2)
    let line = try #require(
      try nodes(document, "//*[local-name()='line'][@class='reference']").first)
    // y = x across the shared axis, corner to corner.
    #expect(attribute("x1", of: line) == "70.00" && attribute("y1", of: line) == "385.00")
    #expect(attribute("x2", of: line) == "490.00" && attribute("y2", of: line) == "40.00")
    #expect(try texts(document).contains("predicted = actual"))
  }

  @Test func aReportKeepsAndEmbedsThePicturesARunDrew() throws {
    let directory = try temporaryDirectory().appendingPathComponent("moons")
    defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
    try writeSampleResults(to: directory)
    let plots = directory.appendingPathComponent(ResultsFile.plots)
    try FileManager.default.createDirectory(at: plots, withIntermediateDirectories: true)
    let svg = boundary().svg
    try svg.write(
      to: plots.appendingPathComponent(ReportPicture.decisionBoundary.fileName), atomically: true,
      encoding: .utf8)
    let first = try ResultsReport.rebuild(in: directory)
    #expect(first.contains("plots/decision_boundary.svg"))
    let html = try String(
      contentsOf: directory.appendingPathComponent(ResultsFile.reportHTML), encoding: .utf8)
    #expect(html.contains("What the model learned"))
    #expect(html.contains("id=\"plot-decision_boundary.svg\""))
    let markdown = try String(
      contentsOf: directory.appendingPathComponent(ResultsFile.reportMarkdown), encoding: .utf8)
    #expect(markdown.contains("![Decision boundary](plots/decision_boundary.svg)"))
    // Rebuilding keeps the picture byte for byte and the report is identical.
    _ = try ResultsReport.rebuild(in: directory)
    #expect(
      try String(
        contentsOf: plots.appendingPathComponent("decision_boundary.svg"), encoding: .utf8) == svg)
    #expect(
      try String(
        contentsOf: directory.appendingPathComponent(ResultsFile.reportHTML), encoding: .utf8)
        == html)
  }

  /// A diverged run's parameters are what its last update left (tester N5: residuals up to
  /// 1.5e6 for targets ≤ 346): its report shows no picture drawn from them, and says why; a
  /// picture an earlier runner drew is kept in plots/ as it is. A confusion matrix an earlier
  /// runner counted from them is kept in the folder but not shown.
  @Test func aDivergedRunsReportDrawsNothingFromItsParameters() throws {
    let directory = try temporaryDirectory().appendingPathComponent("blowup")
    defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
    try writeSampleResults(to: directory)
    try
      "name,iterations,stop_reason\nblowup,2,training diverged at iteration 2: the loss became nan\n"
      .write(
        to: directory.appendingPathComponent(ResultsFile.summary), atomically: true,
        encoding: .utf8)
    let plots = directory.appendingPathComponent(ResultsFile.plots)
    try FileManager.default.createDirectory(at: plots, withIntermediateDirectories: true)
    let picture = plots.appendingPathComponent(ReportPicture.decisionBoundary.fileName)
    try boundary().svg.write(to: picture, atomically: true, encoding: .utf8)
    let matrix = directory.appendingPathComponent(ResultsFile.confusionMatrix)
    try "actual,predicted_0,predicted_1\n0,3,1\n1,0,4\n".write(
      to: matrix, atomically: true, encoding: .utf8)
    _ = try ResultsReport.rebuild(in: directory)
    let markdown = try String(
      contentsOf: directory.appendingPathComponent(ResultsFile.reportMarkdown), encoding: .utf8)
    #expect(markdown.contains("## What the model learned"))
    #expect(!markdown.contains("Confusion matrix"))
    #expect(
      !FileManager.default.fileExists(
        atPath: plots.appendingPathComponent("confusion_matrix.svg").path))
    #expect(FileManager.default.fileExists(atPath: matrix.path))
    #expect(
      markdown.contains(
        "Not drawn: training diverged, and the saved parameters (`params/`) are the diverged ones"))
    #expect(!markdown.contains("plots/decision_boundary.svg"))
    let html = try String(
      contentsOf: directory.appendingPathComponent(ResultsFile.reportHTML), encoding: .utf8)
    #expect(!html.contains("id=\"plot-decision_boundary.svg\""))
    #expect(FileManager.default.fileExists(atPath: picture.path))
  }

  @Test func picturesAreTheSameBytesEveryTime() {
    #expect(boundary(points: 40).svg == boundary(points: 40).svg)
    #expect(gallery(5).svg == gallery(5).svg)
  }
}
