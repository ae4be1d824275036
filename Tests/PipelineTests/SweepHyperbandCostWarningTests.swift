import Foundation
import Testing

@testable import Pipeline

/// Hyperband over so few configurations that its brackets cost more than the full grid is
/// warned once per sweep, with the sweep's own figures, by `runner sweep` as by its dry run;
/// the brackets' rungs, each an ordinary sweep of a few trials, say nothing of their own
/// (tester AF, AF15: one warning per rung, with the rung's figures).
@Suite struct SweepHyperbandCostWarningTests {
  /// The successive-halving fixture as `method: hyperband` over two learning rates (budgets
  /// 1…9, eta 3: three brackets, each starting both configurations), written into `root`.
  static func spec(in root: URL) throws -> String {
    let text = try String(contentsOfFile: SweepHalvingTests.spec, encoding: .utf8)
      .replacingOccurrences(of: "method: successive_halving", with: "method: hyperband")
      .replacingOccurrences(
        of:
          "    optimizer.learning_rate: [0.003, 0.03, 0.3]\n    model.layers[0].units: [2, 4, 8]\n",
        with: "    optimizer.learning_rate: [0.03, 0.3]\n")
    #expect(text.contains("[0.03, 0.3]\n"))
    let spec = root.appendingPathComponent("hyperband-two.yaml")
    try text.write(to: spec, atomically: true, encoding: .utf8)
    return spec.path
  }

  @Test func theCostWarningIsSaidOnceWithTheSweepsFigures() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = try Self.spec(in: root)
    let isCostWarning = { (note: String) in note.hasPrefix("warning: hyperband over") }
    let preview = try SweepRunner.preview(
      specPath: spec, options: SweepFixture.options(root: root))
    let planned = preview.notes.filter(isCostWarning)
    #expect(planned.count == 1)
    let warning = try #require(planned.first)
    // The whole sweep's: both configurations, every bracket's epochs against the grid's 2 × 9.
    let total = preview.brackets.map(\.plan.cost).reduce(0, +)
    #expect(
      warning.hasPrefix(
        "warning: hyperband over 2 configurations trains \(total) epochs, "), "\(warning)")
    #expect(warning.contains(" of the full grid's 18 (2 × 9 epochs)"), "\(warning)")
    let lock = NSLock()
    nonisolated(unsafe) var notes: [String] = []
    let outcome = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root)) {
      event in
      if case .note(let text) = event { lock.withLock { notes.append(text) } }
    }
    #expect(outcome.best != nil)
    // Every bracket ran (each says so as it starts), and the warning came once.
    #expect(notes.filter { $0.hasPrefix("bracket ") }.count == preview.brackets.count)
    #expect(notes.filter(isCostWarning) == [warning])
  }
}
