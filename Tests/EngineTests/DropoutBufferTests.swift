import Testing

@testable import Engine

/// Dropout buffers exist only where dropout runs: a training pass allocates them for its
/// dropout layers; evaluation, which never drops out, allocates none.
@Suite struct DropoutBufferTests {
  typealias F = TorchLayerOptions

  var configuration: TrainingConfiguration {
    TrainingConfiguration(
      model: .mlp(layers: TorchLayerOptionsTests.layers), loss: .crossEntropy, learningRate: 0.1,
      budget: .iterations(2), initializer: .explicit(TorchLayerOptionsTests.start), metrics: [],
      classes: 3)
  }

  var train: Examples<Double> {
    Examples(x: Matrix(rows: 8, cols: 4, storage: F.x), labels: F.labels)
  }

  @Test func theEvaluatorAllocatesNoDropoutBuffers() throws {
    let plan = try TrainingPlan(configuration, train: train)
    let evaluator = Evaluator<Double>(plan: plan, metrics: [], capacity: 8)
    var generator = SeededGenerator(seed: 0)
    let theta: [Double] = try configuration.initializer.parameters(
      plan.layout, using: &generator)
    let evaluation = evaluator.evaluate([theta], on: evaluator.prepare(train))
    #expect(evaluation.loss.isFinite)
    #expect(evaluator.forwardBackward.layersWithDropoutBuffers.isEmpty)
  }

  @Test func aTrainingPassAllocatesThemForItsDropoutLayers() throws {
    let layout = TorchLayerOptionsTests.layout
    var generator = SeededGenerator(seed: 0)
    let theta: [Double] = try configuration.initializer.parameters(layout, using: &generator)
    let fb = ForwardBackward<Double>(layout: layout, loss: .crossEntropy, l2: 0, capacity: 8)
    #expect(fb.layersWithDropoutBuffers.isEmpty)
    fb.phase.dropout = .random(SeededGenerator(seed: 1))
    theta.withUnsafeBufferPointer { tp in
      F.x.withUnsafeBufferPointer {
        fb.forward(theta: tp.baseAddress!, x: $0.baseAddress!, rows: 8)
      }
    }
    #expect(fb.layersWithDropoutBuffers == [0, 1])
  }
}
