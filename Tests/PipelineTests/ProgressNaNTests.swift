import Testing

@testable import Pipeline

/// The progress line says a NaN as `metrics.csv` does, `nan`, never `-nan` (tester V3: the
/// line said `train_loss -nan` above a message that said `nan`).
@Suite struct ProgressNaNTests {
  @Test func aNegativeNaNIsShownAsNan() {
    let recorded = RecordedFigures(
      step: 1, unit: "iteration", fraction: 0.3,
      figures: [
        .init(name: "train_loss", value: -Double.nan), .init(name: "train_accuracy", value: 0.5),
      ])
    #expect(ProgressText.figures(recorded) == "train_loss nan, train_accuracy 0.5 at iteration 1")
  }
}
