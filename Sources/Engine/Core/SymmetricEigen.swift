/// The eigen-decomposition of a symmetric matrix by the cyclic Jacobi method: pure loops in a
/// fixed order, so the same matrix gives the same bits on every machine with IEEE float64 (the
/// exact solver's normal matrix itself comes from BLAS, under the kernel the runner pins).
enum SymmetricEigen {
  /// The eigenvalues of symmetric `a (n, n)` and the orthonormal eigenvectors as the columns of
  /// the second matrix (`A = V diag(λ) Vᵀ`); at most 60 sweeps, ending when the off-diagonal
  /// part is negligible (its sum of squares at most 1e-32 × the diagonal's).
  static func decompose(_ a: Matrix<Double>) -> (values: [Double], vectors: Matrix<Double>) {
    let n = a.rows
    var a = a
    var v = Matrix<Double>(rows: n, cols: n)
    for i in 0..<n { v[i, i] = 1 }
    for _ in 0..<60 {
      var off = 0.0
      var diagonal = 0.0
      for p in 0..<n {
        diagonal += a[p, p] * a[p, p]
        for q in (p + 1)..<max(n, p + 1) { off += a[p, q] * a[p, q] }
      }
      if off <= 1e-32 * diagonal { break }
      for p in 0..<n {
        for q in (p + 1)..<max(n, p + 1) where a[p, q] != 0 {
          rotate(&a, &v, p, q)
        }
      }
    }
    return ((0..<n).map { a[$0, $0] }, v)
  }

  /// The Jacobi rotation that zeroes `a[p, q]` (Numerical Recipes' stable form), applied to
  /// `a` on both sides and to the columns `p`, `q` of `v`.
  private static func rotate(
    _ a: inout Matrix<Double>, _ v: inout Matrix<Double>, _ p: Int, _ q: Int
  ) {
    let n = a.rows
    let apq = a[p, q]
    let theta = (a[q, q] - a[p, p]) / (2 * apq)
    let t: Double
    if theta.magnitude > 1e150 {
      t = 1 / (2 * theta)
    } else {
      let root = (theta * theta + 1).squareRoot()
      t = theta >= 0 ? 1 / (theta + root) : -1 / (-theta + root)
    }
    let c = 1 / (t * t + 1).squareRoot()
    let s = t * c
    a[p, p] -= t * apq
    a[q, q] += t * apq
    a[p, q] = 0
    a[q, p] = 0
    for r in 0..<n where r != p && r != q {
      let arp = a[r, p]
      let arq = a[r, q]
      a[r, p] = c * arp - s * arq
      a[p, r] = a[r, p]
      a[r, q] = c * arq + s * arp
      a[q, r] = a[r, q]
    }
    for r in 0..<n {
      let vrp = v[r, p]
      let vrq = v[r, q]
      v[r, p] = c * vrp - s * vrq
      v[r, q] = s * vrp + c * vrq
    }
  }
}
