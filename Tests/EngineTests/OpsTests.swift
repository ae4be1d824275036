import Conventions
import Testing

@testable import Engine

/// Forward values of activations and losses, stability at extreme inputs, and metrics.
@Suite struct OpsTests {
  func forward(_ f: Activation, _ z: [Double], cols: Int? = nil) -> [Double] {
    var a = z
    z.withUnsafeBufferPointer { zp in
      a.withUnsafeMutableBufferPointer {
        f.forward(
          zp.baseAddress!, $0.baseAddress!, rows: z.count / (cols ?? z.count), cols: cols ?? z.count
        )
      }
    }
    return a
  }

  @Test func activationValues() {
    #expect(forward(.sigmoid, [0, 800, -800]) == [0.5, 1, 0])
    #expect(forward(.relu, [-1, 0, 2]) == [0, 0, 2])
    #expect(forward(.leakyRelu(slope: 0.01), [-1, 2]) == [-0.01, 2])
    #expect(forward(.step, [-0.1, 0, 0.1]) == [0, 0, 1])
    #expect(abs(forward(.tanh, [0.5])[0] - 0.46211715726000974) < 1e-15)
    let s = forward(.softmax, [1000, 1000, 999, 1, 2, 3], cols: 3)
    #expect(s.allSatisfy { $0.isFinite })
    #expect(abs(s[0] - s[1]) < 1e-15 && abs(s[0] + s[1] + s[2] - 1) < 1e-15)
    #expect(abs(s[5] - 0.6652409557748219) < 1e-15)
  }

  func loss(_ l: Loss, z: [Double], y: [Double], cols: Int = 1, activation: Activation = .identity)
    -> Double
  {
    let a = forward(activation, z, cols: cols)
    return z.withUnsafeBufferPointer { zp in
      a.withUnsafeBufferPointer { ap in
        y.withUnsafeBufferPointer { yp in
          l.evaluate(
            z: zp.baseAddress!, a: ap.baseAddress!, y: yp.baseAddress!, rows: z.count / cols,
            cols: cols,
            activation: activation, dz: nil, scale: 1)
        }
      }
    } / Double(l.normalizer(rows: z.count / cols, cols: cols))
  }

  @Test func lossValues() {
    #expect(loss(.mse, z: [1, 3], y: [0, 0]) == 5)
    #expect(loss(.mae, z: [1, -3], y: [0, 0]) == 2)
    #expect(loss(.huber(delta: 1), z: [0.5, 3], y: [0, 0]) == (0.125 + 2.5) / 2)
    // bce from logits equals the naive formula where that is finite, and stays finite at ±800.
    let z = 0.3
    let p = 1 / (1 + exp(-z))
    #expect(abs(loss(.binaryCrossEntropy, z: [z], y: [1], activation: .sigmoid) + log(p)) < 1e-15)
    #expect(loss(.binaryCrossEntropy, z: [800, -800], y: [1, 0], activation: .sigmoid) == 0)
    #expect(abs(loss(.binaryCrossEntropy, z: [-800], y: [1], activation: .sigmoid) - 800) < 1e-9)
    // cross-entropy: −log softmax of the true class, finite for huge logits.
    #expect(
      abs(
        loss(.crossEntropy, z: [1, 2, 3], y: [2], cols: 3, activation: .softmax) - 0.40760596444438)
        < 1e-12)
    #expect(
      abs(loss(.crossEntropy, z: [1000, 0, -1000], y: [1], cols: 3, activation: .softmax) - 1000)
        < 1e-9)
  }

  @Test func confusionMatrixAndClassificationMetrics() {
    let cm = ConfusionMatrix(
      actual: [0, 0, 1, 1, 1, 2], predicted: [0, 1, 1, 1, 2, 2], classes: 3)
    #expect(cm.counts == [[1, 1, 0], [0, 2, 1], [0, 0, 1]])
    #expect(cm.accuracy == 4.0 / 6)
    #expect(cm.precision(of: 1) == 2.0 / 3 && cm.recall(of: 1) == 2.0 / 3)
    #expect(abs(cm.macroPrecision - (1 + 2.0 / 3 + 0.5) / 3) < 1e-15)
    #expect(abs(cm.macroRecall - (0.5 + 2.0 / 3 + 1) / 3) < 1e-15)
    let binary = ConfusionMatrix(actual: [1, 1, 0, 0], predicted: [1, 0, 1, 0], classes: 2)
    #expect(Metric.classification(.f1, confusion: binary, logLoss: 0) == 0.5)
    let none = ConfusionMatrix(actual: [0, 0], predicted: [0, 0], classes: 2)
    #expect(none.precision(of: 1) == 0 && none.f1(of: 1) == 0)
  }

  /// Macro averages skip a class neither actual nor predicted, like scikit-learn's default
  /// labels (the classes in y_true or y_pred): `f1_score(average="macro")` gives these figures.
  @Test func macroAveragesSkipAbsentClasses() {
    let cm = ConfusionMatrix(actual: [0, 0, 1, 1, 1], predicted: [0, 1, 1, 1, 1], classes: 3)
    #expect(cm.macroPrecision == 0.875)
    #expect(cm.macroRecall == 0.75)
    #expect(abs(cm.macroF1 - 0.7619047619047619) < 1e-15)
    let onlyPositive = ConfusionMatrix(actual: [1, 1], predicted: [1, 1], classes: 2)
    #expect(Metric.classification(.f1Macro, confusion: onlyPositive, logLoss: 0) == 1)
    #expect(Metric.classification(.f1, confusion: onlyPositive, logLoss: 0) == 1)
  }

  @Test func regressionMetrics() {
    let p = [2.5, 0.0, 2, 8]
    let y = [3.0, -0.5, 2, 7]
    #expect(RegressionMetrics.meanSquaredError(p, y) == 0.375)
    #expect(RegressionMetrics.meanAbsoluteError(p, y) == 0.5)
    #expect(abs(RegressionMetrics.r2(p, y) - 0.9486081370449679) < 1e-15)
    #expect(Metric.regression(.rmse, predictions: p, targets: y) == 0.375.squareRoot())
  }

  @Test func initializersAreSeededAndScaled() throws {
    let layout = ParameterLayout(widths: [400, 300], activations: [.relu])
    var g1 = SeededGenerator(seed: 5)
    var g2 = SeededGenerator(seed: 5)
    let a: [Double] = try Initializer.pytorch.parameters(layout, using: &g1)
    let b: [Double] = try Initializer.pytorch.parameters(layout, using: &g2)
    #expect(a == b)
    #expect(a.allSatisfy { abs($0) <= 1 / 20.0 })
    // He and LeCun normal: weights of variance 2/fan_in and 1/fan_in (the spec's kinds), biases 0.
    for (kind, variance) in [(InitializerKind.he, 2.0 / 400), (.lecun, 1.0 / 400)] {
      var g3 = SeededGenerator(seed: 6)
      let theta: [Double] = try Initializer(kind, InitializerSettings()).parameters(
        layout, using: &g3)
      let w = theta[0..<(400 * 300)]
      let drawn = w.reduce(0) { $0 + $1 * $1 } / Double(w.count)
      #expect(abs(drawn - variance) < variance / 10, "\(kind)")
      #expect(theta[(400 * 300)...].allSatisfy { $0 == 0 }, "\(kind)")
    }
  }
}

#if canImport(Glibc)
  import Glibc
#endif
