import Foundation
import Pipeline
import Specs
import Testing

/// `runner data split` and `data export` list the rows the run trains and tests on when
/// `dataset.classes` orders a CSV's label names other than sorted (tester BQ-3: the run
/// stratified by the spec's class order, the listing by the sorted names, and 50 of 120 rows
/// were listed in another part than the run gave them).
@Suite struct SplitListingClassOrderTests {
  /// 40 rows of one feature, 16 labelled `yes` and 24 `no` (or the names given), interleaved.
  static func table(yes: String, no: String) -> String {
    "x,label\n"
      + (0..<40).map { i in "\(Double(i) / 10),\((i * 7) % 5 < 2 ? yes : no)" }.joined(
        separator: "\n") + "\n"
  }

  static func spec(file: String, classes: String?) -> String {
    """
    name: order
    seed: 3
    dataset:
      file: \(file)
      target: label
    \(classes.map { "  classes: \($0)\n" } ?? "")  split: {train: 0.6, test: 0.4}
    model: {type: logreg}
    optimizer: {type: gd, learning_rate: 0.5, iterations: 20}
    report: {plots: false}
    """
  }

  @Test func theListingFollowsTheSpecsClassOrder() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try Data(Self.table(yes: "yes", no: "no").utf8).write(
      to: directory.appendingPathComponent("yn.csv"))
    // The same rows with names whose sorted order is [yes, no]'s: no classes needed.
    try Data(Self.table(yes: "a_yes", no: "b_no").utf8).write(
      to: directory.appendingPathComponent("sorted.csv"))
    let ordered = try TestProject.writeSpec(
      Self.spec(file: "yn.csv", classes: "[yes, no]"), named: "ordered.yaml", in: directory)
    let reversed = try TestProject.writeSpec(
      Self.spec(file: "yn.csv", classes: "[no, yes]"), named: "reversed.yaml", in: directory)
    let sorted = try TestProject.writeSpec(
      Self.spec(file: "sorted.csv", classes: nil), named: "sorted.yaml", in: directory)
    func listing(_ spec: String) throws -> String {
      try SplitListing.run(specPath: spec).table.rendered
    }
    // The run divides `[yes, no]` as the sorted names: it trains and tests alike on both.
    let results = directory.appendingPathComponent("results")
    let a = try TestProject.run(ordered, resultsRoot: results).directory
    let b = try TestProject.run(sorted, resultsRoot: results, overrides: ["name=sorted"]).directory
    let (rowA, rowB) = (
      try TestProject.row(a, "summary.csv"), try TestProject.row(b, "summary.csv")
    )
    #expect(rowA["train_loss"] == rowB["train_loss"] && rowA["test_loss"] == rowB["test_loss"])
    // So does the listing, and the class order changes it (a stratified split per class).
    #expect(try listing(ordered) == listing(sorted))
    #expect(try listing(ordered) != listing(reversed))
  }
}
