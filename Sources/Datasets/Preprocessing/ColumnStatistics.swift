import Engine

/// Per-column statistics, accumulated in `Double` in a fixed order.
public enum ColumnStatistics {
  /// Each column's mean and population standard deviation (0 for a column constant up to
  /// rounding).
  @_specialize(where T == Float) @_specialize(where T == Double)
  public static func meanAndStd<T: Scalar>(_ x: Matrix<T>) -> ([Double], [Double]) {
    let m = Double(max(x.rows, 1))
    var mean = [Double](repeating: 0, count: x.cols)
    for i in 0..<x.rows { for j in 0..<x.cols { mean[j] += x[i, j].doubleValue } }
    for j in 0..<x.cols { mean[j] /= m }
    var variance = [Double](repeating: 0, count: x.cols)
    for i in 0..<x.rows {
      for j in 0..<x.cols {
        let d = x[i, j].doubleValue - mean[j]
        variance[j] += d * d
      }
    }
    // A column constant up to rounding (`ConstantColumn`) has std 0 and is left unscaled: six
    // 0.1s have mean 0.1 − 1 ulp and std 1.4e-17, which would turn 0.2 into 7e15.
    let std = zip(variance, mean).map { sum, mu -> Double in
      ConstantColumn.isConstant(sumOfSquares: sum, mean: mu, rows: x.rows)
        ? 0 : (sum / m).squareRoot()
    }
    return (mean, std)
  }

  /// The range `min_max` divides a column by: max − min, or 1 for a column `minAndMax` found
  /// constant (its max recorded as its min).
  public static func minMaxRange(min: Double, max: Double) -> Double {
    max == min ? 1 : max - min
  }

  /// Each column's training minimum and maximum. A column constant up to rounding, whose range
  /// is below 10·ε of the dtype `T` the model trains in (2.2e-15 for float64, 1.2e-6 for
  /// float32: scikit-learn's `MinMaxScaler`, through `_handle_zeros_in_scale`, bounds the range
  /// so, absolutely, in its data's dtype), gets its minimum as its maximum: it is shifted, not
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
    for j in 0..<x.cols where lo[j] <= hi[j] && hi[j] - lo[j] < 10 * Double(T.ulpOfOne) {
      hi[j] = lo[j]
    }
    return (lo, hi)
  }
}
