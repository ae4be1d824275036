import Testing

@testable import Engine

/// A trained network's predictions (`Network.predict`, batch normalization with the running
/// statistics) are bit for bit the evaluation pass of the training path, and torch's.
@Suite struct BatchNormPredictionTests {
  typealias F = TorchLayerOptions

  /// θ after one training pass (running statistics moved off 0 and 1), and the outputs of the
  /// evaluation pass at that θ through `ForwardBackward`.
  func trainedThenEvaluated<T: Scalar>(_: T.Type) throws -> (theta: [T], outputs: [T]) {
    let layout = TorchLayerOptionsTests.layout
    var generator = SeededGenerator(seed: 0)
    var theta: [T] = try Initializer.explicit(TorchLayerOptionsTests.start).parameters(
      layout, using: &generator)
    let fb = ForwardBackward<T>(layout: layout, loss: .crossEntropy, l2: 0, capacity: 8)
    let x = F.x.map { T($0) }
    let y = F.labels.map { T(Double($0)) }
    var grad = [T](repeating: 0, count: layout.count)
    let masks = [F.mask1.map { T($0) }, F.mask2.map { T($0) }, []]
    for phase in [
      ForwardBackward<T>.Phase(
        batchStatistics: true, updatesRunningStatistics: true, dropout: .fixed(masks)),
      .init(),
    ] {
      fb.phase = phase
      _ = x.withUnsafeBufferPointer { xp in
        y.withUnsafeBufferPointer { yp in
          theta.withUnsafeMutableBufferPointer { tp in
            grad.withUnsafeMutableBufferPointer { gp in
              fb.lossAndGradient(
                theta: tp.baseAddress!, x: xp.baseAddress!, y: yp.baseAddress!, rows: 8,
                scale: T(1.0 / 8), backward: .gradient(gp.baseAddress!))
            }
          }
        }
      }
    }
    return (theta, fb.withOutputs { Array(UnsafeBufferPointer(start: $0, count: 24)) })
  }

  @Test func predictionsAreTheEvaluationPassBitForBit() throws {
    let (theta, outputs) = try trainedThenEvaluated(Double.self)
    let network = TorchLayerOptionsTests.layout.network(theta)
    let predicted = try network.predict(Matrix(rows: 8, cols: 4, storage: F.x))
    #expect(predicted.storage == outputs)
    let torch = try #require(F.passes["eval"])
    TorchLayerOptionsTests.expectClose(predicted.storage, torch.outputs, "torch eval outputs")

    let (thetaF, outputsF) = try trainedThenEvaluated(Float.self)
    let networkF = TorchLayerOptionsTests.layout.network(thetaF)
    let predictedF = try networkF.predict(Matrix(rows: 8, cols: 4, storage: F.x.map(Float.init)))
    #expect(predictedF.storage == outputsF)
  }
}
