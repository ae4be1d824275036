import Testing

@testable import Engine

/// A NaN reaching an activation stays NaN (as torch's activations), so it reaches the loss and
/// the divergence check; every other input, ±0 and ±inf included, gives the same bits as the
/// activation's comparison-based definition.
@Suite struct ActivationNaNTests {
  static let activations: [Activation] = [
    .identity, .step, .sigmoid, .tanh, .relu, .leakyRelu(slope: 0.01), .leakyRelu(slope: -0.5),
    .leakyRelu(slope: 0), .softmax,
  ]

  /// Finite and infinite inputs, signed zeros and subnormals.
  static func inputs<T: Scalar>(_: T.Type) -> [T] {
    [
      -.infinity, -.greatestFiniteMagnitude, -2.5, -1, -.leastNonzeroMagnitude, -0.0, 0,
      .leastNonzeroMagnitude, 1e-3, 1, 2.5, .greatestFiniteMagnitude, .infinity,
    ]
  }

  func forward<T: Scalar>(_ f: Activation, _ z: [T], cols: Int? = nil) -> [T] {
    var a = z
    z.withUnsafeBufferPointer { zp in
      a.withUnsafeMutableBufferPointer {
        f.forward(
          zp.baseAddress!, $0.baseAddress!, rows: z.count / (cols ?? z.count),
          cols: cols ?? z.count)
      }
    }
    return a
  }

  func backward<T: Scalar>(_ f: Activation, z: [T], da: [T], cols: Int? = nil) -> [T] {
    let a = forward(f, z, cols: cols)
    var grad = da
    z.withUnsafeBufferPointer { zp in
      a.withUnsafeBufferPointer { ap in
        grad.withUnsafeMutableBufferPointer {
          f.backward(
            z: zp.baseAddress!, a: ap.baseAddress!, grad: $0.baseAddress!,
            rows: z.count / (cols ?? z.count), cols: cols ?? z.count)
        }
      }
    }
    return grad
  }

  /// The rectifiers as first written (`z > 0 ? … : …`), the reference for non-NaN inputs.
  func comparisonDefinition<T: Scalar>(_ f: Activation, _ z: T) -> T? {
    switch f {
    case .step: z > 0 ? 1 : 0
    case .relu: z > 0 ? z : 0
    case .leakyRelu(let s): z > 0 ? z : (s == 0 ? 0 : T(s) * z)
    default: nil
    }
  }

  func forwardKeepsNaN<T: Scalar>(_: T.Type) {
    for f in Self.activations {
      let z: [T] = [1, .nan, -1]
      let a = forward(f, z, cols: 3)
      if f == .softmax {
        #expect(a.allSatisfy { $0.isNaN }, "\(f) of a row holding NaN (\(T.self))")
      } else {
        #expect(a[1].isNaN, "\(f)(NaN) (\(T.self))")
        #expect(!a[0].isNaN && !a[2].isNaN, "\(f) of the finite neighbours (\(T.self))")
      }
    }
  }

  @Test func nanInputGivesNaNForEveryActivation() {
    forwardKeepsNaN(Float.self)
    forwardKeepsNaN(Double.self)
  }

  func finiteResultsUnchanged<T: Scalar>(_: T.Type) {
    let z = Self.inputs(T.self)
    for f in Self.activations {
      guard case .some = comparisonDefinition(f, T(0)) else { continue }
      let a = forward(f, z)
      for (zi, ai) in zip(z, a) {
        let expected = comparisonDefinition(f, zi)!
        #expect(
          ai.doubleValue.bitPattern == expected.doubleValue.bitPattern,
          "\(f)(\(zi)) = \(ai), expected \(expected) (\(T.self))")
      }
    }
    // ReLU of −0 is +0 (the sign bit cleared), as before.
    #expect(forward(.relu, [T(-0.0)])[0].sign == .plus)
  }

  @Test func finiteResultsAreTheComparisonDefinitionBitForBit() {
    finiteResultsUnchanged(Float.self)
    finiteResultsUnchanged(Double.self)
  }

  /// The fused bias-and-rectifier pass (layers without batch norm) is the two passes in turn.
  func fusedMatchesUnfused<T: Scalar>(_: T.Type) {
    let values = Self.inputs(T.self) + [.nan]
    let cols = values.count
    let bias: [T] = (0..<cols).map { $0 % 3 == 0 ? .nan : T($0 % 3) - 1 }
    for slope in [0, 0.01, -0.5] as [T] {
      var fused = values + values
      var unfused = fused
      bias.withUnsafeBufferPointer { b in
        fused.withUnsafeMutableBufferPointer {
          ActivationKernels.addBiasLeakyRelu(
            b.baseAddress!, $0.baseAddress!, rows: 2, cols: cols, slope: slope)
        }
        unfused.withUnsafeMutableBufferPointer {
          Kernels.addRowVector(b.baseAddress!, $0.baseAddress!, rows: 2, cols: cols)
          ActivationKernels.leakyRelu(
            $0.baseAddress!, $0.baseAddress!, count: 2 * cols, slope: slope)
        }
      }
      for (f, u) in zip(fused, unfused) {
        #expect(
          f.doubleValue.bitPattern == u.doubleValue.bitPattern || (f.isNaN && u.isNaN),
          "slope \(slope) (\(T.self))")
      }
      let sums = zip(values, bias).map { $0 + $1 }
      for (s, f) in zip(sums, fused) where s.isNaN {
        #expect(f.isNaN, "fused rectifier of a NaN sum (slope \(slope), \(T.self))")
      }
    }
  }

  @Test func fusedBiasRectifierKeepsNaN() {
    fusedMatchesUnfused(Float.self)
    fusedMatchesUnfused(Double.self)
  }

  /// Backward at a NaN: NaN where torch gives NaN (sigmoid, tanh, softmax: their derivatives
  /// use the NaN output); torch's rectifier rules otherwise (relu's threshold_backward passes
  /// `da`, leaky_relu_backward scales it by the slope).
  func backwardAtNaN<T: Scalar>(_: T.Type) {
    for f in [Activation.sigmoid, .tanh] {
      #expect(backward(f, z: [.nan], da: [1])[0].isNaN, "\(f)' at NaN (\(T.self))")
    }
    #expect(backward(.softmax, z: [1, .nan, 0], da: [1, 2, 3], cols: 3).allSatisfy { $0.isNaN })
    #expect(backward(.relu, z: [.nan, -1, 0, 2], da: [3, 3, 3, 3]) == [3, 0, 0, 3])
    #expect(backward(.leakyRelu(slope: 0.5), z: [.nan, -1, 2], da: [4, 4, 4]) == [2, 2, 4])
    #expect(backward(.relu, z: [1], da: [.nan])[0].isNaN, "a NaN gradient passes relu")
  }

  @Test func backwardAtNaNFollowsTorch() {
    backwardAtNaN(Float.self)
    backwardAtNaN(Double.self)
  }

  /// A negative running variance (an impossible saved value) makes batch norm's evaluation NaN,
  /// and the ReLU after it no longer turns that into 0: the network's outputs are NaN.
  func negativeRunningVarianceReachesOutputs<T: Scalar>(_: T.Type) throws {
    let hidden = DenseLayer<T>(
      weights: Matrix(rows: 2, cols: 2, storage: [1, 0, 0, 1]), bias: [0, 0], activation: .relu,
      normalization: BatchNormalization(
        gamma: [1, 1], beta: [0, 0], runningMean: [0, 0], runningVar: [-1, 1], eps: 1e-5))
    let output = DenseLayer<T>(
      weights: Matrix(rows: 2, cols: 3, storage: [1, 2, 3, 4, 5, 6]), bias: [0, 0, 0],
      activation: .softmax)
    let predicted = try Network(layers: [hidden, output]).predict(
      Matrix(rows: 2, cols: 2, storage: [0.5, -0.5, -2, 3]))
    #expect(predicted.storage.allSatisfy { $0.isNaN }, "\(predicted.storage) (\(T.self))")
  }

  @Test func negativeRunningVarianceIsNaNNotChance() throws {
    try negativeRunningVarianceReachesOutputs(Float.self)
    try negativeRunningVarianceReachesOutputs(Double.self)
  }

  func softThresholdKeepsNaN<T: Scalar>(_: T.Type) {
    var w: [T] = [.nan, 0.05, -0.05, 0.3, -0.3, -0.0]
    w.withUnsafeMutableBufferPointer {
      Kernels.softThreshold($0.baseAddress!, count: $0.count, threshold: 0.1)
    }
    #expect(w[0].isNaN, "soft-thresholding a NaN weight (\(T.self))")
    #expect(Array(w.dropFirst()) == [0, 0, T(0.3) - T(0.1), T(-0.3) + T(0.1), 0])
  }

  @Test func softThresholdingKeepsNaN() {
    softThresholdKeepsNaN(Float.self)
    softThresholdKeepsNaN(Double.self)
  }
}
