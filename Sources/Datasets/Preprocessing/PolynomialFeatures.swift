import Engine

/// Polynomial feature expansion in scikit-learn's order.
enum PolynomialFeatures {
  /// The index tuples (non-decreasing) of every monomial of degree 1...`degree` over `n` features.
  static func terms(features n: Int, degree: Int) -> [[Int]] {
    var all: [[Int]] = []
    var current: [[Int]] = (0..<n).map { [$0] }
    for d in 1...degree {
      if d > 1 { current = current.flatMap { t in (t.last!..<n).map { t + [$0] } } }
      all += current
    }
    return all
  }

  /// Number of monomials of degree 1...`degree` over `n` features: C(n + d, d) − 1, or nil
  /// when it exceeds `limit`.
  static func termCount(features n: Int, degree d: Int, limit: Int) -> Int? {
    var c = 1  // C(n + k, k), built up k = 1...d
    for k in 1...max(d, 1) {
      let (p, overflow) = c.multipliedReportingOverflow(by: n + k)
      if overflow { return nil }
      c = p / k
      if c - 1 > limit { return nil }
    }
    return c - 1
  }

  /// The largest number of output columns `expand` produces.
  static let maximumColumns = 100_000

  @_specialize(where T == Float) @_specialize(where T == Double)
  static func expand<T: Scalar>(_ x: Matrix<T>, degree: Int) throws -> Matrix<T> {
    guard termCount(features: x.cols, degree: degree, limit: maximumColumns) != nil else {
      throw DataError.invalidConfiguration(
        "polynomial degree \(degree) on \(x.cols) features gives more than \(maximumColumns) columns; "
          + "lower the degree or reduce the features first")
    }
    let terms = terms(features: x.cols, degree: degree)
    var out = Matrix<T>(rows: x.rows, cols: terms.count)
    for i in 0..<x.rows {
      for (k, t) in terms.enumerated() {
        var v = T(1)
        for j in t { v *= x[i, j] }
        out[i, k] = v
      }
    }
    return out
  }
}

extension PolynomialFeatures {
  /// The names of `expand`'s columns from its input columns' names, as scikit-learn's
  /// `get_feature_names_out` writes them: `x`, `x^2`, `x y`.
  static func names(_ names: [String], degree: Int) -> [String] {
    terms(features: names.count, degree: degree).map { term in
      Dictionary(grouping: term, by: { $0 }).sorted { $0.key < $1.key }.map { j, powers in
        powers.count == 1 ? names[j] : "\(names[j])^\(powers.count)"
      }.joined(separator: " ")
    }
  }
}
