import Testing

@testable import Engine

/// The batch-normalization backward kernel, bit for bit the formulas of its documentation in
/// both modes (results are byte-identical across changes to how the kernel loops).
@Suite struct BatchNormBackwardTests {
  @Test(arguments: [true, false])
  func backwardIsItsFormulaBitForBit(_ batch: Bool) {
    let (rows, cols) = (5, 3)
    var generator = SeededGenerator(seed: 11)
    let dy = (0..<(rows * cols)).map { _ in generator.nextNormal() }
    let h = (0..<(rows * cols)).map { _ in generator.nextNormal() }
    let gamma = (0..<cols).map { _ in 1 + generator.nextNormal() }
    let inverseStd = (0..<cols).map { _ in 0.5 + generator.nextUnit() }
    var grad = dy
    var dGamma = [Double](repeating: .nan, count: cols)
    var dBeta = [Double](repeating: .nan, count: cols)
    BatchNormKernels.backward(
      &grad, normalized: h, rows: rows, cols: cols, gamma: gamma, inverseStd: inverseStd,
      batch: batch, dGamma: &dGamma, dBeta: &dBeta)

    var expectedGamma = [Double](repeating: 0, count: cols)
    var expectedBeta = [Double](repeating: 0, count: cols)
    for i in 0..<rows {
      for j in 0..<cols {
        expectedGamma[j] += dy[i * cols + j] * h[i * cols + j]
        expectedBeta[j] += dy[i * cols + j]
      }
    }
    let m = Double(rows)
    let expected = (0..<(rows * cols)).map { k in
      let j = k % cols
      return batch
        ? gamma[j] * inverseStd[j] / m * (m * dy[k] - expectedBeta[j] - h[k] * expectedGamma[j])
        : dy[k] * gamma[j] * inverseStd[j]
    }
    #expect(grad == expected)
    #expect(dGamma == expectedGamma)
    #expect(dBeta == expectedBeta)
  }
}
