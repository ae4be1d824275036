import Foundation
import Pipeline
import Testing

/// Labels are class indices 0 to k−1: a gap leaves outputs that never learn, which a run says.
@Suite struct EmptyClassTests {
  @Test func aClassWithNoTrainingRowIsAWarning() throws {
    let dir = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var csv = "x1,x2,label\n"
    for i in 0..<24 { csv += "\(Double(i) / 8),\(Double(i % 3)),\(i % 3 == 2 ? 4 : i % 3)\n" }
    try csv.write(to: dir.appendingPathComponent("gap.csv"), atomically: true, encoding: .utf8)
    let spec = try TestProject.writeSpec(
      """
      dataset: {file: gap.csv, target: label}
      model: {type: logreg}
      loss: cross_entropy
      optimizer: {type: gd, iterations: 5}

      """, in: dir)
    let outcome = try TestProject.run(spec, resultsRoot: dir.appendingPathComponent("results"))
    #expect(
      outcome.warnings == [
        "classes 2, 3 of 0-4 have no training rows, so their outputs never learn (labels are class indices 0 to k−1: renumber them, or check the split)"
      ])
  }
}
