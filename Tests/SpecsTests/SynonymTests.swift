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
      ("mini_batch_size", ["batch_size", "epochs"], "batch_size"),
      ("num_epochs", ["batch_size", "epochs"], "epochs"),
      ("time_interval", ["step_size", "decay_rate"], "step_size"),
      ("epsilon", ["beta1", "beta2", "eps"], "eps"),
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

  /// The course notebooks' names: `keep_prob` is dropout's complement and λ is `l2: λ/m`, so a
  /// renamed key would keep the wrong value; the key's message says how to convert it.
  @Test func courseNotebookKeysSayHowTheirValuesConvert() {
    let layer =
      "dataset: {name: iris}\nmodel: {type: mlp, layers: [{units: 4, activation: relu, "
      + "keep_prob: 0.86}, {units: 3, activation: softmax}]}\n"
    #expect(
      failure(layer).contains(
        "unknown key 'keep_prob' in model.layers[0]; did you mean 'dropout' (dropout is the share "
          + "dropped, 1 − keep_prob: keep_prob 0.86 is dropout 0.14)?"), "\(failure(layer))")
    let lambd = minimalSpec + "\nregularization: {lambd: 0.7}\n"
    #expect(
      failure(lambd).contains(
        "unknown key 'lambd' in regularization; did you mean 'l2' (the course's cost adds "
          + "λ/(2m)·ΣW², which is l2: λ/m for m training rows)?"), "\(failure(lambd))")
  }

  /// The course's "randn·10" written `scale: 10` is the normal's `std`, not a preprocessing key.
  @Test func anInitScaleIsTheNormalsStd() {
    let spec = "dataset: {name: iris}\nmodel: {type: logreg, init: {type: normal, scale: 10}}\n"
    let message = failure(spec)
    #expect(
      message.contains(
        "unknown key 'scale' in model.init; did you mean 'std' (randn·10 is normal with std: 10)?"),
      "\(message)")
    #expect(!message.contains("preprocessing"), "\(message)")
  }

  /// A key that belongs elsewhere still lists the keys this place takes.
  @Test func aMisplacedKeyStillListsThisPlacesKeys() {
    let message = failure(minimalSpec + "\nregularization: {stratify: true}\n")
    #expect(message.contains("'stratify' belongs in"), "\(message)")
    #expect(message.contains("expected one of: l1, l2"), "\(message)")
  }
}
