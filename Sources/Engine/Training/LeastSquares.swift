/// Exact (ridge) least squares for linear regression, in float64 whatever `T` is.
///
/// Minimizes `J = mean((x W + b − y)²) + (l2/2)‖W‖²`, the mean over the m rows and k target
/// columns, as the mse loss and every iterative solver take it. With the bias eliminated by
/// centering (`Xc = X − x̄`, `Yc = Y − ȳ`) that is `min ‖Xc W − Yc‖² + (m·k·l2/2)‖W‖²` and
/// `b = ȳ − x̄ᵀW`, solved by Householder QR of `Xc` stacked on `√(m·k·l2/2)·I` (`HouseholderQR`):
/// a feature is refused as collinear when its column is (nearly) a combination of the ones
/// before it, whatever the features' units.
enum LeastSquares {
  /// What a rank-deficient design gives: the refusal (`TrainingError.singular`, the main run:
  /// it teaches) or the minimum-norm solution (scikit-learn's `LinearRegression`, for the
  /// models refitted on resampled rows: a bootstrap round without a rare category).
  enum RankDeficiency: Sendable, Equatable {
    case refuse
    case minimumNorm
  }

  /// The flat parameters `[W (n, k), b (k)]` and, when the design was rank-deficient and the
  /// minimum-norm solution was taken, the first (0-based) feature found collinear.
  struct Solution<T: Scalar> {
    var theta: [T]
    var deficientFeature: Int?
  }

  /// The flat parameters `[W (n, k), b (k)]` of the solution; a rank-deficient design is refused.
  static func solve<T: Scalar>(_ data: Examples<T>, l2: Double) throws(TrainingError) -> [T] {
    try solution(data, l2: l2, rankDeficient: .refuse).theta
  }

  /// The solution, with a rank-deficient design refused or solved by minimum norm.
  static func solution<T: Scalar>(
    _ data: Examples<T>, l2: Double, rankDeficient: RankDeficiency
  ) throws(TrainingError) -> Solution<T> {
    let m = data.count
    let n = data.x.cols
    let k = data.y.cols
    // Centering leaves m − 1 independent rows: fewer than n makes XcᵀXc singular without L2
    // (refused; the minimum-norm solution takes it as any other rank deficiency).
    if l2 == 0 && rankDeficient == .refuse && m < LinearSolver.rowsNeeded(features: n) {
      throw .tooFewRows(rows: m, features: n)
    }
    var x = data.x.converted(to: Double.self)
    var y = data.y.converted(to: Double.self)
    // Each column and target column scaled by a power of two to a largest |value| in [1, 2)
    // before anything is summed: the means, XcᵀXc and XcᵀYc of values near 1e307 (or 1e-300)
    // no longer overflow (or underflow) into a false collinearity, NaN weights, or a constant
    // column's rounding residue taken for a feature. A column's scale is capped so that its
    // ridge term m·k·l2/2·s² stays finite. Exact, and undone exactly below: on data in range the
    // weights are the same to the bit.
    // The mse loss averages over all m·k values, so J's gradient in target column c is
    // (2/(m·k))·Xcᵀ(Xc w_c − y_c) + l2·w_c: each column's ridge term is m·k·l2/2.
    let ridge = Double(m) * Double(k) * l2 / 2
    let columnScale = (0..<n).map { j in
      Self.unitScale(
        (0..<m).reduce(0.0) { Swift.max($0, abs(x.storage[$1 * n + j])) },
        ridge: ridge)
    }
    let targetScale = (0..<k).map { j in
      Self.unitScale((0..<m).reduce(0.0) { Swift.max($0, abs(y.storage[$1 * k + j])) }, ridge: 0)
    }
    for i in 0..<m {
      for j in 0..<n { x.storage[i * n + j] *= columnScale[j] }
      for j in 0..<k { y.storage[i * k + j] *= targetScale[j] }
    }
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
    var sumOfSquares = [Double](repeating: 0, count: n)
    for i in 0..<m {
      for j in 0..<n {
        let d = xc.storage[i * n + j] - xMean[j]
        xc.storage[i * n + j] = d
        sumOfSquares[j] += d * d
      }
      for j in 0..<k { yc.storage[i * k + j] -= yMean[j] }
    }
    // A column constant up to rounding (ten 0.1s centre to 1.4e-17, not 0) is exactly
    // constant: its pivot is then 0, refused, or weight 0 by minimum norm.
    for j in 0..<n
    where sumOfSquares[j] > 0
      && ConstantColumn.isConstant(sumOfSquares: sumOfSquares[j], mean: xMean[j], rows: m)
    {
      for i in 0..<m { xc.storage[i * n + j] = 0 }
    }
    var w: Matrix<Double>
    var deficient: Int? = nil
    do {
      w = try Self.householderSolve(xc, yc, ridge: ridge, columnScale: columnScale)
    } catch {
      guard rankDeficient == .minimumNorm else { throw .singular(feature: error.column) }
      var a = xc.matmul(xc, transposeSelf: true)  // (n, n)
      let rhs = xc.matmul(yc, transposeSelf: true)  // (n, k)
      for j in 0..<n where l2 > 0 { a[j, j] += ridge * columnScale[j] * columnScale[j] }
      w = NormalEquations(a, rhs, units: columnScale).minimumNormSolve()
      deficient = error.column
    }
    var theta = [T](repeating: 0, count: n * k + k)
    for j in 0..<k {
      // In scaled units, then unscaled: b = (ȳ' − x̄'ᵀW') / q, W = P W' / q.
      var b = yMean[j]
      for i in 0..<n { b -= xMean[i] * w[i, j] }
      theta[n * k + j] = T(b / targetScale[j])
    }
    for i in 0..<n {
      for j in 0..<k { theta[i * k + j] = T(w[i, j] * columnScale[i] / targetScale[j]) }
    }
    return Solution(theta: theta, deficientFeature: deficient)
  }

  /// `W (n, k)` minimizing `‖Xc W − Yc‖² + ridge·‖P W‖²` (`P`: the columns' scales, so the
  /// ridge is the one of the unscaled weights), by Householder QR of `Xc` stacked on
  /// `√ridge·P`: the least-squares problem itself, not its normal equations, so the weights keep
  /// about `16 − log10(cond)` digits. A column whose `1 − R²` on the columns before it is at
  /// most `NormalEquations.collinearity` is refused (`HouseholderQR.Dependent`).
  static func householderSolve(
    _ xc: Matrix<Double>, _ yc: Matrix<Double>, ridge: Double, columnScale: [Double]
  ) throws(HouseholderQR.Dependent) -> Matrix<Double> {
    let (m, n, k) = (xc.rows, xc.cols, yc.cols)
    // The ridge rows, then zero rows up to n (fewer rows than columns: rank-deficient, found
    // by the rank test at its first dependent column; zero rows change no residual).
    let ridgeRows = ridge > 0 ? n : 0
    let rows = Swift.max(m + ridgeRows, n)
    var columns = [Double](repeating: 0, count: rows * n)
    var rhs = [Double](repeating: 0, count: rows * k)
    for i in 0..<m {
      for j in 0..<n { columns[j * rows + i] = xc.storage[i * n + j] }
      for c in 0..<k { rhs[c * rows + i] = yc.storage[i * k + c] }
    }
    let root = ridge.squareRoot()
    for j in 0..<ridgeRows { columns[j * rows + m + j] = root * columnScale[j] }
    let qr = try HouseholderQR(
      columns: columns, rows: rows, rhs: rhs, relativeDistance: NormalEquations.collinearity)
    return Matrix(rows: n, cols: k, storage: qr.solution())
  }

  /// The power of two that brings `largest`, a column's largest |value|, into [1, 2) (within
  /// float64's normal exponents), capped so that `ridge · s²` stays finite; 1 for a column of
  /// zeros or a non-finite one.
  static func unitScale(_ largest: Double, ridge: Double) -> Double {
    guard largest.isFinite, largest > 0 else { return 1 }
    var exponent = Swift.min(Swift.max(-largest.exponent, -1022), 1023)
    if ridge > 0 { exponent = Swift.min(exponent, (1022 - Int(ridge.exponent)) / 2) }
    return Double(sign: .plus, exponent: exponent, significand: 1)
  }
}

/// The least-squares optimum of linear regression's training objective, to tell how far a
/// gradient-descent run ended from it (the bias/variance diagnosis's convergence check).
public enum LeastSquaresOptimum {
  /// The least value of `mean((x w + b − y)²) + (l2/2)‖w‖²` over `data` (mean over rows and
  /// target columns, as the mse loss), in float64; nil when the design is singular
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
