import Testing

@testable import Specs

/// Errors a `--set` brings about (tester BA F-F, F-J) name that `--set` and have a `--set`
/// fix-it that, followed as printed, clears them, without undoing the user's own `--set`.
@Suite struct SetCausedFixItTests {
  /// The diagnostics of `text` with `overrides` (`strict` or not), and the data rules'
  /// against `facts` when it loads.
  static func said(
    _ text: String, _ overrides: [String], strict: Bool = false, facts: DataFacts? = nil
  ) -> [Diagnostic] {
    let options = SpecOptions(overrides: overrides, strict: strict)
    do {
      let loaded = try SpecLoader.load(text: text, file: "spec.yaml", options: options)
      return facts.map { SpecLoader.check(loaded, against: $0) } ?? []
    } catch {
      return error.diagnostics
    }
  }

  /// The overrides of the printed fix-it `fixIt` (`--set 'a=1' --set b=2`), as a shell reads it.
  static func sets(_ fixIt: String) -> [String] {
    BadSpecCorpusTests.words(fixIt[...]).filter { $0 != "--set" }
  }

  static let wine = """
    dataset: {generator: {type: blobs, means: [[0, 0], [3, 3], [0, 3]]}, split: {train: 0.8, dev: 0.2}}
    model:
      type: logreg
      multiclass: ovr
    loss: binary_cross_entropy
    optimizer: {type: sgd, learning_rate: 0.05, epochs: 30}
    metrics: [accuracy]

    """

  /// `--set model.multiclass=softmax` on an ovr spec with three classes: the data rule on the
  /// file's loss names the --set and its fix-it is `--set 'loss=cross_entropy'`.
  @Test func aDataRuleASetBreaksGetsASetFixIt() throws {
    let facts = DataFacts(classes: 3, targetColumns: 1)
    #expect(Self.said(Self.wine, [], facts: facts).isEmpty)
    let sets = ["model.multiclass=softmax"]
    let refused = Self.said(Self.wine, sets, facts: facts).filter { $0.severity == .error }
    let error = try #require(refused.first, "\(refused)")
    #expect(refused.count == 1)
    #expect(error.fixIt == "--set 'loss=cross_entropy'", "\(error)")
    #expect(error.commandLineFixIt.fixIt == error.fixIt)
    #expect(error.note?.contains("this comes from --set model.multiclass=softmax") == true)
    let followed = Self.said(Self.wine, sets + Self.sets(try #require(error.fixIt)), facts: facts)
    #expect(!followed.contains { $0.severity == .error }, "\(followed)")
  }

  /// `--set model.solver=exact` on a gradient-descent linreg: each key the exact solver does
  /// not use gets the `--set '~key'` fix-it, not words in its note; following all of them loads.
  @Test func keysTheExactSolverDoesNotUseGetRemovalFixIts() throws {
    let text = """
      dataset: {generator: {type: linear, samples: 40}, split: {train: 0.8, test: 0.2}}
      model: {type: linreg, solver: gd, init: zeros}
      loss: mse
      optimizer: {type: gd, learning_rate: 0.5, iterations: 300}
      record_every: 10
      metrics: [mse]

      """
    let sets = ["model.solver=exact"]
    let refused = Self.said(text, sets).filter { $0.severity == .error }
    #expect(refused.count >= 2, "\(refused)")
    var followed = sets
    for error in refused {
      let fixIt = try #require(error.commandLineFixIt.fixIt, "\(error)")
      #expect(fixIt.hasPrefix("--set '~"), "\(error)")
      #expect(error.note?.contains("(from the command line") != true, "\(error)")
      #expect(error.note?.contains("this comes from --set model.solver=exact") == true, "\(error)")
      followed += Self.sets(fixIt)
    }
    #expect(Self.said(text, followed).isEmpty, "\(Self.said(text, followed))")
  }

  /// A record_every above the budget a --set gives blames the --set of the budget only, not the
  /// removals whose undoing would refuse other keys first; its fix-it records a curve.
  @Test func recordEveryBlamesTheBudgetItsSetGives() throws {
    let text = """
      dataset: {generator: {type: moons, samples: 60}, split: {train: 0.8, dev: 0.2}}
      model: {type: logreg}
      optimizer: {type: nesterov, learning_rate: 0.05, momentum: 0.9, batch_size: 8, epochs: 30}
      record_every: 10
      metrics: [accuracy]

      """
    let sets = [
      "optimizer.type=lbfgs", "~optimizer.momentum", "~optimizer.batch_size", "~optimizer.epochs",
      "optimizer.iterations=5",
    ]
    // A warning, fatal under --strict.
    let refused = Self.said(text, sets, strict: true)
    let error = try #require(
      refused.first { $0.message.hasPrefix("record_every") },
      "\(Self.said(text, sets, strict: true))")
    #expect(refused.count == 1, "\(refused)")
    let note = try #require(error.note)
    #expect(note.contains("this comes from --set optimizer.iterations=5:"), "\(note)")
    #expect(!note.contains("momentum") && !note.contains("batch_size"), "\(note)")
    let fixIt = try #require(error.fixIt, "\(error)")
    #expect(fixIt == "--set 'record_every=1'")
    let followed = Self.said(text, sets + Self.sets(fixIt), strict: true)
    #expect(followed.isEmpty, "\(followed)")
  }

  /// `--set sweep.method=successive_halving` on a bayes spec: the missing budget's fix-it adds a
  /// budget, not `--set '~sweep.method'`, which would undo the user's --set.
  @Test func aMethodASetGivesIsNotUndoneByItsFixIt() throws {
    let text = """
      dataset: {generator: moons, split: {train: 0.8, dev: 0.2}}
      model: {type: logreg}
      optimizer: {type: adam, learning_rate: 0.01, epochs: 20}
      sweep:
        method: bayes
        trials: 20
        startup: 8
        parameters:
          optimizer.learning_rate: [0.1, 0.01, 0.001]

      """
    let sets = ["sweep.method=successive_halving"]
    let refused = Self.said(text, sets).filter { $0.severity == .error }
    let budget = try #require(refused.first { $0.message.contains("needs 'budget'") })
    #expect(budget.fixIt == "--set 'sweep.budget={min: 1, max: 27}'", "\(budget)")
    var followed = sets
    for error in refused {
      let fixIt = try #require(error.commandLineFixIt.fixIt, "\(error)")
      #expect(!fixIt.contains("~sweep.method"), "\(error)")
      followed += Self.sets(fixIt)
    }
    #expect(Self.said(text, followed).isEmpty, "\(Self.said(text, followed))")
  }
}
