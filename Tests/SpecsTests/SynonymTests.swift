import Testing

@testable import Specs

/// Names other tools use get the spec's own in a did-you-mean; a name meaning two things
/// (`linear`) gets the one the place takes, and an inexact one says how it differs.
@Suite struct SynonymTests {
  static func names<E: RawRepresentable & CaseIterable>(_ type: E.Type) -> [String]
  where E.RawValue == String { E.allCases.map(\.rawValue) }

  @Test func otherToolsNamesGetTheSpecsOwn() {
    let cases: [(String, [String], String)] = [
      ("linear", Self.names(ActivationKind.self), "identity"),
      ("linear", ["linreg", "logreg", "mlp"], "linreg"),
      ("kaiming_normal", Self.names(InitializerKind.self), "he"),
      ("kaiming", Self.names(InitializerKind.self), "he"),
      ("glorot_uniform", Self.names(InitializerKind.self), "xavier"),
      ("glorot", Self.names(InitializerKind.self), "xavier"),
      ("xavier_uniform", Self.names(InitializerKind.self), "xavier"),
      ("lecun_normal", Self.names(InitializerKind.self), "lecun"),
      ("log_loss", Self.names(LossKind.self), "binary_cross_entropy"),
      ("mean_squared_error", Self.names(LossKind.self), "mse"),
      ("categorical_crossentropy", Self.names(LossKind.self), "cross_entropy"),
      ("smooth_l1", Self.names(LossKind.self), "huber"),
      ("cosine_annealing", Self.names(ScheduleKind.self), "cosine"),
      ("exp", Self.names(ScheduleKind.self), "exponential"),
      ("standard_scaler", Schema.steps.map(\.key), "standardize"),
      ("poly", Schema.steps.map(\.key), "polynomial"),
      ("acc", Self.names(Metric.self), "accuracy"),
      ("f1_score", Self.names(Metric.self), "f1"),
      ("auc", Self.names(Metric.self), "roc_auc"),
    ]
    for (word, candidates, meant) in cases {
      #expect(Suggestions.best(for: word, among: candidates) == meant, "\(word)")
    }
  }

  @Test func anInexactSynonymSaysHowItDiffers() {
    let losses = Self.names(LossKind.self)
    #expect(
      Suggestions.didYouMean("smooth_l1", among: losses)
        == "; did you mean 'huber' (huber with its default delta 1 is smooth_l1 with beta 1)?")
    #expect(Suggestions.didYouMean("mean_squared_error", among: losses) == "; did you mean 'mse'?")
    // A caveat belongs to the synonym: a near miss found by spelling gets none.
    #expect(Suggestions.didYouMean("auc", among: ["aux"]) == "; did you mean 'aux'?")
  }
}
