import Testing

@testable import Specs

/// The refusal of L1 with lbfgs names the optimizers that take it, from `OptimizerKind.l1Step`
/// (it said "use gd or sgd" after every first-order rule had come to take L1).
@Suite struct L1RefusalNoteTests {
  @Test func theNoteListsEveryOptimizerThatTakesL1() throws {
    let rendered = failure(
      "dataset: {name: breast_cancer}\nmodel: {type: logreg}\n"
        + "optimizer: {type: lbfgs, iterations: 100}\nregularization: {l1: 0.01}")
    let names = OptimizerKind.takingL1.map(\.rawValue)
    #expect(names.count == OptimizerKind.allCases.count - 1 && !names.contains("lbfgs"))
    #expect(
      rendered.contains(
        "note: use an optimizer that takes L1 (\(names.joined(separator: ", "))), or L2 only "
          + "with lbfgs"), "\(rendered)")
  }
}
