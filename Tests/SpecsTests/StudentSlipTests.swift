import Testing

@testable import Specs

/// Tester AD's slips (session 35) each get the message that fixes them: a count in exponent
/// form in a sweep list, split-prefixed metric names, look-alike characters named.
@Suite struct StudentSlipTests {
  /// AD7: `1e1` in a sweep list for a count is refused as `units: 1e1` is at the key, a float
  /// in YAML as `10.0` is (tester BD m11), once, at the value, with the list as its fix-it
  /// (docs/spec.md "Strict scalars").
  @Test func anExponentCountInASweepListIsRefusedAsAtTheKey() throws {
    let text = """
      dataset: {generator: moons, split: {train: 0.8, dev: 0.2}}
      model:
        type: mlp
        layers: [{units: 8, activation: relu}, {units: 1, activation: sigmoid}]
      optimizer: {type: adam, learning_rate: 0.01, epochs: 2}
      sweep:
        parameters:
          model.layers[0].units: [1e1, 16]

      """
    let listed = failure(text)
    #expect(
      listed.hasPrefix(
        "spec.yaml:8:29: error: model.layers[0].units must be a whole number without an exponent"),
      "\(listed)")
    #expect(listed.contains("fix-it: model.layers[0].units: [10, 16]"), "\(listed)")
    #expect(listed.components(separatedBy: "error:").count == 2, "once: \(listed)")
    let atKey = failure(text.replacingOccurrences(of: "{units: 8,", with: "{units: 1e1,"))
    #expect(atKey.contains("must be a whole number without an exponent (got 1e1"), "\(atKey)")
    // A fraction in exponent form stays a number, refused for a count at the value.
    let fraction = failure(text.replacingOccurrences(of: "[1e1, 16]", with: "[1.5e1, 16]"))
    #expect(
      fraction.hasPrefix("spec.yaml:8:29: error: model.layers[0].units must be a whole number"))
    #expect(fraction.components(separatedBy: "error:").count == 2, "once: \(fraction)")
  }

  /// AD8: a split prefix is stripped where the split is implied (early stopping watches the
  /// dev split) and written where it is named (a sweep objective).
  @Test func splitPrefixedMetricsSuggestTheNameOfTheirPlace() {
    let implied = ["loss", "accuracy", "log_loss"]
    #expect(Suggestions.didYouMean("dev_loss", among: implied) == "; did you mean 'loss'?")
    #expect(Suggestions.didYouMean("val_loss", among: implied) == "; did you mean 'loss'?")
    #expect(Suggestions.didYouMean("dev_accuracy", among: implied) == "; did you mean 'accuracy'?")
    let named = ["dev_loss", "dev_accuracy", "train_accuracy"]
    #expect(Suggestions.didYouMean("accuracy", among: named) == "; did you mean 'dev_accuracy'?")
    #expect(Suggestions.didYouMean("val_loss", among: named) == "; did you mean 'dev_loss'?")
  }

  /// AD3: characters that pass for ASCII are named by code point where a message echoes them;
  /// ordinary non-ASCII text is not remarked on.
  @Test func lookAlikeCharactersAreNamed() {
    #expect(
      LookAlikes.named(in: "mom\u{435}ntum") == " (it contains U+0435 CYRILLIC SMALL LETTER IE)")
    #expect(LookAlikes.character(in: "\u{A0}2") == "U+00A0 NO-BREAK SPACE")
    #expect(LookAlikes.character(in: "\u{FF12}") == "U+FF12 FULLWIDTH DIGIT TWO")
    #expect(LookAlikes.character(in: "café") == nil)
    #expect(LookAlikes.character(in: "epochs") == nil)
    let spec = minimalSpec + "\noptimizer: {type: gd, epochs: \u{A0}2}\n"
    #expect(
      failure(spec).contains(
        "optimizer.epochs must be a whole number (got '\u{A0}2', which contains U+00A0 NO-BREAK SPACE)"
      ),
      "\(failure(spec))")
  }
}
