import Foundation
import Testing

@testable import Reports

/// Converged optimizers may stop a few iterations apart in another numeric environment.
@Suite struct ConvergedIterationsTests {
  /// A results folder with a summary and metrics of a run that stopped at `stop`.
  func folder(
    _ root: URL, _ name: String, stop: Int, reason: String? = nil, lastLoss: String = "0.1"
  )
    throws -> URL
  {
    let url = root.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    let summary =
      "train_loss,iterations,stop_reason\n\(lastLoss),\(stop),\(reason ?? "converged at iteration \(stop)")\n"
    try summary.write(
      to: url.appendingPathComponent("summary.csv"), atomically: true, encoding: .utf8)
    let rows = (0...stop).map { "\($0),\($0 == stop ? lastLoss : "0.\(9 - min($0, 8))")" }
    try (["iteration,train_loss"] + rows).joined(separator: "\n").appending("\n")
      .write(to: url.appendingPathComponent("metrics.csv"), atomically: true, encoding: .utf8)
    return url
  }

  func root() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent(
      "runner-conv-\(UUID().uuidString)")
  }

  @Test func convergenceAFewIterationsApartIsAllowedWithinTheTolerance() throws {
    let root = root()
    let a = try folder(root, "a", stop: 29)
    let b = try folder(root, "b", stop: 24)
    #expect(try ResultsDiff(a, b).differs)
    let allowed = try ResultsDiff(a, b, options: DiffOptions(convergedIterationTolerance: 0.25))
    #expect(!allowed.differs, "\(allowed.rendered)")
    let strict = try ResultsDiff(a, b, options: DiffOptions(convergedIterationTolerance: 0.1))
    #expect(strict.differs)
  }

  @Test func otherCellsKeepTheirTolerance() throws {
    let root = root()
    let a = try folder(root, "a", stop: 29)
    let b = try folder(root, "b", stop: 24, lastLoss: "0.2")
    let diff = try ResultsDiff(a, b, options: DiffOptions(convergedIterationTolerance: 0.25))
    #expect(diff.differs)
    let summary = try #require(diff.files.first { $0.name == "summary.csv" })
    #expect(summary.changes.map(\.column) == ["train_loss"])
  }

  @Test func runsThatDidNotConvergeGetNoAllowance() throws {
    let root = root()
    let a = try folder(root, "a", stop: 29, reason: "completed")
    let b = try folder(root, "b", stop: 24, reason: "completed")
    let diff = try ResultsDiff(a, b, options: DiffOptions(convergedIterationTolerance: 0.25))
    #expect(diff.differs)
    #expect(diff.files.first { $0.name == "metrics.csv" }?.missingRows.count == 5)
  }
}
