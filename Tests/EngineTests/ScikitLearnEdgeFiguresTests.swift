import Testing

@testable import Engine

/// Figures that differed from scikit-learn's on cases the differential QA
/// (`scripts/reference/engine/differential_numbers.py`) generated; the expected values were
/// computed with scikit-learn 1.9.1 and are fixed here.
@Suite struct ScikitLearnEdgeFiguresTests {
  /// `r2_score` and `root_mean_squared_error` of two target columns average the per-column
  /// figures (`multioutput="uniform_average"`); the flattened columns gave 0.9786 and 0.8416.
  @Test func severalTargetsAverageTheColumnFigures() {
    // scikit-learn's own example: y_true [[0.5, 1], [-1, 1], [7, -6]], y_pred [[0, 2], [-1, 2],
    // [8, -5]], row-major.
    let y = [0.5, 1, -1, 1, 7, -6]
    let p = [0.0, 2, -1, 2, 8, -5]
    let figure = { (m: Metric) in Metric.regression(m, predictions: p, targets: y, columns: 2) }
    #expect(abs(figure(.r2) - 0.9368005266622779) < 1e-15)
    #expect(abs(figure(.rmse) - 0.8227486121839513) < 1e-15)
    #expect(abs(figure(.mse) - 0.7083333333333334) < 1e-15)
    #expect(abs(figure(.mae) - 0.75) < 1e-15)
  }

  /// Constant targets give `r2` 0 (1 for an exact fit), decided by the targets being equal: the
  /// mean of ten 0.1s is 0.09999999999999999, so `Σ(y − ȳ)²` was 10⁻³⁵ and `r2` about −10³⁴.
  /// Two columns (the first constant): the mean of 0 and the second's 0.7883597883597884
  /// (scikit-learn's `r2_score` of each column; of both at once it meets the same ulp, −7.8e30).
  @Test func constantTargetsGiveR2ZeroOrOne() {
    let y = [Double](repeating: 0.1, count: 10)
    #expect(RegressionMetrics.r2([Double](repeating: 0.3, count: 10), y) == 0)
    #expect(RegressionMetrics.r2(y, y) == 1)
    let second = [1.0, 2, 4, 1, 2, 4, 1, 2, 4, 0]
    let predicted = [1.5, 2, 3, 1.5, 2, 3, 1.5, 2, 3, 0.5]
    let r2 = Metric.regression(
      .r2,
      predictions: zip([0.2, 0.1, 0.1, 0.2, 0.1, 0.1, 0.2, 0.1, 0.1, 0.1], predicted)
        .flatMap { [$0, $1] }, targets: zip(y, second).flatMap { [$0, $1] }, columns: 2)
    #expect(abs(r2 - 0.7883597883597884 / 2) < 1e-15)
  }

  /// An mse or mae loss is the same number as its metric: over more rows than one evaluation
  /// block (256) the loss was a sum of block sums, and `train_loss` differed from `train_mse`
  /// in the last digits (2850.2607240058587 and …596 on diabetes). Float models too.
  @Test func anMSEOrMAELossIsItsMetricToTheLastDigit() throws {
    BLASSetup.once()
    for loss in [Loss.mse, .mae] {
      let c = TrainingConfiguration(
        model: .linearRegression(solver: .iterative), loss: loss, learningRate: 0.1,
        budget: .iterations(3), metrics: [.mse, .mae])
      let x = Synthetic.features(700, 3, seed: 5)
      let y = Synthetic.targets(700, 1, seed: 6)
      let figures = [
        try Trainer.train(c, train: Examples(x: x, y: y), test: Examples(x: x, y: y)).final?.test,
        try Trainer.train(
          c, train: Examples(x: x.converted(), y: y.converted()) as Examples<Float>
        ).final?.train,
      ]
      for evaluation in figures {
        let e = try #require(evaluation)
        #expect(e.loss == e.metrics[loss == .mse ? .mse : .mae], "\(loss)")
      }
    }
  }

  /// `log_loss` clips the probabilities to [ε, 1 − ε]; a confident wrong prediction (logit 40
  /// on class 0, −50 on class 1) costs −log ε ≈ 36.04, not the logit. It was the unclipped
  /// loss: 22.75 here.
  @Test func logLossClipsASaturatedBinaryPrediction() throws {
    BLASSetup.once()
    let c = TrainingConfiguration(
      model: .logisticRegression(.binary), loss: .binaryCrossEntropy, learningRate: 0.1,
      budget: .iterations(0), recordEvery: 1,
      initializer: .explicit([.init(weights: Matrix([[1.0]]), bias: [0])]),
      metrics: [.logLoss, .accuracy])
    let train = Examples(x: Matrix<Double>([[-1.0], [1.0]]), labels: [0, 1])
    let test = Examples(x: Matrix<Double>([[40.0], [0.0], [-50.0], [1.0]]), labels: [0, 1, 1, 1])
    let r = try Trainer.train(c, train: train, test: test)
    let figures = try #require(r.final?.test?.metrics)
    #expect(abs(try #require(figures[.logLoss]) - 18.27342891157812) < 1e-12)
  }

  /// The same for a softmax output: the probability of the true class is clipped at ε.
  @Test func logLossClipsASaturatedSoftmaxPrediction() throws {
    BLASSetup.once()
    let c = TrainingConfiguration(
      model: .logisticRegression(.softmax), loss: .crossEntropy, learningRate: 0.1,
      budget: .iterations(0), recordEvery: 1,
      initializer: .explicit([
        .init(weights: Matrix([[1.0, 0, -1], [0, 0.5, 0]]), bias: [0, 0.1, 0])
      ]),
      metrics: [.logLoss], classes: 3)
    let train = Examples(x: Matrix<Double>([[0.0, 1], [1, 0], [2, 1]]), labels: [0, 1, 2])
    let test = Examples(x: Matrix<Double>([[40.0, 0], [0, 0]]), labels: [2, 1])
    let r = try Trainer.train(c, train: train, test: test)
    // scikit-learn: log_loss([2, 1], softmax(x W + b), labels=[0, 1, 2]).
    let figure = try #require(r.final?.test?.metrics[.logLoss])
    #expect(abs(figure - 18.538361074533366) < 1e-12, "\(figure)")
  }

  /// One-vs-one over three classes with a cycle (1 beats 0 by logit 3, 0 beats 2 by 10, 2 beats
  /// 1 by 0.01): one vote each, and scikit-learn's tie-break sums the logits (class 0: 7),
  /// giving class 0. Summed probabilities (the earlier rule) gave class 1.
  @Test func oneVsOneTiesGoToTheLargerSumOfLogits() throws {
    let pair = { (n: Int, p: Int, z: Double) in
      TrainedModel<Double>.PairwiseNetwork(
        negative: n, positive: p,
        network: Network(layers: [
          DenseLayer(weights: Matrix([[0.0]]), bias: [z], activation: .sigmoid)
        ]))
    }
    let model = TrainedModel<Double>.oneVsOne([pair(0, 1, 3), pair(0, 2, -10), pair(1, 2, 0.01)])
    let scores = try model.scores(Matrix([[1.0]]), classes: 3)
    // scikit-learn's _ovr_decision_function([[1, 0, 1]], [[3, -10, 0.01]], 3).
    let expected = [1.2916666666666667, 1.2497911445279866, 0.6969972702456779]
    for (s, e) in zip(scores.storage, expected) { #expect(abs(s - e) < 1e-15) }
    #expect(try model.predictLabels(Matrix([[1.0]]), classes: 3) == [0])
  }
}
