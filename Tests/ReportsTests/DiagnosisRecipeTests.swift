import Testing

@testable import Reports

/// Andrew Ng's basic recipe, in order: make the training loss go down (a stable run that does
/// better than predicting the mean), then fix high bias, then high variance.
@Suite("the basic recipe: stable training, then bias, then variance")
struct DiagnosisRecipeTests {
  @Test("with high bias, no variance remedy that cuts capacity or strengthens regularization")
  func biasFirst() {
    // The cat logreg with l2 0.3: train error 0.053, test 0.26.
    let logreg = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0.0526, testError: 0.26,
      context: DiagnosisContext(l2: 0.3, training: .converged))
    #expect(logreg.verdict == .both)
    let advice = logreg.recommendations
    #expect(
      advice.contains(
        "weaken regularization: compare in one run: `validation_curve: {parameter: regularization.l2, values: [0.03, 0.1, 0.3]}` under `report` (high variance too: the curve decides, not a single step down, which could trade one problem for the other)"
      ))
    #expect(!advice.contains { $0.hasPrefix("stronger regularization") }, "\(advice)")
    #expect(advice.contains(BiasVarianceDiagnosis.moreData))
    #expect(advice.last == BiasVarianceDiagnosis.varianceAfterBias)
    #expect(!logreg.nextSteps(count: 10).contains(BiasVarianceDiagnosis.varianceAfterBias))
    // A network: a bigger network, never a smaller model; no regularization added.
    let mlp = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0.15, testError: 0.4,
      context: DiagnosisContext(hiddenLayers: 1, polynomialDegree: 3))
    #expect(mlp.verdict == .both)
    #expect(mlp.recommendations.contains { $0.hasPrefix("a bigger network") })
    for remedy in ["a smaller model", "add regularization", "fewer polynomial features"] {
      #expect(!mlp.recommendations.contains { $0.hasPrefix(remedy) }, "\(remedy)")
    }
    // High variance alone keeps its remedies.
    let overfit = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0, testError: 0.4,
      context: DiagnosisContext(hiddenLayers: 1, polynomialDegree: 3))
    #expect(overfit.recommendations.contains { $0.hasPrefix("a smaller model") })
    #expect(overfit.recommendations.contains { $0.hasPrefix("add regularization") })
    #expect(!overfit.recommendations.contains(BiasVarianceDiagnosis.varianceAfterBias))
  }

  @Test("an unstable run that overfits is unstable, not unconverged; advice names the rise")
  func unstableOverfit() {
    // The cat logreg at learning rate 10: 0.693 → 2224 → 5.5e-9, test error 0.28.
    let spike = TrainingProgress(start: 0.693, end: 5.5e-9, peak: 2224, network: false)
    let run = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0, testError: 0.28,
      context: DiagnosisContext(learningRate: 10), progress: spike)
    #expect(run.verdict == .unstable)
    #expect(
      run.verdictText
        == "training was unstable: the training loss rose to 2.22e+03 (3209× its start 0.693) before ending at 5.5e-09"
    )
    #expect(run.gapsText == "")
    #expect(
      run.nextSteps().first
        == "a lower learning rate (the training loss rose to 2.22e+03, 3209× its start): lower `optimizer.learning_rate` from 10.0 to 1.0"
    )
    // A stable run with the same errors is high variance, as before.
    let stable = TrainingProgress(start: 0.693, end: 0.01, peak: 0.693, network: false)
    let calm = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0, testError: 0.28,
      context: DiagnosisContext(learningRate: 10), progress: stable)
    #expect(calm.verdict == .highVariance)
    // An unstable run that fit well (low bias and variance) is judged as usual.
    let good = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0.02, testError: 0.03, progress: spike)
    #expect(good.verdict == .fine)
  }

  @Test("a regression worse than predicting the training mean did not converge")
  func noBetterThanMean() {
    // diabetes [bmi, bp, s5], gd at learning rate 1 (RecipeRunTests' spec): the bias term
    // oscillates, the loss went 29646 → 28591 while predicting the mean costs 5940 (train R²
    // −3.81).
    let falling = TrainingProgress(start: 29646, end: 28591, network: false)
    func diabetes(_ training: DiagnosisContext.Training, trainError: Double = 28591)
      -> BiasVarianceDiagnosis
    {
      BiasVarianceDiagnosis(
        baseError: 0, trainError: trainError, devError: trainError * 1.02,
        thresholds: .regressionDefault,
        context: DiagnosisContext(
          task: .regression(outputs: 1), trainingLength: 2000, training: training,
          optimizer: "gd", learningRate: 1, meanPredictionError: 5940),
        progress: falling)
    }
    let stalled = diabetes(.converged)
    #expect(stalled.noBetterThanMean)
    #expect(stalled.verdict == .notConverged)
    #expect(
      stalled.verdictText
        == "training did not converge: the training loss ended at 2.86e+04, worse than predicting the training targets' mean (5.94e+03)"
    )
    // It fell by 3.56% and never rose: a rate too small or too large for some weights (here
    // the bias swings back and forth) both do that, so both are advised.
    #expect(
      stalled.recommendations == [
        "another learning rate: the training loss fell by only 3.56% of its start without ever "
          + "rising, as a rate too small (slow steps) or too large for some weights (they swing "
          + "back and forth) both make it, so try `optimizer.learning_rate` at 0.1 and at 10.0 "
          + "instead of 1.0"
      ])
    // Had it risen above its start, the rate is too large.
    let rising = BiasVarianceDiagnosis(
      baseError: 0, trainError: 31000, devError: 31600, thresholds: .regressionDefault,
      context: DiagnosisContext(
        task: .regression(outputs: 1), trainingLength: 2000, training: .converged,
        optimizer: "gd", learningRate: 1, meanPredictionError: 5940),
      progress: TrainingProgress(start: 29646, end: 31000, network: false))
    #expect(
      rising.recommendations == [
        "a lower learning rate: lower `optimizer.learning_rate` from 1.0 to 0.1"
      ])
    // Still falling towards the mean (a short run from zeros): train longer.
    let short = diabetes(.stillImproving)
    #expect(short.verdict == .notConverged)
    #expect(short.recommendations.first?.hasPrefix("train longer") == true)
    #expect(!short.recommendations.contains { $0.hasPrefix("a lower learning rate") })
    // Too few records to tell, but the loss ended below its start: train longer, not a lower
    // rate (the advice must not depend on record_every).
    let unknown = diabetes(.unknown)
    #expect(unknown.recommendations.first?.hasPrefix("train longer") == true)
    #expect(!unknown.recommendations.contains { $0.hasPrefix("a lower learning rate") })
    // Better than the mean: judged as before.
    #expect(diabetes(.converged, trainError: 3000).verdict == .lowVariance)
    #expect(!diabetes(.converged, trainError: 3000).noBetterThanMean)
  }

  @Test("a loss still falling in full batches, however slowly, is trained longer, not slower")
  func slowFall() {
    // Primer 004's dial (tester L2): gd at 2.5e-05 on inputs up to 200, the loss fell at every
    // step 516 → 186.83 (the weight near its stability limit, the bias crawling); at 2.5e-06 it
    // ended worse, so a lower rate is the wrong way.
    func dial(_ progress: TrainingProgress) -> [String] {
      BiasVarianceDiagnosis(
        baseError: 0, trainError: progress.end, devError: progress.end * 1.02,
        thresholds: .regressionDefault,
        context: DiagnosisContext(
          task: .regression(outputs: 1), trainingLength: 3000, training: .converged,
          optimizer: "gd", learningRate: 2.5e-5, meanPredictionError: 170),
        progress: progress
      ).recommendations
    }
    let falling = dial(TrainingProgress(start: 515.89, end: 186.83, network: false, late: 186.84))
    #expect(
      falling.first
        == "train longer (the training loss was still falling): raise `optimizer.iterations` from 3000 to 6000"
    )
    #expect(!falling.contains { $0.hasPrefix("a lower learning rate") })
    // The same fall that stopped over the last tenth (or a mini-batch run: no late figure).
    let lower = "a lower learning rate: lower `optimizer.learning_rate` from 2.5e-05 to 2.5e-06"
    #expect(
      dial(TrainingProgress(start: 515.89, end: 186.83, network: false, late: 186.83)) == [lower])
    #expect(dial(TrainingProgress(start: 515.89, end: 186.83, network: false)) == [lower])
    // A loss that rose above its start is too large a rate, falling at the end or not.
    #expect(dial(TrainingProgress(start: 170.5, end: 186.83, network: false, late: 190)) == [lower])
  }
}
