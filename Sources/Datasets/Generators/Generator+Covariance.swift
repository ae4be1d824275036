import Engine
import Foundation

extension Generator {
  /// Why blobs' covariance matrix of class `c` is not a symmetric positive-definite one, and
  /// what to change: the first off-diagonal entry not below √(a_ii·a_jj) (a correlation beyond
  /// ±1), else the row where its Cholesky factor fails. The first line is the error, the rest
  /// its note.
  static func notPositiveDefinite(_ a: [[Double]], class c: Int) -> String {
    let d = a.count
    let key = "dataset.generator.covariances[\(c)]"
    func g(_ value: Double) -> String { String(format: "%g", value) }
    guard a.allSatisfy({ $0.count == d }),
      (0..<d).allSatisfy({ i in (0..<d).allSatisfy { a[i][$0] == a[$0][i] } && a[i][i] > 0 })
    else { return "\(key) must be a symmetric \(d)×\(d) matrix with a positive diagonal" }
    let column: Int
    do {
      _ = try Cholesky.factor(Matrix(a))
      column = d - 1
    } catch {
      column = error.column
    }
    let headline =
      "\(key) is not positive-definite: its Cholesky factor fails at row \(column + 1) of \(d)"
    for i in 0..<d {
      for j in (i + 1)..<max(d, i + 1) where abs(a[i][j]) >= (a[i][i] * a[j][j]).squareRoot() {
        let (v, w) = (g(a[i][i]), g(a[j][j]))
        let bound = g((a[i][i] * a[j][j]).squareRoot())
        return headline + "\n\(key)[\(i)][\(j)] is \(g(a[i][j])), and |c\(i)\(j)| must "
          + "be below √(c\(i)\(i)·c\(j)\(j)) = √(\(v)·\(w)) = \(bound): lower it, or raise the variances"
      }
    }
    return headline
      + "\nlower its off-diagonal entries (or raise the diagonal) until every eigenvalue is "
      + "above 0: the correlations they make are not consistent with each other"
  }
}
