import Engine

/// Small random problems for tests (seeded).
enum Synthetic {
  /// `x ~ N(0, 1)` of shape `(m, n)`.
  static func features(_ m: Int, _ n: Int, seed: UInt64) -> Matrix<Double> {
    var g = SeededGenerator(seed: seed)
    return Matrix(rows: m, cols: n, storage: (0..<(m * n)).map { _ in g.nextNormal() })
  }

  /// Labels `0..<k` drawn uniformly.
  static func labels(_ m: Int, classes k: Int, seed: UInt64) -> [Int] {
    var g = SeededGenerator(seed: seed)
    return (0..<m).map { _ in g.nextInt(below: k) }
  }

  /// Real targets `N(0, 1)` of shape `(m, k)`.
  static func targets(_ m: Int, _ k: Int, seed: UInt64) -> Matrix<Double> {
    features(m, k, seed: seed)
  }
}
