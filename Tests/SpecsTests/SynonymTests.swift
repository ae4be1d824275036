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
  /// renamed key would keep the wrong value; the key's message converts the value written
  /// (tester G2).
  @Test func courseNotebookKeysConvertTheValueWritten() {
    let layer =
      "dataset: {name: iris}\nmodel: {type: mlp, layers: [{units: 4, activation: relu, "
      + "keep_prob: 0.5}, {units: 3, activation: softmax}]}\n"
    #expect(
      failure(layer).contains(
        "unknown key 'keep_prob' in model.layers[0]; did you mean 'dropout' (dropout is the share "
          + "dropped, 1 − keep_prob: keep_prob 0.5 is dropout: 0.5)?"), "\(failure(layer))")
    // Training rows the spec gives (a count) convert λ exactly; a named dataset's are unknown.
    let counted =
      "dataset: {generator: {type: moons, samples: 200}, split: {train: 160, test: 40}}\n"
      + "model: {type: logreg}\nregularization: {lambd: 0.7}\n"
    #expect(
      failure(counted).contains(
        "unknown key 'lambd' in regularization; did you mean 'l2' (l2 is λ/m for a cost adding "
          + "λ/(2m)·ΣW² over m training rows: lambd 0.7 over the 160 rows is l2: 0.004375)?"),
      "\(failure(counted))")
    let fraction =
      "dataset: {generator: {type: moons, samples: 200}, split: {train: 0.8, test: 0.2}}\n"
      + "model: {type: logreg}\nregularization: {lambda: 0.7}\n"
    #expect(
      failure(fraction).contains(
        "did you mean 'l2' (l2 is λ/m for a cost adding λ/(2m)·ΣW² over m training rows: "
          + "lambda 0.7 over about 160 rows is l2: 0.004375)?"), "\(failure(fraction))")
    let named = minimalSpec + "\nregularization: {lambd: 0.7}\n"
    #expect(failure(named).contains("lambd 0.7 is l2: 0.7/m)?"), "\(failure(named))")
  }

  /// The course's "randn·0.01" written `scale: 0.01` is the normal's `std`, not a preprocessing
  /// key.
  @Test func anInitScaleIsTheNormalsStd() {
    let spec = "dataset: {name: iris}\nmodel: {type: logreg, init: {type: normal, scale: 0.01}}\n"
    let message = failure(spec)
    #expect(
      message.contains(
        "unknown key 'scale' in model.init; did you mean 'std' (randn·0.01 is normal with std: "
          + "0.01)?"), "\(message)")
    #expect(!message.contains("preprocessing"), "\(message)")
  }

  /// Course names where the notebook passes them (to `model(…)`, beside the optimizer) say
  /// where they belong, with the conversion (tester G3).
  @Test func courseNamesInTheNotebooksPlacesSayWhereTheyBelong() {
    let top = minimalSpec + "\nkeep_prob: 0.86\n"
    #expect(
      failure(top).contains(
        "unknown key 'keep_prob'; 'keep_prob' belongs in 'model.layers[i]' as 'dropout' (dropout "
          + "is the share dropped, 1 − keep_prob: keep_prob 0.86 is dropout: 0.14)"),
      "\(failure(top))")
    let lambd = minimalSpec + "\nlambd: 0.7\n"
    #expect(
      failure(lambd).contains("'lambd' belongs in 'regularization' as 'l2' (l2 is λ/m"),
      "\(failure(lambd))")
    let optimizer =
      minimalSpec + "\noptimizer: {type: adam, epochs: 5, time_interval: 1000, decay_rate: 1}\n"
    #expect(
      failure(optimizer).contains(
        "unknown key 'time_interval' in optimizer; 'time_interval' belongs in "
          + "'optimizer.schedule' as 'step_size' (the course's schedule_lr_decay is "
          + "{type: inverse_time, decay_rate, step_size: 1000})"), "\(failure(optimizer))")
  }

  /// A key that belongs elsewhere still lists the keys this place takes.
  @Test func aMisplacedKeyStillListsThisPlacesKeys() {
    let message = failure(minimalSpec + "\nregularization: {stratify: true}\n")
    #expect(message.contains("'stratify' belongs in"), "\(message)")
    #expect(message.contains("expected one of: l1, l2"), "\(message)")
  }
}
