import Engine

/// Per-column statistics, accumulated in `Double` in a fixed order.
public enum ColumnStatistics {
  /// Each column's mean and population standard deviation (0 for a column constant up to
  /// rounding). Each column is first scaled by the power of two that brings its largest
  /// |value| into [1, 2): the squares of values near 1e-165 no longer underflow (a std of 0, the
  /// column left unscaled as constant) nor those near 1e155 overflow. Exact, and undone
  /// exactly: on data in range the statistics are the same to the bit.
  @_specialize(where T == Float) @_specialize(where T == Double)
  public static func meanAndStd<T: Scalar>(_ x: Matrix<T>) -> ([Double], [Double]) {
    let m = Double(max(x.rows, 1))
    var unit = [Double](repeating: 0, count: x.cols)
    for i in 0..<x.rows {
      for j in 0..<x.cols { unit[j] = max(unit[j], abs(x[i, j].doubleValue)) }
    }
    unit = unit.map(unitScale)
    var mean = [Double](repeating: 0, count: x.cols)
    for i in 0..<x.rows { for j in 0..<x.cols { mean[j] += x[i, j].doubleValue * unit[j] } }
    for j in 0..<x.cols { mean[j] /= m }
    var variance = [Double](repeating: 0, count: x.cols)
    for i in 0..<x.rows {
      for j in 0..<x.cols {
        let d = x[i, j].doubleValue * unit[j] - mean[j]
        variance[j] += d * d
      }
    }
    // A column constant up to rounding (`ConstantColumn`) has std 0 and is left unscaled: six
    // 0.1s have mean 0.1 − 1 ulp and std 1.4e-17, which would turn 0.2 into 7e15.
    let std = (0..<x.cols).map { j -> Double in
      ConstantColumn.isConstant(sumOfSquares: variance[j], mean: mean[j], rows: x.rows)
        ? 0 : (variance[j] / m).squareRoot() / unit[j]
    }
    return ((0..<x.cols).map { mean[$0] / unit[$0] }, std)
  }

  /// The power of two that brings `largest`, a column's largest |value|, into [1, 2) (within
  /// float64's exponents); 1 for a column of zeros or a non-finite one.
  static func unitScale(_ largest: Double) -> Double {
    guard largest.isFinite, largest > 0 else { return 1 }
    return Double(sign: .plus, exponent: min(max(-largest.exponent, -1022), 1023), significand: 1)
  }

  /// The range `min_max` divides a column by: max − min, or 1 for a column `minAndMax` found
  /// constant (its max recorded as its min).
  public static func minMaxRange(min: Double, max: Double) -> Double {
    max == min ? 1 : max - min
  }

  /// Each column's training minimum and maximum. A column constant up to rounding, whose range
  /// is at most 10·ε of the dtype `T` the model trains in times its largest |value| (2.2e-15
  /// for float64 and 1.2e-6 for float32 of values near 1; scikit-learn's `MinMaxScaler` bounds
  /// the range absolutely, which takes iris in km, 1e-7, in float32 for constant columns), gets
  /// its minimum as its maximum: it is shifted, not
  /// scaled, and `preprocessing.csv` and the inverse transform say so. 0.3 and 0.1 + 0.2 differ
  /// by 5.6e-17, a float32 0.3 and the next float32 by 3e-8: divided by that, a held-out 0.31
  /// would become 1.8e14 or 3e5.
  @_specialize(where T == Float) @_specialize(where T == Double)
  static func minAndMax<T: Scalar>(_ x: Matrix<T>) -> ([Double], [Double]) {
    var lo = [Double](repeating: .infinity, count: x.cols)
    var hi = [Double](repeating: -.infinity, count: x.cols)
    for i in 0..<x.rows {
      for j in 0..<x.cols {
        let v = x[i, j].doubleValue
        lo[j] = min(lo[j], v)
        hi[j] = max(hi[j], v)
      }
    }
    for j in 0..<x.cols
    where lo[j] <= hi[j] && hi[j] - lo[j] <= 10 * Double(T.ulpOfOne) * max(abs(lo[j]), abs(hi[j])) {
      hi[j] = lo[j]
    }
    return (lo, hi)
  }
}
