import Engine
import Testing

@testable import Datasets

/// SHA-256 of a generated dataset's features and targets (raw little-endian bytes).
func checksum(_ data: LabeledArrays) -> String {
  var bytes = data.features.storage.encodedBytes(bigEndian: false)
  if let targets = data.targets { bytes += targets.storage.encodedBytes(bigEndian: false) }
  return SHA256Digest.hex(bytes)
}

@Suite struct GeneratorTests {
  /// Recorded from this implementation (seed 7); a change means every generated dataset changed.
  static let cases: [(Generator, String)] = [
    (
      .linear(samples: 50, weights: [2, -1], bias: 0.5, noise: 0.1, range: -1...2),
      "b2e38f1a719f5277e384b5f436c00054be277d22f4463c0db40b91e87fa8ac4b"
    ),
    (
      .polynomial(samples: 40, coefficients: [1, 0, -2, 0.5], noise: 0.2, range: -1...1),
      "9899df4ffd11d629ab78dc38aece211538de3738c0dda08ff607d3ecba9f5ab1"
    ),
    (
      .blobs(
        means: [[3, 4], [7, 6]], covariances: [[[3, 0], [0, 1]], [[3, 0], [0, 2]]],
        sizes: [100, 200]), "d830db56d178ed418d43d6097deceb393a5534532ee82420ddf01134910f5fab"
    ),
    (
      .gate(.xor, repeats: 3, noise: 0.05),
      "817a534ddd8c8655d3480ea21a106f842c97d9f0f2ea0a7805a05cba3884d466"
    ),
    (
      .moons(samples: 100, noise: 0.1),
      "45170afe9d576af4d74e387cd72e518004a7e2028b605911c9d0f64c842bcc92"
    ),
    (
      .circles(samples: 100, noise: 0.05, factor: 0.5),
      "076167b4661cd379fdeec378f616adf47a620fed1d119d6feea11256d7cfa253"
    ),
    (
      .spirals(samples: 150, classes: 3, noise: 0.2),
      "10251a16af2176809a4cb06b72f65d8980ca3a6f53f1b041f76b0e651e341334"
    ),
    (
      .sine(samples: 30, noise: 0.1, frequency: 1, range: 0...1),
      "0b448e7a3cf36e85b5905d7e4e910f6632c1f904c230b4a97ea1064d359cef5d"
    ),
  ]

  @Test func goldenChecksumsPerGeneratorAndSeed() throws {
    for (generator, golden) in Self.cases {
      let data = try generator.generate(seed: 7)
      let sum = checksum(data)
      #expect(sum == golden, "\(generator.name): \(sum)")
      #expect(
        try checksum(generator.generate(seed: 7)) == sum, "\(generator.name) is not deterministic")
      #expect(
        try checksum(generator.generate(seed: 8)) != sum, "\(generator.name) ignores the seed")
    }
  }

  @Test func linearReportsTrueParametersThatLeastSquaresRecovers() throws {
    let data = try Generator.linear(
      samples: 2000, weights: [2, -1], bias: 0.5, noise: 0.05, range: -1...1
    ).generate(seed: 3)
    #expect(data.trueParameters == ["weights": [2, -1], "bias": [0.5]])
    // Normal equations with a bias column.
    let x = try data.features.matrix(Double.self)
    let y = try #require(data.targets).labelColumn(Double.self)
    var a = Matrix<Double>(rows: x.rows, cols: 3, repeating: 1)
    for i in 0..<x.rows {
      a[i, 1] = x[i, 0]
      a[i, 2] = x[i, 1]
    }
    let ata = a.matmul(a, transposeSelf: true)
    let aty = a.matmul(y, transposeSelf: true)
    let solution = solve3(ata, aty)
    #expect(
      abs(solution[0] - 0.5) < 0.01 && abs(solution[1] - 2) < 0.01 && abs(solution[2] + 1) < 0.01)
  }

  /// A spec's `x_range` is the interval each linear feature is drawn from uniformly (default
  /// [0, 1]), as for polynomial and sine.
  @Test func linearDrawsEachFeatureUniformlyFromTheSpecsXRange() throws {
    var spec = GeneratorSpec(kind: .linear)
    spec.samples = 4000
    spec.weights = [1, 1]
    let ranges: [([Double]?, Double, Double)] = [
      (nil, 0, 1), ([5, 6], 5, 6), ([-10, 10], -10, 10),
    ]
    for (range, low, high) in ranges {
      if let range { spec.xRange = range }
      let x = try Generator(spec).generate(seed: 1).features.matrix(Double.self)
      for j in 0..<2 {
        let column = (0..<x.rows).map { x[$0, j] }
        let mean = column.reduce(0, +) / Double(x.rows)
        #expect(column.allSatisfy { $0 >= low && $0 <= high }, "\(range ?? []) feature \(j)")
        #expect(abs(mean - (low + high) / 2) < 0.03 * (high - low), "\(range ?? []): \(mean)")
        #expect(
          column.min()! < low + 0.01 * (high - low) && column.max()! > high - 0.01 * (high - low))
      }
    }
  }

  @Test func blobsFollowTheirMeansAndSizes() throws {
    let data = try Generator.blobs(
      means: [[3, 4], [7, 6]], covariances: [[[3, 0], [0, 1]], [[3, 0], [0, 2]]],
      sizes: [1000, 2000]
    ).generate(seed: 1)
    let labels = try #require(data.targets).classIndices()
    #expect(labels.filter { $0 == 0 }.count == 1000 && labels.count == 3000)
    let x = try data.features.matrix(Double.self)
    let mean1 = (0..<1000).map { x[$0, 1] }.reduce(0, +) / 1000
    let var0 = (0..<1000).map { (x[$0, 0] - 3) * (x[$0, 0] - 3) }.reduce(0, +) / 1000
    #expect(abs(mean1 - 4) < 0.1 && abs(var0 - 3) < 0.3)
    // Not positive-definite: said at the matrix (`covariances[0]`), with the entry to lower.
    let failure = #expect(throws: DataFailure.self) {
      try Generator.blobs(means: [[0, 0]], covariances: [[[1, 2], [2, 1]]], sizes: [5]).generate(
        seed: 1)
    }
    #expect(failure?.reference == .source(.whole, .covariance(index: 0)))
  }

  /// No covariances is the identity, drawn as `mean + z`; a diagonal covariance draws
  /// `mean + √cᵢᵢ·zᵢ`, the bytes its full Cholesky factor gives, without a d×d matrix or an
  /// O(d³) factorization (a 10 000-wide blobs ran for minutes, tester N2).
  @Test func blobsWithoutOrWithDiagonalCovariancesDrawFromTheSameNormals() throws {
    let none = try Generator.blobs(means: [[0, 0]], covariances: [], sizes: [50]).generate(seed: 3)
    let identity = try Generator.blobs(
      means: [[0, 0]], covariances: [[[1, 0], [0, 1]]], sizes: [50]
    ).generate(seed: 3)
    let diagonal = try Generator.blobs(
      means: [[1, -1]], covariances: [[[4, 0], [0, 9]]], sizes: [50]
    ).generate(seed: 3)
    let z = try none.features.matrix(Double.self)
    #expect(try identity.features.matrix(Double.self).storage == z.storage)
    let x = try diagonal.features.matrix(Double.self)
    for row in 0..<50 {
      #expect(x[row, 0] == 1 + 2 * z[row, 0] && x[row, 1] == -1 + 3 * z[row, 1])
    }
    let wide = try Generator.blobs(
      means: [[Double](repeating: 0, count: 3000), [Double](repeating: 1, count: 3000)],
      covariances: [], sizes: [2, 2]
    ).generate(seed: 0)
    #expect(wide.features.shape == [4, 3000])
  }

  @Test func gatesAreTheirTruthTables() throws {
    for gate in LogicGate.allCases {
      let data = try Generator.gate(gate, repeats: 1, noise: 0).generate(seed: 0)
      #expect(data.features.storage == .float64([0, 0, 0, 1, 1, 0, 1, 1]))
      let expected: [Int64] = [(0, 0), (0, 1), (1, 0), (1, 1)].map {
        Int64(gate.output($0.0, $0.1))
      }
      #expect(data.targets?.storage == .int64(expected), "\(gate)")
    }
    #expect(
      LogicGate.xor.output(1, 1) == 0 && LogicGate.nand.output(1, 1) == 0
        && LogicGate.or.output(0, 1) == 1)
  }

  @Test func shapesAndLabels() throws {
    let spirals = try Generator.spirals(samples: 40, classes: 4, noise: 0).generate(seed: 0)
    #expect(spirals.features.shape == [40, 2])
    #expect(
      try spirals.targets!.classIndices() == (0..<4).flatMap { Array(repeating: $0, count: 10) })
    // A count that is not a multiple of the classes: the first arms get one more point, and each
    // arm still runs from radius 0 to 1.
    var spec = GeneratorSpec(kind: .spirals)
    spec.classes = 3
    let uneven = try Generator(spec).generate(seed: 0)
    try #require(uneven.features.shape == [100, 2])
    let armOf = try uneven.targets!.classIndices()
    #expect((0..<3).map { c in armOf.filter { $0 == c }.count } == [34, 33, 33])
    let points = try uneven.features.matrix(Double.self)
    let radius = { (i: Int) in
      (points[i, 0] * points[i, 0] + points[i, 1] * points[i, 1]).squareRoot()
    }
    for (first, count) in [(0, 34), (34, 33), (67, 33)] {
      for i in 0..<count { #expect(abs(radius(first + i) - Double(i) / Double(count - 1)) < 1e-12) }
    }
    #expect(throws: DataError.self) {
      try Generator.spirals(samples: 5, classes: 3, noise: 0).generate(seed: 0)
    }
    let circles = try Generator.circles(samples: 9, noise: 0, factor: 0.5).generate(seed: 0)
    let x = try circles.features.matrix(Double.self)
    for i in 0..<9 {
      let r = (x[i, 0] * x[i, 0] + x[i, 1] * x[i, 1]).squareRoot()
      #expect(abs(r - (i < 4 ? 1 : 0.5)) < 1e-12)
    }
    #expect(throws: DataError.self) { try Generator.moons(samples: 1, noise: 0).generate(seed: 0) }
  }

  /// Parameters whose samples overflow are refused when generating (so `runner validate`, which
  /// generates, refuses them too), not later when the run converts the features.
  @Test func overflowingParametersAreRefused() {
    let squares = Generator.polynomial(
      samples: 4, coefficients: [0, 0, 1], noise: 0, range: 1e200...1e201)
    #expect(throws: DataError.self) { try squares.generate(seed: 0) }
  }
}

/// Solves a 3×3 system by Gaussian elimination (test helper).
func solve3(_ a: Matrix<Double>, _ b: Matrix<Double>) -> [Double] {
  var m = (0..<3).map { i in (0..<3).map { a[i, $0] } + [b[i, 0]] }
  for c in 0..<3 {
    let p = (c..<3).max { abs(m[$0][c]) < abs(m[$1][c]) }!
    m.swapAt(c, p)
    for r in 0..<3 where r != c {
      let f = m[r][c] / m[c][c]
      for k in c..<4 { m[r][k] -= f * m[c][k] }
    }
  }
  return (0..<3).map { m[$0][3] / m[$0][$0] }
}
