import Engine
import Testing

@testable import Pipeline

/// The regression baseline the diagnosis compares the training error with.
@Suite struct MeanPredictionTests {
  @Test func theLossOfPredictingEachColumnsMean() throws {
    // Column 0: 1, 2, 3, 6 (mean 3); column 1: 10, 10, 10, 10 (mean 10).
    let targets = Matrix<Double>(rows: 4, cols: 2, storage: [1, 10, 2, 10, 3, 10, 6, 10])
    // Residuals 2, 1, 0, 3 and four zeros over 8 elements.
    #expect(MeanPrediction.loss(.mse, targets: targets) == 14.0 / 8)  // population variance
    #expect(MeanPrediction.loss(.mae, targets: targets) == 6.0 / 8)
    // Huber δ 1: ½r² below δ, δ(|r| − ½δ) beyond: 1.5 + 0.5 + 0 + 2.5.
    #expect(MeanPrediction.loss(.huber(delta: 1), targets: targets) == 4.5 / 8)
    #expect(MeanPrediction.loss(.binaryCrossEntropy, targets: targets) == nil)
  }
}
