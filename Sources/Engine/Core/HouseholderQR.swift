/// Least squares `min ‖A X − B‖` by Householder QR of `A (rows, n)` without pivoting, in float64
/// and plain loops (no BLAS: the same bits on every CPU and at any thread count): the exact
/// solver's factorization (LAPACK's `dgeqr2` with `dorm2r` on `B`, then `R X = (QᵀB)₁`).
///
/// Backward stable on `A` itself, so the solution keeps about `16 − log10(cond A)` digits, where
/// the normal equations `AᵀA X = AᵀB` keep `16 − 2·log10(cond A)`. `R`'s diagonal is the
/// distance of each column from the span of the columns before it, `|r_jj|² = ‖a_j‖²·(1 − R²)`
/// of column `j` regressed on the ones before it: the rank test.
struct HouseholderQR {
  /// A column of `A` that is (nearly) in the span of the columns before it.
  struct Dependent: Error, Equatable {
    /// The 0-based column.
    var column: Int
  }

  /// `R`'s upper triangle and the reflectors below it, column-major (`rows` per column).
  private var a: [Double]
  /// `QᵀB`, column-major (`rows` per column).
  private var b: [Double]
  private let rows: Int
  private let n: Int
  private let k: Int

  /// Factors `columns` (`n` columns of `rows` values each, `rows ≥ n`) and applies the
  /// reflections to `rhs` (`k` columns of `rows` values), refusing the first column `j` with
  /// `r_jj² ≤ relativeDistance × ‖a_j‖²` (its `1 − R²` on the columns before it).
  init(
    columns: [Double], rows: Int, rhs: [Double], relativeDistance: Double
  ) throws(Dependent) {
    precondition(columns.count % max(rows, 1) == 0 && rhs.count % max(rows, 1) == 0)
    (a, b, self.rows) = (columns, rhs, rows)
    n = rows == 0 ? 0 : columns.count / rows
    k = rows == 0 ? 0 : rhs.count / rows
    precondition(rows >= n, "least squares by QR needs at least as many rows as columns")
    let norms = (0..<n).map { j in Self.sumOfSquares(a, from: j * rows, count: rows) }
    for j in 0..<n {
      let distance = reflect(column: j)
      guard distance * distance > relativeDistance * norms[j] else {
        throw Dependent(column: j)
      }
    }
  }

  /// `X (n, k)`, row-major, from `R X = (QᵀB)₁` by back substitution.
  func solution() -> [Double] {
    var x = [Double](repeating: 0, count: n * k)
    for c in 0..<k {
      for i in stride(from: n - 1, through: 0, by: -1) {
        var s = b[c * rows + i]
        for p in (i + 1)..<max(n, i + 1) { s -= a[p * rows + i] * x[p * k + c] }
        x[i * k + c] = s / a[i * rows + i]
      }
    }
    return x
  }

  /// Reflects rows `j…` of column `j` onto `β e_j` (`|β|`: the column's distance from the span of
  /// the ones before it, returned) and applies the same reflection `H = I − v vᵀ / (−β v₀)` with
  /// `v = x − β e_j` to the later columns and to `B`.
  private mutating func reflect(column j: Int) -> Double {
    let (rows, n, k) = (self.rows, self.n, self.k)
    let length = rows - j
    return a.withUnsafeMutableBufferPointer { ap in
      b.withUnsafeMutableBufferPointer { bp in
        let v = ap.baseAddress! + (j * rows + j)
        let x0 = v[0]
        let norm = Self.dot(v, v, length).squareRoot()
        guard norm > 0 else { return 0 }
        let beta = x0 >= 0 ? -norm : norm
        let v0 = x0 - beta
        // vᵀv = −2 β v₀ > 0 (β and v₀ have opposite signs), so H c = c + v (vᵀc) / (β v₀).
        let scale = 1 / (beta * v0)
        v[0] = v0
        for c in (j + 1)..<max(n, j + 1) {
          Self.reflect(ap.baseAddress! + (c * rows + j), by: v, length, scale: scale)
        }
        for c in 0..<k {
          Self.reflect(bp.baseAddress! + (c * rows + j), by: v, length, scale: scale)
        }
        v[0] = beta
        return abs(beta)
      }
    }
  }

  /// `c ← c + v (vᵀc)·scale` on `count` values.
  private static func reflect(
    _ c: UnsafeMutablePointer<Double>, by v: UnsafePointer<Double>, _ count: Int, scale: Double
  ) {
    let f = dot(v, c, count) * scale
    for i in 0..<count { c[i] += f * v[i] }
  }

  /// `Σ values[from + i]²` in a fixed order.
  private static func sumOfSquares(_ values: [Double], from: Int, count: Int) -> Double {
    values.withUnsafeBufferPointer { p in dot(p.baseAddress! + from, p.baseAddress! + from, count) }
  }

  /// `Σ a_i b_i` summed in four interleaved partial sums, then `(s0 + s1) + (s2 + s3)`: a fixed
  /// order, so the same bits everywhere.
  private static func dot(
    _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ count: Int
  ) -> Double {
    var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
    var i = 0
    while i + 4 <= count {
      s0 += a[i] * b[i]
      s1 += a[i + 1] * b[i + 1]
      s2 += a[i + 2] * b[i + 2]
      s3 += a[i + 3] * b[i + 3]
      i += 4
    }
    while i < count {
      s0 += a[i] * b[i]
      i += 1
    }
    return (s0 + s1) + (s2 + s3)
  }
}
