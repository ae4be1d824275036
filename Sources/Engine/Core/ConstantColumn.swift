/// When a column of numbers is constant up to rounding, the one rule standardization and exact
/// least squares share.
public enum ConstantColumn {
  /// Whether a column of `rows` values with mean `mean` and centred sum of squares
  /// `sumOfSquares` is constant up to the rounding of the two-pass variance (scikit-learn's
  /// `_is_constant_feature`: `var ≤ m·ε·var + (m·mean·ε)²`, `var = sumOfSquares / m`). Ten 0.1s
  /// have mean 0.1 − 1 ulp and a centred value of 1.4e-17 each: constant.
  public static func isConstant(sumOfSquares: Double, mean: Double, rows: Int) -> Bool {
    let m = Double(max(rows, 1))
    let v = sumOfSquares / m
    let eps = Double.ulpOfOne
    return v.isFinite && v <= m * eps * v + (m * mean * eps) * (m * mean * eps)
  }
}
