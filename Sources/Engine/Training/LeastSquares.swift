/// Exact (ridge) least squares for linear regression, in float64 whatever `T` is.
///
/// Minimizes `J = mean((x w + b − y)²) + (l2/2)‖w‖²` (mean over rows; per target column).
/// Setting the gradient to zero with the bias eliminated by centering (`Xc = X − x̄`,
/// `Yc = Y − ȳ`) gives `(XcᵀXc + (m·l2/2) I) W = XcᵀYc` and `b = ȳ − x̄ᵀW`, solved by Cholesky.
enum LeastSquares {
  /// The flat parameters `[W (n, k), b (k)]` of the solution.
  static func solve<T: Scalar>(_ data: Examples<T>, l2: Double) throws(TrainingError) -> [T] {
    let m = data.count
    let n = data.x.cols
    let k = data.y.cols
    let x = data.x.converted(to: Double.self)
    let y = data.y.converted(to: Double.self)
    var xMean = [Double](repeating: 0, count: n)
    var yMean = [Double](repeating: 0, count: k)
    for i in 0..<m {
      for j in 0..<n { xMean[j] += x.storage[i * n + j] }
      for j in 0..<k { yMean[j] += y.storage[i * k + j] }
    }
    for j in 0..<n { xMean[j] /= Double(m) }
    for j in 0..<k { yMean[j] /= Double(m) }
    var xc = x
    var yc = y
    for i in 0..<m {
      for j in 0..<n { xc.storage[i * n + j] -= xMean[j] }
      for j in 0..<k { yc.storage[i * k + j] -= yMean[j] }
    }
    var a = xc.matmul(xc, transposeSelf: true)  // (n, n)
    let rhs = xc.matmul(yc, transposeSelf: true)  // (n, k)
    for j in 0..<n { a[j, j] += Double(m) * l2 / 2 }
    let w = try choleskySolve(a, rhs)
    var theta = [T](repeating: 0, count: n * k + k)
    for i in 0..<(n * k) { theta[i] = T(w.storage[i]) }
    for j in 0..<k {
      var b = yMean[j]
      for i in 0..<n { b -= xMean[i] * w[i, j] }
      theta[n * k + j] = T(b)
    }
    return theta
  }

  /// Solves `A X = B` for symmetric positive definite `A (n, n)` and `B (n, k)`.
  static func choleskySolve(_ a: Matrix<Double>, _ b: Matrix<Double>) throws(TrainingError) -> Matrix<Double> {
    let n = a.rows
    var l = Matrix<Double>(rows: n, cols: n)
    let largest = (0..<n).map { a[$0, $0] }.max() ?? 0
    for j in 0..<n {
      var d = a[j, j]
      for p in 0..<j { d -= l[j, p] * l[j, p] }
      guard d > 1e-12 * max(largest, 1e-300) else {
        throw .singular("feature \(j + 1) is (nearly) a linear combination of the others; remove it or add l2")
      }
      let root = d.squareRoot()
      l[j, j] = root
      for i in (j + 1)..<max(n, j + 1) {
        var s = a[i, j]
        for p in 0..<j { s -= l[i, p] * l[j, p] }
        l[i, j] = s / root
      }
    }
    var x = b
    for c in 0..<b.cols {
      // L z = b, then Lᵀ x = z
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
