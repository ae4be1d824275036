/// The centred normal equations `A W = B` of a rank-deficient exact least-squares problem
/// (`A (n, n)` symmetric positive semi-definite, `B (n, k)`), for its minimum-norm solution (a
/// full-rank problem is solved by QR, `LeastSquares.householderSolve`), equilibrated by a
/// diagonal of powers of two:
/// `Ã = S A S`, `B̃ = S B`, `W = S W̃`, where `s_j = 2^−⌊e_j/2⌋` for `a_jj = f·2^e_j`
/// (`1 ≤ f < 2`), so that `Ã`'s diagonal lies in [1, 4).
///
/// Scaling by powers of two is exact; it makes the minimum-norm solution's eigenvalue cut
/// independent of the features' units, as the rank test is.
struct NormalEquations {
  /// The collinearity tolerance: column `j` is refused when `1 − R²` of its regression on the
  /// columns before it (`r_jj² / ‖xc_j‖²` of the QR) is at most this: its weight would then
  /// keep at most about 10 of float64's 16 digits (`−log10(1 − R²) / 2` are lost).
  static let collinearity = 1e-12

  /// `S A S`.
  let scaled: Matrix<Double>
  /// `S B`.
  let rhs: Matrix<Double>
  /// The diagonal of `S` (1 for a zero or non-finite diagonal entry).
  let scale: [Double]
  /// The powers of two the columns of `a` were already scaled by (`A = U A₀ U`): the minimum
  /// norm is taken of the weights in `A₀`'s units, `U S W̃`.
  let units: [Double]

  /// The equilibrated equations of `a (n, n)` and `b (n, k)`, whose columns are `units` times
  /// the features' own (all 1 when omitted).
  init(_ a: Matrix<Double>, _ b: Matrix<Double>, units: [Double]? = nil) {
    self.units = units ?? Array(repeating: 1, count: a.rows)
    let n = a.rows
    let scale = (0..<n).map { j -> Double in
      let d = a[j, j]
      guard d.isFinite, d > 0 else { return 1 }
      return Double(sign: .plus, exponent: -(d.exponent >> 1), significand: 1)
    }
    var scaled = a
    for i in 0..<n {
      for j in 0..<n { scaled[i, j] = a[i, j] * scale[i] * scale[j] }
    }
    var rhs = b
    for i in 0..<n {
      for c in 0..<b.cols { rhs[i, c] = b[i, c] * scale[i] }
    }
    (self.scaled, self.rhs, self.scale) = (scaled, rhs, scale)
  }

  /// The minimum-norm solution `W` (scikit-learn's `LinearRegression`, scipy's minimum-norm
  /// `lstsq`, in the features' own units), from the symmetric eigen-decomposition of `Ã`
  /// (cyclic Jacobi, a fixed order of rotations). The eigenvalues at most `4 · collinearity ×`
  /// the largest are left out: a refused column's pivot is at most `collinearity · ã_jj <
  /// 4 · collinearity` and bounds the smallest eigenvalue, while the largest is at least 1
  /// (`Ã`'s diagonal lies in [1, 4)), so at least the refused direction is. That gives the
  /// solution of least `‖W̃‖`, `W̃ₚ = Ã⁺ B̃`; the solutions are `W̃ₚ + N c` for the left-out
  /// eigenvectors `N`, and the one of least `‖W‖ = ‖S W̃‖` has `(Nᵀ S² N) c = −Nᵀ S² W̃ₚ`.
  /// A column constant on the rows gets weight 0.
  func minimumNormSolve() -> Matrix<Double> {
    let n = scaled.rows
    let (values, vectors) = SymmetricEigen.decompose(scaled)
    let largest = values.max() ?? 0
    let cut = 4 * Self.collinearity * largest
    var z = Matrix<Double>(rows: n, cols: rhs.cols)
    for e in 0..<n where values[e] > cut {
      for c in 0..<rhs.cols {
        var projection = 0.0
        for i in 0..<n { projection += vectors[i, e] * rhs[i, c] }
        let coefficient = projection / values[e]
        for i in 0..<n { z[i, c] += vectors[i, e] * coefficient }
      }
    }
    let null = (0..<n).filter { values[$0] <= cut }
    if !null.isEmpty { z = leastUnscaledNorm(z, null: null, vectors: vectors) }
    return unscaled(z)
  }

  /// `W̃ₚ + N c` with `(Nᵀ S² N) c = −Nᵀ S² W̃ₚ`: of the solutions `W̃ₚ + N c`, the one whose
  /// unscaled weights `S W̃` have the least norm (`N`: the columns `null` of `vectors`).
  private func leastUnscaledNorm(_ z: Matrix<Double>, null: [Int], vectors: Matrix<Double>)
    -> Matrix<Double>
  {
    let n = z.rows
    let squared = zip(scale, units).map { ($0 * $1) * ($0 * $1) }
    var gram = Matrix<Double>(rows: null.count, cols: null.count)
    var right = Matrix<Double>(rows: null.count, cols: z.cols)
    for (p, e) in null.enumerated() {
      for (q, f) in null.enumerated() {
        for i in 0..<n { gram[p, q] += vectors[i, e] * squared[i] * vectors[i, f] }
      }
      for c in 0..<z.cols {
        for i in 0..<n { right[p, c] -= vectors[i, e] * squared[i] * z[i, c] }
      }
    }
    // NᵀS²N is positive definite (N's columns are orthonormal and S has no zero); should
    // rounding say otherwise, the least-‖W̃‖ solution stands.
    guard let factor = try? Cholesky.factor(gram) else { return z }
    let c = Cholesky.solve(factor: factor, right)
    var corrected = z
    for (p, e) in null.enumerated() {
      for col in 0..<z.cols {
        for i in 0..<n { corrected[i, col] += vectors[i, e] * c[p, col] }
      }
    }
    return corrected
  }

  /// `S W̃`.
  private func unscaled(_ w: Matrix<Double>) -> Matrix<Double> {
    var w = w
    for i in 0..<w.rows {
      for c in 0..<w.cols { w[i, c] *= scale[i] }
    }
    return w
  }
}
