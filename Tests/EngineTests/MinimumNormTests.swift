import Testing

@testable import Engine

/// The minimum-norm solution of a rank-deficient exact solve is scikit-learn's: the least norm of
/// the weights in the features' own units, whatever the equilibration.
@Suite struct MinimumNormTests {
  /// `x2 = 2·x1`, `y = 5·x1 + 1`: the solutions are `w1 + 2·w2 = 5`; the least `‖w‖` is
  /// `(1, 2)` (scikit-learn's `LinearRegression().fit(X, y).coef_`), not the split the
  /// equilibrated units would give; the run's own solve still refuses it.
  @Test func collinearColumnsSplitTheWeightAsScikitLearn() throws {
    let x1: [Double] = [1, 2, 3, 4, 5]
    let data = Examples(
      x: Matrix(x1.map { [$0, 2 * $0] }), y: Matrix(x1.map { [5 * $0 + 1] }))
    let solution = try LeastSquares.solution(data, l2: 0, rankDeficient: .minimumNorm)
    #expect(solution.deficientFeature == 1)
    #expect(abs(solution.theta[0] - 1) < 1e-9 && abs(solution.theta[1] - 2) < 1e-9)
    #expect(abs(solution.theta[2] - 1) < 1e-9)
    #expect(throws: TrainingError.singular(feature: 1)) {
      try LeastSquares.solve(data, l2: 0)
    }
  }

  /// Features a million apart in units, one duplicated: the least norm in their own units puts
  /// the duplicate's weight on the pair equally (numpy's `lstsq`), with the large-unit feature's
  /// weight unchanged.
  @Test func unitsDoNotTiltTheSplit() throws {
    let rows: [[Double]] = [[1e6, 0.1, 0.1], [3e6, 0.4, 0.4], [2e6, 0.2, 0.2], [5e6, 0.9, 0.9]]
    let y = rows.map { [2e-6 * $0[0] + 3 * $0[1] - 1] }
    let solution = try LeastSquares.solution(
      Examples(x: Matrix(rows), y: Matrix(y)), l2: 0, rankDeficient: .minimumNorm)
    #expect(abs(solution.theta[0] - 2e-6) < 1e-15)
    #expect(abs(solution.theta[1] - 1.5) < 1e-8 && abs(solution.theta[2] - 1.5) < 1e-8)
  }
}
