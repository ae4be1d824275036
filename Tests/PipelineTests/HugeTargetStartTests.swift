import Foundation
import Testing

@testable import Pipeline

/// Tester AW's F10 d: gradient descent on targets near 1e307 stopped with "the loss of the
/// initial parameters is inf … scale or standardize the features and targets", not saying that
/// the target column, not the features, was at fault. The help names the column and its value.
@Suite struct HugeTargetStartTests {
  @Test func aTargetTooLargeForTheLossIsNamed() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let rows = (0..<12).map { i in "\(Double(i) / 4),\(Double(i % 3) - 1),\(Double(i + 1) * 1e306)"
    }
    try (["x1,x2,yy"] + rows).joined(separator: "\n").write(
      to: directory.appendingPathComponent("big.csv"), atomically: true, encoding: .utf8)
    let spec = try TestProject.writeSpec(
      """
      name: big
      dataset: {file: big.csv, target: yy}
      model: {type: linreg}
      optimizer: {type: gd, learning_rate: 0.1, iterations: 5}
      """, in: directory)
    let error = #expect(throws: PipelineError.self) {
      try TestProject.run(spec, resultsRoot: directory.appendingPathComponent("results"))
    }
    guard case .diverged(let divergence, _, _, _, _) = error else {
      Issue.record("expected a divergence, got \(String(describing: error))")
      return
    }
    #expect(divergence.atStart)
    let text = error?.description ?? ""
    #expect(text.contains("help: the target 'yy' reaches "), "\(text)")
    #expect(
      text.contains(
        "e+30"), "\(text)")
    #expect(
      text.contains(
        ", whose square is beyond float64 in the loss: rescale the target column (divide it by "
          + "a power of ten)"), "\(text)")
  }
}
