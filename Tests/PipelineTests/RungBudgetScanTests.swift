import Foundation
import Specs
import Testing

@testable import Pipeline

/// The budget a rung's trial recorded, read by a scan of its canonical spec: it must agree with
/// what `SpecWriter` writes, for epochs, iterations and a schedule's own nested keys, and with a
/// file whose lines end in CRLF.
@Suite struct RungBudgetScanTests {
  static func budget(of yaml: String, crlf: Bool = false) throws -> Int? {
    let spec = try SpecLoader.load(text: yaml, file: "t.yaml").spec
    var text = SpecWriter.canonical(spec)
    if crlf { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "runner-budget-scan-\(UUID().uuidString).yaml")
    defer { try? FileManager.default.removeItem(at: file) }
    try text.write(to: file, atomically: true, encoding: .utf8)
    return RungBudgetCheck.recordedBudget(file)
  }

  @Test func theScanReadsWhatTheCanonicalWriterWrites() throws {
    let base = "dataset: {generator: {type: moons}}\nmodel: {type: logreg}\n"
    #expect(try Self.budget(of: base + "optimizer: {type: adam, epochs: 7}\n") == 7)
    #expect(try Self.budget(of: base + "optimizer: {type: gd, iterations: 250}\n") == 250)
    let cosine = "optimizer: {type: sgd, epochs: 12, schedule: {type: cosine, t_max: 5}}\n"
    #expect(try Self.budget(of: base + cosine) == 12)
    #expect(try Self.budget(of: base + cosine, crlf: true) == 12)
    // No optimizer section written: the default budget, 100 epochs.
    #expect(try Self.budget(of: base) == 100)
  }
}
