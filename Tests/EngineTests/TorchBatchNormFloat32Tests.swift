import Testing

@testable import Engine

/// Float32 batch normalization on an ill-conditioned batch (two rows whose variance is of the
/// order of eps) against torch.nn.functional.batch_norm, from the committed output of
/// `scripts/reference/engine/batch_norm_float32_torch.py`: one training-mode forward, the running
/// statistics' update and the backward pass. Each float32 result is within one float32 rounding
/// (2⁻²⁴, relative to max(1, |value|)) of torch's float64 answer on the same inputs, and the
/// gradients are within 1e-7 of torch's own float32 ones. (torch's float32 `y` is not a
/// reference: it computes `u·α + β` with `α = γ/σ`, losing digits as |μ|/σ grows.)
@Suite struct TorchBatchNormFloat32Tests {
  typealias F = TorchBatchNormFloat32

  /// The largest `|a − b| / max(1, |b|)`.
  static func deviation(_ a: [Float], _ b: [Double]) -> Double {
    zip(a, b).map { abs(Double($0) - $1) / max(1, abs($1)) }.max() ?? .infinity
  }

  @Test func forwardAndBackwardAreWithinOneRoundingOfTorchFloat64() {
    let (rows, cols) = (F.rows, F.cols)
    var y = F.u
    var normalized = [Float](repeating: .nan, count: rows * cols)
    var statistics = [Float](repeating: .nan, count: 3 * cols)
    statistics.withUnsafeMutableBufferPointer { s in
      let s = s.baseAddress!
      BatchNormKernels.forwardTraining(
        &y, normalized: &normalized, rows: rows, cols: cols, gamma: F.gamma, beta: F.beta,
        eps: F.eps, mean: s, variance: s + cols, inverseStd: s + 2 * cols)
    }
    var runningMean = [Float](repeating: 0, count: cols)
    var runningVar = [Float](repeating: 1, count: cols)
    BatchNormKernels.updateRunning(
      runningMean: &runningMean, runningVar: &runningVar, mean: statistics,
      variance: Array(statistics[cols...]), cols: cols, rows: rows, momentum: F.momentum)
    var du = F.dy
    var dGamma = [Float](repeating: .nan, count: cols)
    var dBeta = [Float](repeating: .nan, count: cols)
    BatchNormKernels.backward(
      &du, normalized: normalized, rows: rows, cols: cols, gamma: F.gamma,
      inverseStd: Array(statistics[(2 * cols)...]), batch: true, dGamma: &dGamma, dBeta: &dBeta)

    let rounding = 0x1p-24
    let exact: [(String, [Float], [Double])] = [
      ("y", y, F.Float64.y), ("du", du, F.Float64.du), ("dγ", dGamma, F.Float64.dGamma),
      ("dβ", dBeta, F.Float64.dBeta), ("running mean", runningMean, F.Float64.runningMean),
      ("running variance", runningVar, F.Float64.runningVar),
    ]
    for (name, ours, torch) in exact {
      let d = Self.deviation(ours, torch)
      #expect(d <= rounding, "\(name): \(d) from torch float64")
    }
    let float32: [(String, [Float], [Double])] = [
      ("du", du, F.Float32.du), ("dγ", dGamma, F.Float32.dGamma), ("dβ", dBeta, F.Float32.dBeta),
    ]
    for (name, ours, torch) in float32 {
      let d = Self.deviation(ours, torch)
      #expect(d <= 1e-7, "\(name): \(d) from torch float32")
    }
  }
}
