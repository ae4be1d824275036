import Engine
import Foundation

extension Generator {
  /// The generated samples for `seed`; throws for parameters out of range.
  public func generate(seed: UInt64) throws -> LabeledArrays {
    var rng = SeededGenerator(seed: SeededGenerator.derive(seed, "generator:" + name))
    let origin = "generator '\(name)' (seed \(seed))"
    func need(_ ok: Bool, _ message: String) throws {
      if !ok { throw DataError.invalidConfiguration("generator '\(name)': \(message)") }
    }
    func arrays(
      _ x: [Double], width: Int, y: [Double]?, labels: [Int64]?, names: [String],
      params: [String: [Double]] = [:]
    )
      throws -> LabeledArrays
    {
      try need(
        x.allSatisfy(\.isFinite) && y?.allSatisfy(\.isFinite) != false,
        "its values overflow to infinity or NaN; use a smaller noise, x_range, weights, bias, "
          + "coefficients or means")
      let n = width == 0 ? 0 : x.count / width
      let features = NDArray(checkedShape: [n, width], storage: .float64(x), origin: origin)
      let targets: NDArray? =
        if let y { NDArray(checkedShape: [n], storage: .float64(y), origin: origin) } else {
          labels.map { NDArray(checkedShape: [n], storage: .int64($0), origin: origin) }
        }
      return try LabeledArrays(
        features: features, targets: targets, featureNames: names, trueParameters: params)
    }
    let xNames = { (d: Int) in d == 1 ? ["x"] : (1...max(d, 1)).map { "x\($0)" } }

    switch self {
    case .linear(let n, let w, let b, let noise, let range):
      try need(
        n > 0 && !w.isEmpty && noise >= 0, "needs samples > 0, at least one weight and noise >= 0")
      var x = [Double]()
      var y = [Double]()
      for _ in 0..<n {
        var t = b
        for wk in w {
          let v = range.lowerBound + (range.upperBound - range.lowerBound) * rng.nextUnit()
          x.append(v)
          t += wk * v
        }
        y.append(t + noise * rng.nextNormal())
      }
      return try arrays(
        x, width: w.count, y: y, labels: nil, names: xNames(w.count),
        params: ["weights": w, "bias": [b]])

    case .polynomial(let n, let c, let noise, let range):
      try need(
        n > 0 && !c.isEmpty && noise >= 0,
        "needs samples > 0, at least one coefficient and noise >= 0")
      var x = [Double]()
      var y = [Double]()
      for _ in 0..<n {
        let v = range.lowerBound + (range.upperBound - range.lowerBound) * rng.nextUnit()
        let clean = c.reversed().reduce(0.0) { $0 * v + $1 }  // Horner
        x.append(v)
        y.append(clean + noise * rng.nextNormal())
      }
      return try arrays(x, width: 1, y: y, labels: nil, names: ["x"], params: ["coefficients": c])

    case .blobs(let means, let covariances, let sizes):
      try need(
        !means.isEmpty && (covariances.isEmpty || means.count == covariances.count)
          && means.count == sizes.count,
        "means, covariances and sizes need one entry per class")
      let d = means[0].count
      try need(
        d > 0 && means.allSatisfy { $0.count == d } && sizes.allSatisfy { $0 >= 0 },
        "every mean needs the same dimension and sizes must be >= 0")
      var x = [Double]()
      var labels = [Int64]()
      x.reserveCapacity(sizes.reduce(0, +) * d)
      for (c, mean) in means.enumerated() {
        let factor =
          covariances.isEmpty
          ? .diagonal([Double](repeating: 1, count: d))
          : CovarianceFactor(covariances[c], dimension: d)
        guard let factor else {
          throw DataFailure(
            .invalidConfiguration(Self.notPositiveDefinite(covariances[c], class: c)),
            at: .source(.whole, .covariance(index: c)))
        }
        for _ in 0..<sizes[c] {
          let z = (0..<d).map { _ in rng.nextNormal() }
          factor.append(mean, z, to: &x)
          labels.append(Int64(c))
        }
      }
      return try arrays(x, width: d, y: nil, labels: labels, names: xNames(d))

    case .gate(let gate, let repeats, let noise):
      try need(repeats >= 1 && noise >= 0, "needs repeats >= 1 and noise >= 0")
      var x = [Double]()
      var labels = [Int64]()
      for _ in 0..<repeats {
        for (a, b) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
          x.append(Double(a) + (noise > 0 ? noise * rng.nextNormal() : 0))
          x.append(Double(b) + (noise > 0 ? noise * rng.nextNormal() : 0))
          labels.append(Int64(gate.output(a, b)))
        }
      }
      return try arrays(x, width: 2, y: nil, labels: labels, names: ["x1", "x2"])

    case .moons(let n, let noise):
      try need(n >= 2 && noise >= 0, "needs samples >= 2 and noise >= 0")
      let outer = n / 2
      let inner = n - outer
      var x = [Double]()
      var labels = [Int64]()
      for i in 0..<outer {
        let t = Double.pi * Double(i) / Double(max(outer - 1, 1))
        x += [cos(t), sin(t)]
        labels.append(0)
      }
      for i in 0..<inner {
        let t = Double.pi * Double(i) / Double(max(inner - 1, 1))
        x += [1 - cos(t), 1 - sin(t) - 0.5]
        labels.append(1)
      }
      if noise > 0 { for k in x.indices { x[k] += noise * rng.nextNormal() } }
      return try arrays(x, width: 2, y: nil, labels: labels, names: ["x1", "x2"])

    case .circles(let n, let noise, let factor):
      try need(
        n >= 2 && noise >= 0 && factor > 0 && factor < 1,
        "needs samples >= 2, noise >= 0 and 0 < factor < 1")
      let outer = n / 2
      let inner = n - outer
      var x = [Double]()
      var labels = [Int64]()
      for i in 0..<outer {
        let t = 2 * Double.pi * Double(i) / Double(outer)
        x += [cos(t), sin(t)]
        labels.append(0)
      }
      for i in 0..<inner {
        let t = 2 * Double.pi * Double(i) / Double(inner)
        x += [factor * cos(t), factor * sin(t)]
        labels.append(1)
      }
      if noise > 0 { for k in x.indices { x[k] += noise * rng.nextNormal() } }
      return try arrays(x, width: 2, y: nil, labels: labels, names: ["x1", "x2"])

    case .spirals(let n, let classes, let noise):
      try need(
        classes >= 2 && n >= 2 * classes && noise >= 0,
        "needs classes >= 2, samples >= 2 × classes (two per arm) and noise >= 0")
      var x = [Double]()
      var labels = [Int64]()
      for c in 0..<classes {
        let arm = n / classes + (c < n % classes ? 1 : 0)
        for i in 0..<arm {
          let r = Double(i) / Double(arm - 1)
          let t = 4 * Double(c) + 4 * r + noise * rng.nextNormal()
          x += [r * sin(t), r * cos(t)]
          labels.append(Int64(c))
        }
      }
      return try arrays(x, width: 2, y: nil, labels: labels, names: ["x1", "x2"])

    case .sine(let n, let noise, let frequency, let range):
      try need(n > 0 && noise >= 0, "needs samples > 0 and noise >= 0")
      var x = [Double]()
      var y = [Double]()
      for _ in 0..<n {
        let v = range.lowerBound + (range.upperBound - range.lowerBound) * rng.nextUnit()
        x.append(v)
        y.append(sin(2 * Double.pi * frequency * v) + noise * rng.nextNormal())
      }
      return try arrays(
        x, width: 1, y: y, labels: nil, names: ["x"], params: ["frequency": [frequency]])
    }
  }
}

/// The Cholesky factor of a covariance matrix (row-major `d×d`), or nil when it is not
/// symmetric positive definite.
/// The Cholesky factor `L` of a blobs covariance (`x = mean + L·z`); a diagonal one is kept as
/// its diagonal, `√cᵢᵢ`, which is what the full factor holds there, so both draw the same bytes
/// in O(d) per row instead of O(d²) (and no O(d³) factorization).
private enum CovarianceFactor {
  case diagonal([Double])
  case lower([Double])

  /// nil unless `a` is a symmetric positive-definite `d×d` matrix.
  init?(_ a: [[Double]], dimension d: Int) {
    guard a.count == d, a.allSatisfy({ $0.count == d }) else { return nil }
    for i in 0..<d {
      for j in 0..<d where abs(a[i][j] - a[j][i]) > 1e-12 * max(1, abs(a[i][j])) { return nil }
    }
    let isDiagonal = (0..<d).allSatisfy { i in (0..<d).allSatisfy { j in i == j || a[i][j] == 0 } }
    if isDiagonal {
      guard (0..<d).allSatisfy({ a[$0][$0] > 0 }) else { return nil }
      self = .diagonal((0..<d).map { a[$0][$0].squareRoot() })
    } else {
      guard let l = try? Cholesky.factor(Matrix(a)) else { return nil }
      self = .lower(l.storage)
    }
  }

  /// Appends the row `mean + L·z` to `x`.
  func append(_ mean: [Double], _ z: [Double], to x: inout [Double]) {
    let d = mean.count
    switch self {
    case .diagonal(let s):
      for i in 0..<d { x.append(mean[i] + s[i] * z[i]) }
    case .lower(let l):
      for i in 0..<d { x.append(mean[i] + (0...i).reduce(0.0) { $0 + l[i * d + $1] * z[$1] }) }
    }
  }
}
