import Foundation
import Testing

/// A sweep folder whose `plan.csv` was deleted or emptied is this sweep's when it holds only
/// complete trial folders of its plan and the sweep's own files: the re-run writes the plan
/// back and keeps the trials (tester B's B8: it was refused as "a folder of other runs'
/// results", naming the sweep's own trials).
@Suite(.serialized)
struct LostPlanBinaryTests {
  @Test(arguments: [false, true])
  func aSweepWhosePlanWasLostKeepsItsTrials(_ emptied: Bool) throws {
    let root = SweepBinary.temporaryDirectory("lostPlan\(emptied)")
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepBinary.fixture("linear-grid.yaml")
    let results = root.appendingPathComponent("results")
    let first = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
    #expect(first.status == 0, "\(first.error)")
    let sweep = results.appendingPathComponent("sweep-linear-grid")
    let reference = SweepBinary.contents(of: sweep)
    let plan = sweep.appendingPathComponent("plan.csv")
    if emptied {
      try Data().write(to: plan)
    } else {
      try FileManager.default.removeItem(at: plan)
    }
    let again = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
    #expect(again.status == 0, "\(again.error)")
    #expect(
      again.error.contains(
        "note: \(plan.path) \(emptied ? "is empty" : "is missing"): written again from the spec "
          + "and its seed; every trial folder there is kept"), "\(again.error)")
    #expect(again.output.contains("ran 0 trials"), "\(again.output)")
    #expect(SweepBinary.contents(of: sweep) == reference)
  }
}
