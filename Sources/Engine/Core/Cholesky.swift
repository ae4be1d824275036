/// The Cholesky factorization `A = L Lᵀ` of a symmetric positive-definite matrix, and solving
/// `A X = B` with it: the one factorization of the runner (exact least squares, and the
/// covariance factors of generated Gaussian blobs).
public enum Cholesky {
  /// A pivot `d_j = a_jj − Σ_{p<j} l_jp²` that is not positive (or not above `relativePivot ×`
  /// its diagonal entry): `A` is not positive definite (or is too close to singular), first seen
  /// at `column` (0-based).
  public struct NotPositiveDefinite: Error, Sendable, Equatable {
    /// The 0-based column whose pivot was not positive (or not above `relativePivot ×` its
    /// diagonal entry).
    public var column: Int
  }

  /// The lower-triangular `L (n, n)` with `L Lᵀ = A`, reading only the lower triangle of
  /// `a (n, n)`; every pivot must be positive, and exceed `relativePivot ×` its own
  /// diagonal entry when `relativePivot` is positive (`d_j / a_jj` is `1 − R²` of column `j`
  /// regressed on the columns before it: a scale-free collinearity test).
  ///
  /// `l_jj = √(a_jj − Σ_{p<j} l_jp²)`, `l_ij = (a_ij − Σ_{p<j} l_ip l_jp) / l_jj` for `i > j`.
  public static func factor(
    _ a: Matrix<Double>, relativePivot: Double = 0
  ) throws(NotPositiveDefinite) -> Matrix<Double> {
    precondition(a.rows == a.cols, "Cholesky needs a square matrix")
    let n = a.rows
    var l = Matrix<Double>(rows: n, cols: n)
    for j in 0..<n {
      var d = a[j, j]
      for p in 0..<j { d -= l[j, p] * l[j, p] }
      guard d > 0, relativePivot <= 0 || d > relativePivot * a[j, j] else {
        throw NotPositiveDefinite(column: j)
      }
      let root = d.squareRoot()
      l[j, j] = root
      for i in (j + 1)..<max(n, j + 1) {
        var s = a[i, j]
        for p in 0..<j { s -= l[i, p] * l[j, p] }
        l[i, j] = s / root
      }
    }
    return l
  }

  /// `X (n, k)` with `L Lᵀ X = B` for the factor `l` of `factor(_:)`: `L Z = B`, then `Lᵀ X = Z`.
  public static func solve(factor l: Matrix<Double>, _ b: Matrix<Double>) -> Matrix<Double> {
    let n = l.rows
    var x = b
    for c in 0..<b.cols {
      for i in 0..<n {
        var s = x[i, c]
        for p in 0..<i { s -= l[i, p] * x[p, c] }
        x[i, c] = s / l[i, i]
      }
      for i in stride(from: n - 1, through: 0, by: -1) {
        var s = x[i, c]
        for p in (i + 1)..<max(n, i + 1) { s -= l[p, i] * x[p, c] }
        x[i, c] = s / l[i, i]
      }
    }
    return x
  }
}
