import Testing

@testable import Engine

@Suite struct CholeskyTests {
  @Test func factorsAndSolvesASymmetricPositiveDefiniteSystem() throws {
    // numpy.linalg.cholesky([[4, 12, -16], [12, 37, -43], [-16, -43, 98]])
    let a = Matrix<Double>([[4, 12, -16], [12, 37, -43], [-16, -43, 98]])
    let l = try Cholesky.factor(a)
    #expect(l == Matrix<Double>([[2, 0, 0], [6, 1, 0], [-8, 5, 3]]))
    let x = Cholesky.solve(factor: l, Matrix<Double>([[1], [2], [3]]))
    let b = a.matmul(x)
    for i in 0..<3 { #expect(abs(b[i, 0] - Double(i + 1)) < 1e-9) }
  }

  @Test func aSingularMatrixNamesTheColumn() {
    let a = Matrix<Double>([[1, 2], [2, 4]])
    #expect(throws: Cholesky.NotPositiveDefinite(column: 1)) { try Cholesky.factor(a) }
  }

  @Test func aNearlyDependentColumnIsRefusedOnlyUnderTheRelativePivot() throws {
    // Column 1 is column 0 plus 1e-7 of noise: 1 − R² ≈ 1e-14, below 1e-12 but positive.
    let a = Matrix<Double>([[1, 1], [1, 1 + 1e-14]])
    _ = try Cholesky.factor(a)
    #expect(throws: Cholesky.NotPositiveDefinite(column: 1)) {
      try Cholesky.factor(a, relativePivot: 1e-12)
    }
  }
}
