import Foundation
import Reports
import Testing

@testable import Pipeline

/// A sweep's version (which MLflow parent its trials go under) is not changed by the `seed` row
/// `sweep.csv` records since tester BM-12: a folder of an earlier runner, resumed by this one,
/// keeps its parent.
struct MLflowSweepVersionTests {
  @Test func sweepCSVsSeedRowLeavesTheVersionAlone() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    try "trial,x\nabc,1\n".write(
      to: folder.appendingPathComponent(ResultsFile.plan), atomically: true, encoding: .utf8)
    var settings = SweepSettings(objective: "dev_loss", goal: "min", axisForms: [("x", "values")])
    let file = folder.appendingPathComponent(ResultsFile.sweepSettings)
    try settings.table.rendered.write(to: file, atomically: true, encoding: .utf8)
    let earlier = MLflowExport.version(of: folder)
    settings.seed = "21"
    try settings.table.rendered.write(to: file, atomically: true, encoding: .utf8)
    #expect(MLflowExport.version(of: folder) == earlier)
    // Another objective is another version.
    settings.goal = "max"
    try settings.table.rendered.write(to: file, atomically: true, encoding: .utf8)
    #expect(MLflowExport.version(of: folder) != earlier)
  }
}
