import Testing

@testable import Conventions

/// The off-diagonal cells a report lists for a matrix too large to show whole.
@Suite struct MostConfusedTests {
  @Test func mostSamplesFirstTiesInClassOrder() throws {
    let matrix = try ConfusionMatrix(
      classes: ["a", "b", "c"], counts: [[5, 2, 3], [3, 4, 0], [0, 7, 1]])
    let cells = matrix.mostConfused(3).map { [$0.actual, $0.predicted, $0.count] }
    #expect(cells == [[2, 1, 7], [0, 2, 3], [1, 0, 3]])
    // Never a diagonal or empty cell, and no more than there are.
    #expect(matrix.mostConfused(10).count == 4)
    #expect(matrix.mostConfused(0).isEmpty)
    let perfect = try ConfusionMatrix(classes: ["a", "b"], counts: [[2, 0], [0, 3]])
    #expect(perfect.mostConfused(5).isEmpty)
  }
}
