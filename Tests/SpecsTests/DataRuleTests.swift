import Testing
import Vocabulary

@testable import Specs

/// The rules only the data can decide, located at the key to change.
@Suite struct DataRuleTests {
  /// The rendered errors of `text` against `facts` ("" when it passes).
  static func check(_ text: String, _ facts: DataFacts) throws -> String {
    let loaded = try load(text).get()
    return DiagnosticRenderer().render(SpecLoader.check(loaded, against: facts))
  }

  static let mlp = """
    dataset: {file: points.csv, target: label}
    model:
      type: mlp
      layers:
        - {units: 8, activation: relu}
        - {units: 4, activation: softmax}
    loss: cross_entropy

    """

  @Test func outputUnitsMustMatchTheClasses() throws {
    let rendered = try Self.check(Self.mlp, DataFacts(classes: 3, targetColumns: 1))
    #expect(
      rendered.hasPrefix(
        "spec.yaml:6:15: error: the output layer has 4 units but the data has 3 classes"))
    #expect(try Self.check(Self.mlp, DataFacts(classes: 4, targetColumns: 1)) == "")
  }

  /// A written mini-batch larger than the training rows is clipped to them, as scikit-learn's
  /// MLP warns: a warning at the key (an error under --strict), not for a full-batch rule or a
  /// batch the rows fill exactly (tester M9).
  @Test func batchSizeAboveTheTrainingRowsIsWarned() throws {
    let sgd = Self.mlp + "optimizer: {type: sgd, batch_size: 1000, epochs: 3}\n"
    let rendered = try Self.check(sgd, DataFacts(classes: 4, targetColumns: 1, trainSamples: 56))
    #expect(
      rendered.hasPrefix(
        "spec.yaml:8:36: warning: batch_size 1000 is larger than the 56 training rows, so every "
          + "step takes all of them (full batch), as batch_size: 56 does"), "\(rendered)")
    #expect(rendered.contains("fix-it: batch_size: 56"), "\(rendered)")
    let fits = DataFacts(classes: 4, targetColumns: 1, trainSamples: 1000)
    #expect(try Self.check(sgd, fits) == "")
    // Not written: the default 32 on fewer rows is no value the user gave.
    let unwritten = Self.mlp + "optimizer: {type: sgd, epochs: 3}\n"
    #expect(
      try Self.check(unwritten, DataFacts(classes: 4, targetColumns: 1, trainSamples: 20)) == "")
  }

  /// A split leaving fewer training rows than the data's few classes is said to be the split's
  /// doing (it was "the labels make 3 classes …: renumber them").
  @Test func fewerTrainingRowsThanFewClassesBlameTheSplit() throws {
    let text = Self.mlp + "\n" + "dataset: {file: points.csv, target: label, split: {dev: 0.99}}\n"
    let rendered = try Self.check(
      text.replacingOccurrences(
        of: "dataset: {file: points.csv, target: label}\n", with: ""),
      DataFacts(classes: 3, targetColumns: 1, trainSamples: 1))
    #expect(
      rendered.contains("error: the training set has 1 row, fewer than the data's 3 classes"),
      "\(rendered)")
    #expect(rendered.contains("note: give the training part more of the rows"), "\(rendered)")
    #expect(!rendered.contains("renumber"), "\(rendered)")
  }

  /// Labels that look like a real value (more than 50 classes, fewer than 5 training rows per
  /// class) are said to be one, instead of advising a softmax of that many units; a task of
  /// many classes with many rows of each keeps the classes' advice.
  @Test func manySparseClassesAreCalledARealValuedTarget() throws {
    let text = """
      dataset: {file: points.csv, target: y}
      model:
        type: mlp
        layers: [{units: 8, activation: relu}, {units: 1, activation: sigmoid}]
      loss: binary_cross_entropy

      """
    let sparse = try Self.check(text, DataFacts(classes: 151, targetColumns: 1, trainSamples: 160))
    #expect(
      sparse.contains(
        "note: 151 classes for 160 training rows (fewer than 5 rows per class): the target looks "
          + "like a real value, not a class; for a regression use loss: mse"), "\(sparse)")
    #expect(!sparse.contains("fix-it"), "\(sparse)")
    // The error itself does not advise a softmax either (its note would contradict it).
    #expect(
      sparse.contains(
        "binary_cross_entropy with 151 classes in the data; it is a classification loss, and the "
          + "labels look like a real value"), "\(sparse)")
    #expect(!sparse.contains("sigmoid output tells two classes apart"), "\(sparse)")
    let many = try Self.check(text, DataFacts(classes: 100, targetColumns: 1, trainSamples: 5000))
    #expect(many.contains("note: use cross_entropy with a softmax output layer of 100 units"))
    let softmax = Self.mlp.replacingOccurrences(of: "target: label", with: "target: y")
    let units = try Self.check(
      softmax, DataFacts(classes: 151, targetColumns: 1, trainSamples: 160))
    #expect(units.contains("the target looks like a real value"), "\(units)")
    #expect(!units.contains("fix-it: units: 151"), "\(units)")
  }

  /// Two classes always train one sigmoid unit: a written strategy changes nothing.
  @Test func aMulticlassStrategyOnTwoClassesIsAWarning() throws {
    let text =
      "dataset: {file: points.csv, target: label}\nmodel: {type: logreg, multiclass: ovr}\n"
    #expect(
      try Self.check(text, DataFacts(classes: 2, targetColumns: 1)).hasPrefix(
        "spec.yaml:2:35: warning: multiclass: ovr has no effect with 2 classes"))
    #expect(try Self.check(text, DataFacts(classes: 3, targetColumns: 1)) == "")
  }

  @Test func outputUnitsMustMatchTheTargetColumnsOfARegression() throws {
    let text =
      "dataset: {file: y.csv, target: [y1, y2]}\nmodel:\n  type: mlp\n"
      + "  layers: [{units: 3, activation: identity}]\nloss: mse\n"
    let rendered = try Self.check(text, DataFacts(classes: nil, targetColumns: 2))
    #expect(
      rendered.hasPrefix(
        "spec.yaml:4:20: error: the output layer has 3 units but the data has 2 target columns"))
  }

  /// A mini-batch of one row gives batch normalization a variance of 0: torch refuses it, and
  /// so does the runner, for the training set, each learning-curve size and each batch size of
  /// a validation curve, with a batch size that suits them all.
  @Test func batchNormalizationNeedsTwoRowsInEveryMiniBatch() throws {
    let text = """
      dataset: {file: points.csv, target: label, split: {test: 0.2}}
      model:
        type: mlp
        layers:
          - {units: 8, activation: relu, normalization: batch_norm}
          - {units: 1, activation: sigmoid}
      optimizer: {type: sgd, batch_size: 32}

      """
    let facts = { (rows: Int) in DataFacts(classes: 2, targetColumns: 1, trainSamples: rows) }
    #expect(
      try Self.check(text, facts(33))
        == """
        spec.yaml:7:36: error: batch normalization needs at least 2 rows per mini-batch, but the training set's 33 rows in batches of 32 end with 1 row
          7 | optimizer: {type: sgd, batch_size: 32}
            |                                    ^
        note: the variance of one row is 0 (torch refuses such a batch too)
        fix-it: batch_size: 33

        """)
    #expect(try Self.check(text, facts(34)) == "")
    // 33 of 100 rows end with one; 33 itself would leave one of the 100: 34 suits both.
    let curve = text + "report: {learning_curve: {sizes: [0.33, 1.0]}}\n"
    let point = try Self.check(curve, facts(100))
    #expect(point.hasPrefix("spec.yaml:8:35: error: batch normalization needs at least 2 rows"))
    #expect(
      point.contains("but the learning-curve point's 33 rows in batches of 32 end with 1 row"))
    #expect(point.contains("fix-it: batch_size: 34"))
    // A count beyond the training set is the learning-curve rule's error alone.
    let beyond = try Self.check(text + "report: {learning_curve: {sizes: [65]}}\n", facts(50))
    #expect(!beyond.contains("batch normalization"))
    let sizes =
      text + "report: {validation_curve: {parameter: optimizer.batch_size, values: [16, 33]}}\n"
    let swept = try Self.check(sizes, facts(34))
    #expect(
      swept.hasPrefix(
        "spec.yaml:8:75: error: with optimizer.batch_size = 33, batch normalization needs at least 2 rows"
      ))
    #expect(swept.contains("the training set's 34 rows in batches of 33 end with 1 row"))
    let fullBatch = text.replacingOccurrences(of: "sgd, batch_size: 32", with: "gd")
    let one = try Self.check(fullBatch, facts(1))
    #expect(
      one.hasPrefix(
        "spec.yaml:5:51: error: batch normalization needs at least 2 rows per mini-batch, but the training set has 1 row"
      ))
    #expect(try Self.check(fullBatch, facts(2)) == "")
  }

  /// Each validation-curve point is checked as the run trains it: a unit count that does not
  /// fit the classes is refused at its value, not in the middle of the run.
  @Test func everyValidationCurvePointIsCheckedAgainstTheData() throws {
    let text =
      Self.mlp.replacingOccurrences(
        of: "{units: 4, activation: softmax}", with: "{units: 3, activation: softmax}"
      )
      .replacingOccurrences(of: "target: label}", with: "target: label, split: {test: 0.2}}")
      + "report: {validation_curve: {parameter: \"model.layers[1].units\", values: [3, 5]}}\n"
    let rendered = try Self.check(text, DataFacts(classes: 3, targetColumns: 1))
    #expect(
      rendered.hasPrefix(
        "spec.yaml:8:77: error: with model.layers[1].units = 5, the output layer has 5 units but the data has 3 classes"
      ), "\(rendered)")
    #expect(
      rendered.contains(
        "note: a softmax output needs one unit per class; report.validation_curve sets this value"))
    #expect(!rendered.contains("fix-it"))
    #expect(rendered.components(separatedBy: "error:").count == 2, "only the 5: \(rendered)")
  }

  /// Counts and fractions may be mixed; the rows they give must increase, refused at the first
  /// size whose rows are not above the size before (0.5, column 18).
  @Test func mixedLearningCurveSizesIncreaseInRows() throws {
    let text = { (sizes: String) in
      "dataset: {file: y.csv, target: y, split: {test: 0.2}}\nmodel: {type: linreg}\n"
        + "report:\n  learning_curve:\n    sizes: \(sizes)\n"
    }
    let facts = DataFacts(classes: nil, targetColumns: 1, trainSamples: 309)
    #expect(try Self.check(text("[20, 0.5, 1.0]"), facts) == "")
    let rendered = try Self.check(text("[200, 0.5]"), facts)
    #expect(
      rendered.hasPrefix(
        "spec.yaml:5:18: error: report.learning_curve.sizes give 200, 155 of the 309 training rows, which do not increase"
      ), "\(rendered)")
    #expect(rendered.hasSuffix("note: order the sizes by the rows they give\n"), "\(rendered)")
    // `1` among fractions is one row, not all of them: the note says how to write every row.
    let one = try Self.check(text("[0.1, 1]"), facts)
    #expect(one.contains("give 31, 1 of the 309 training rows"), "\(one)")
    #expect(
      one.hasSuffix(
        "note: a whole number is a count of rows, so 1 is one row: write 1.0 for every row\n"),
      "\(one)")
    #expect(throws: (any Error).self) { try load(text("[0.5, 0.2]")).get() }
    #expect(throws: (any Error).self) { try load(text("[20, 10]")).get() }
  }

  @Test func aTwoClassLogregIsOneSigmoid() throws {
    let text =
      "dataset: {file: points.csv, target: label}\nmodel: {type: logreg}\nloss: cross_entropy\n"
    let rendered = try Self.check(text, DataFacts(classes: 2, targetColumns: 1))
    #expect(rendered.hasPrefix("spec.yaml:3:7: error: cross_entropy with 2 classes"))
    #expect(try Self.check(text, DataFacts(classes: 3, targetColumns: 1)) == "")
  }

  @Test func aSoftmaxLogregOverSeveralClassesNeedsCrossEntropy() throws {
    let text =
      "dataset: {file: points.csv, target: label}\nmodel: {type: logreg}\n"
      + "loss: binary_cross_entropy\n"
    #expect(
      try Self.check(text, DataFacts(classes: 3, targetColumns: 1)).contains(
        "3:7: error: binary_cross_entropy with 3 classes in the data"))
    #expect(try Self.check(text, DataFacts(classes: 2, targetColumns: 1)) == "")
  }

  // A stray label (`NA` read as a class name) shows in the count's message; many do not.
  @Test func fewClassesAreNamedAfterTheirCount() throws {
    let text =
      "dataset: {file: points.csv, target: label}\nmodel: {type: logreg}\n"
      + "loss: binary_cross_entropy\n"
    #expect(
      try Self.check(text, DataFacts(classes: 3, targetColumns: 1, classNames: ["0", "1", "NA"]))
        .contains("3:7: error: binary_cross_entropy with 3 classes in the data (0, 1, NA); a "))
    let many = (0..<11).map { "c\($0)" }
    #expect(
      try Self.check(text, DataFacts(classes: 11, targetColumns: 1, classNames: many)).contains(
        "binary_cross_entropy with 11 classes in the data; a "))
    #expect(
      try Self.check(
        Self.mlp, DataFacts(classes: 3, targetColumns: 1, classNames: ["a", "b", "c"])
      )
      .hasPrefix(
        "spec.yaml:6:15: error: the output layer has 4 units but the data has 3 classes (a, b, c)"
      ))
  }

  @Test func theDecompositionNeedsOneTargetPerRow() throws {
    let text =
      "dataset: {file: y.csv, target: [y1, y2], split: {test: 0.2}}\nmodel: {type: linreg}\n"
      + "report:\n  bootstrap: {rounds: 10}\n"
    #expect(
      try Self.check(text, DataFacts(classes: nil, targetColumns: 2)).contains(
        "4:14: error: the bias/variance decomposition needs one target per row"))
  }

  @Test func learningCurveCountsFitTheTrainingSet() throws {
    let text =
      "dataset: {file: y.csv, target: y, split: {test: 0.2}}\nmodel: {type: linreg}\n"
      + "report:\n  learning_curve:\n    sizes: [10, 500]\n"
    let facts = DataFacts(classes: nil, targetColumns: 1, trainSamples: 400)
    let rendered = try Self.check(text, facts)
    #expect(
      rendered.hasPrefix(
        "spec.yaml:5:17: error: 500 rows asked for a learning curve point, "
          + "but the training set has 400"
      ), "\(rendered)")
    #expect(
      try Self.check(text, DataFacts(classes: nil, targetColumns: 1, trainSamples: 500)) == "")
  }

  /// A softmax output with a regression loss on one label column is refused at the loss; the
  /// data rule does not also offer `units: 1`, which leads to a second error (a softmax needs 2
  /// units). On several target columns (probabilities) mse with softmax is allowed.
  @Test func aSoftmaxOutputWithARegressionLossIsNotSentToOneUnit() throws {
    let iris = """
      dataset: {name: iris, split: {test: 0.2}}
      model:
        type: mlp
        layers:
          - {units: 8, activation: relu}
          - {units: 3, activation: softmax}
      loss: mse

      """
    #expect(
      try Self.check(iris, DataFacts(classes: nil, targetColumns: 1)) == """
        spec.yaml:7:7: error: mse is a regression loss, but a softmax output layer fits one label column
          7 | loss: mse
            |       ^
        note: cross_entropy trains a softmax output on class labels
        fix-it: loss: cross_entropy

        """)
    #expect(try Self.check(iris, DataFacts(classes: nil, targetColumns: 3)) == "")
    // Classification metrics on its label column are not refused too: the loss is the mistake
    // (tester K1: four `fix-it: metrics: [mse]` came before the loss's own fix-it).
    let labels = DataFacts(
      classes: nil, targetColumns: 1, targetRange: [TargetSpread([0, 1, 2])!])
    let withMetrics = try Self.check(
      iris.replacingOccurrences(of: "loss: mse", with: "loss: mse\nmetrics: [accuracy, f1]"),
      labels)
    #expect(withMetrics.components(separatedBy: "error:").count == 2, "\(withMetrics)")
    #expect(withMetrics.contains("fix-it: loss: cross_entropy"), "\(withMetrics)")
    // A sigmoid or identity output keeps the rule: one unit per target column.
    let identity = try Self.check(
      Self.mlp.replacingOccurrences(of: "softmax", with: "identity").replacingOccurrences(
        of: "cross_entropy", with: "mse"), DataFacts(classes: nil, targetColumns: 1))
    #expect(identity.contains("fix-it: units: 1"))
  }

  /// An output layer whose activation cannot reach the targets (a sigmoid's (0, 1) on values
  /// around ±200, which trained to r² 0.01) is refused at its `activation`; the ranges it can
  /// reach pass: 0/1 targets or probabilities on a sigmoid, [−1, 1] on tanh, non-negative
  /// values on relu, anything on identity.
  @Test func anOutputThatCannotReachTheTargetsIsRefusedAtItsActivation() throws {
    func spec(_ activation: String) -> String {
      """
      dataset: {file: y.csv, target: y}
      model:
        type: mlp
        layers: [{units: 8, activation: relu}, {units: 1, activation: \(activation)}]
      loss: mse

      """
    }
    func facts(_ range: ClosedRange<Double>) -> DataFacts {
      DataFacts(
        classes: nil, targetColumns: 1,
        targetRange: [TargetSpread([range.lowerBound, range.upperBound])].compactMap { $0 })
    }
    #expect(
      try Self.check(spec("sigmoid"), facts(-228.456...229.943)) == """
        spec.yaml:4:65: error: the targets range from -228.456 to 229.943, but a sigmoid output gives values in (0, 1) only
          4 |   layers: [{units: 8, activation: relu}, {units: 1, activation: sigmoid}]
            |                                                                 ^
        note: an identity output gives any real value
        fix-it: activation: identity

        """)
    #expect(
      try Self.check(spec("tanh"), facts(-1.5...1)).contains(
        "error: the targets range from -1.5 to 1, but a tanh output gives values in (−1, 1) only"))
    #expect(
      try Self.check(spec("relu"), facts(-2...3)).contains(
        "error: the targets range from -2 to 3, but a relu output gives values in [0, ∞) only"))
    for (activation, range) in [
      ("sigmoid", 0.0...1), ("sigmoid", 0.2...0.7), ("tanh", -1.0...1), ("relu", 0.0...500),
      ("identity", -228.0...229),
    ] {
      #expect(try Self.check(spec(activation), facts(range)) == "", "\(activation) \(range)")
    }
  }

  /// Targets an output cannot reach in a small part (at most 1% of a column beyond its range
  /// by more than 1% of the column's range) are a warning, not an error: noise just below a
  /// relu's 0 (2 of 200 at −0.036, or one −0.001), probabilities rounded to 1.0000001. More
  /// than 1% far beyond is refused.
  @Test func targetsSlightlyOutOfReachAreAWarning() throws {
    func spec(_ activation: String) -> String {
      "dataset: {file: y.csv, target: y}\nmodel:\n  type: mlp\n  layers: [{units: 8, "
        + "activation: relu}, {units: 1, activation: \(activation)}]\nloss: mse\n"
    }
    func facts(_ values: [Double]) -> DataFacts {
      DataFacts(classes: nil, targetColumns: 1, targetRange: [TargetSpread(values)!])
    }
    let spread = (0..<198).map { Double($0) / 20 }
    #expect(
      try Self.check(spec("relu"), facts(spread + [-0.036, -0.036])) == """
        spec.yaml:4:65: warning: the targets range from -0.036 to 9.85, but a relu output gives values in [0, ∞) only
          4 |   layers: [{units: 8, activation: relu}, {units: 1, activation: relu}]
            |                                                                 ^
        note: few values lie beyond it, or only just (at most 1% of them by more than 1% of their range): the output cannot fit those (clip them, or use an identity output)

        """)
    let one = try Self.check(spec("relu"), facts(Array(spread.prefix(40)) + [-0.001]))
    #expect(one.hasPrefix("spec.yaml:4:65: warning: the targets range from -0.001 to 1.95"))
    let rounded = try Self.check(spec("sigmoid"), facts([0.2, 0.5, 1.0000001, 0, 0.9]))
    #expect(rounded.hasPrefix("spec.yaml:4:65: warning: the targets range from 0 to 1.0000001"))
    // 2 of 200 far below (1%) are a warning; 3 (1.5%) an error, as a few slightly below are not.
    #expect(try Self.check(spec("relu"), facts(spread + [-1, -1])).contains(" warning: "))
    let three = try Self.check(spec("relu"), facts(spread + [-1, -1, -1]))
    #expect(three.hasPrefix("spec.yaml:4:65: error: the targets range from -1 to 9.85"), "\(three)")
    #expect(three.contains("fix-it: activation: identity"))
    #expect(
      try Self.check(spec("relu"), facts(spread + [-0.05, -0.05, -0.05])).contains(" warning: "))
  }

  /// With several target columns, the columns out of reach are named, each with its own range.
  @Test func theTargetColumnsOutOfReachAreNamed() throws {
    let text = """
      dataset: {file: y.csv, target: [p, q, r]}
      model:
        type: mlp
        layers: [{units: 8, activation: relu}, {units: 3, activation: sigmoid}]
      loss: mse

      """
    func facts(_ columns: [[Double]]) -> DataFacts {
      DataFacts(classes: nil, targetColumns: 3, targetRange: columns.map { TargetSpread($0)! })
    }
    let p = [0.1, 0.5, 0.9]
    #expect(
      try Self.check(text, facts([p, [-3, 0, 5], p])).hasPrefix(
        "spec.yaml:4:65: error: the targets of column 'q' range from -3 to 5, but a sigmoid "
          + "output gives values in (0, 1) only\n"))
    #expect(
      try Self.check(text, facts([p, [-3, 0, 5], [0, 7]])).hasPrefix(
        "spec.yaml:4:65: error: the targets of column 'q' range from -3 to 5, and of column 'r' "
          + "from 0 to 7, but a sigmoid output gives values in (0, 1) only\n"))
    #expect(try Self.check(text, facts([p, p, p])) == "")
  }

  /// A data rule broken by one value of a sweep axis is said of that value in the trial (as a
  /// validation curve's are), without a fix-it that names another key.
  @Test func aSweptValueBreakingADataRuleIsNamed() throws {
    let text = """
      dataset: {file: y.csv, target: y}
      model:
        type: mlp
        layers: [{units: 8, activation: relu}, {units: 1, activation: identity}]
      loss: mse
      sweep:
        parameters:
          model.layers[1].activation: [identity, sigmoid]

      """
    let plan = try load(text).get()
    var warnings: [Diagnostic] = []
    let axis = try #require(plan.spec.sweep?.axes.first)
    let trials = try SpecLoader.resolve(
      SpecLoader.trialTree(text: text, file: "spec.yaml", options: .init()),
      combos: [[(axis, .string("identity"))], [(axis, .string("sigmoid"))]], file: "spec.yaml",
      options: .init(), warnings: &warnings)
    let facts = DataFacts(
      classes: nil, targetColumns: 1, targetRange: [TargetSpread([-200, 200])!])
    let rendered = trials.map { trial in
      DiagnosticRenderer().render(
        SpecLoader.check(
          LoadedSpec(spec: trial!.spec, sourceMap: trial!.map, file: "spec.yaml"), against: facts))
    }
    #expect(rendered[0] == "")
    #expect(
      rendered[1] == """
        spec.yaml:8:5: error: with model.layers[1].activation = sigmoid, the targets range from -200 to 200, but a sigmoid output gives values in (0, 1) only
          8 |     model.layers[1].activation: [identity, sigmoid]
            |     ^
        note: an identity output gives any real value; sweep.parameters sets this value

        """)
  }

  /// Labels 1 and 2 make three classes, class 0 empty: the error says they look 1-based and to
  /// renumber them (or name them in a CSV), not to train a 3-unit softmax with a class that has
  /// no row. Labels from 0, or classes the spec names, keep the usual advice.
  @Test func labelsFromOneAreSaidToLookOneBased() throws {
    let text = """
      dataset: {file: points.csv, target: label}
      model:
        type: mlp
        layers: [{units: 8, activation: relu}, {units: 1, activation: sigmoid}]
      loss: binary_cross_entropy

      """
    #expect(
      try Self.check(text, DataFacts(classes: 3, targetColumns: 1, smallestLabel: 1)) == """
        spec.yaml:5:7: error: binary_cross_entropy with 3 classes in the data; the labels start at 1, so class 0 has no rows
          5 | loss: binary_cross_entropy
            |       ^
        note: class indices start at 0, and labels 1 to 2 look 1-based: renumber them from 0 (subtract 1), or, in a CSV file, name the classes as written (dataset.classes: ['1', '2']: label 1 is then class 0)

        """)
    let fromZero = try Self.check(text, DataFacts(classes: 3, targetColumns: 1, smallestLabel: 0))
    #expect(fromZero.contains("fix-it: loss: cross_entropy"), "\(fromZero)")
    // A softmax of too few units on labels 1 to 5: renumbering, not `units: 6`.
    let units = try Self.check(Self.mlp, DataFacts(classes: 6, targetColumns: 1, smallestLabel: 1))
    #expect(
      units.contains(
        "note: class indices start at 0, and labels 1 to 5 look 1-based: renumber them from 0 "
          + "(subtract 1), or, in a CSV file, name the classes as written (dataset.classes: "
          + "['1', '2', '3', …]: label 1 is then class 0)"), "\(units)")
    #expect(!units.contains("fix-it"), "\(units)")
    let named = try Self.check(
      Self.mlp, DataFacts(classes: 6, targetColumns: 1, classNames: ["a", "b"], smallestLabel: 1))
    #expect(named.contains("fix-it: units: 6"), "\(named)")
  }
}

/// A regression's classification metrics count an output above 0.5 as 1, so they are
/// recorded on one column of 0/1 targets only (a perceptron's): on real targets they were
/// accepted and written as empty columns.
@Suite struct RegressionClassMetricsTests {
  static let spec = """
    dataset: {file: y.csv, target: y}
    model:
      type: mlp
      layers: [{units: 8, activation: tanh}, {units: 1, activation: identity}]
    loss: mse
    metrics: [mse, accuracy]

    """

  static func facts(_ columns: [[Double]]) -> DataFacts {
    DataFacts(
      classes: nil, targetColumns: columns.count, targetRange: columns.map { TargetSpread($0)! })
  }

  @Test func realTargetsRefuseClassificationMetrics() throws {
    #expect(
      try DataRuleTests.check(Self.spec, Self.facts([[0.5, 1.5, -2]])) == """
        spec.yaml:6:16: error: accuracy needs class labels; the targets are real values
          6 | metrics: [mse, accuracy]
            |                ^
        note: classification metrics of a regression need one column of 0/1 targets
        fix-it: metrics: [mse]

        """)
    #expect(
      try DataRuleTests.check(Self.spec, Self.facts([[0, 1], [1, 0]])).contains(
        "accuracy needs class labels"))
  }

  @Test func oneColumnOfZeroOneTargetsKeepsThem() throws {
    #expect(try DataRuleTests.check(Self.spec, Self.facts([[0, 1, 1, 0]])) == "")
  }
}
