import Foundation
import Testing

/// `runner validate` and `runner run` on an mlp whose output layer has no `units` and whose
/// classes only the data tells (a CSV's labels): the fix-it is the count the data check asks
/// for, read from the data; without readable data, the words alone (tester BK-8, BM-2).
@Suite struct OutputUnitsFromDataTests {
  @Test func theFixItCountsTheClassesInTheFile() throws {
    let dir = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let rows = (0..<30).map { "\(Double($0) / 10),\($0 % 3)" }
    try (["x,y"] + rows).joined(separator: "\n")
      .write(to: dir.appendingPathComponent("three.csv"), atomically: true, encoding: .utf8)
    let spec = dir.appendingPathComponent("spec.yaml").path
    for (file, fixIt) in [("three.csv", "fix-it: units: 3"), ("missing.csv", nil)] {
      try """
      name: s
      dataset: {file: \(file), target: y, split: {train: 0.8, dev: 0.2}}
      model:
        type: mlp
        layers:
          - {units: 4, activation: relu}
          - activation: softmax
      loss: cross_entropy
      optimizer: {type: adam, learning_rate: 0.01, epochs: 2}

      """.write(toFile: spec, atomically: true, encoding: .utf8)
      // One answer whichever command reads the spec (tester BM-2: only validate gave it).
      let results = dir.appendingPathComponent("results").path
      for command in ["validate", "run"] {
        let r = try SweepBinary.run([command, spec, "--results-dir", results])
        #expect(r.status == 65, "\(command): \(r.error)")
        #expect(r.error.contains("model.layers[1] has no 'units'"), "\(command): \(r.error)")
        if let fixIt {
          #expect(r.error.contains(fixIt), "\(command): \(r.error)")
        } else {
          #expect(!r.error.contains("fix-it:"), "\(command): \(r.error)")
        }
      }
      #expect(!FileManager.default.fileExists(atPath: results))
    }
  }
}
