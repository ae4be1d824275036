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
    // Centering leaves m − 1 independent rows: fewer than n makes XcᵀXc singular without L2.
    if l2 == 0 && m < LinearSolver.rowsNeeded(features: n) {
      throw .tooFewRows(rows: m, features: n)
    }
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

  /// Solves `A X = B` for symmetric positive definite `A (n, n)` and `B (n, k)`; a pivot below
  /// `1e-12 ×` the largest diagonal entry means collinear features.
  static func choleskySolve(_ a: Matrix<Double>, _ b: Matrix<Double>) throws(TrainingError)
    -> Matrix<Double>
  {
    let largest = (0..<a.rows).map { a[$0, $0] }.max() ?? 0
    do {
      let l = try Cholesky.factor(a, minimumPivot: 1e-12 * max(largest, 1e-300))
      return Cholesky.solve(factor: l, b)
    } catch {
      throw .singular(feature: error.column)
    }
  }
}

/// The least-squares optimum of linear regression's training objective, to tell how far a
/// gradient-descent run ended from it (the bias/variance diagnosis's convergence check).
public enum LeastSquaresOptimum {
  /// The least value of `mean((x w + b − y)²) + (l2/2)‖w‖²` over `data` (mean over rows and
  /// target columns, as the mse loss), in float64; nil when the normal equations are singular
  /// (collinear features without L2).
  public static func cost<T: Scalar>(_ data: Examples<T>, l2: Double) -> Double? {
    let wide = Examples(x: data.x.converted(to: Double.self), y: data.y.converted(to: Double.self))
    guard let theta: [Double] = try? LeastSquares.solve(wide, l2: l2) else { return nil }
    let (m, n, k) = (wide.count, wide.x.cols, wide.y.cols)
    guard m > 0, k > 0 else { return nil }
    var squares = 0.0
    for i in 0..<m {
      for j in 0..<k {
        var prediction = theta[n * k + j]
        for p in 0..<n { prediction += wide.x.storage[i * n + p] * theta[p * k + j] }
        let residual = prediction - wide.y.storage[i * k + j]
        squares += residual * residual
      }
    }
    let weights = theta[0..<(n * k)].reduce(0) { $0 + $1 * $1 }
    return squares / Double(m * k) + l2 / 2 * weights
  }
}
