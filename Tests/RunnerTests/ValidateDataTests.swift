import Datasets
import Foundation
import Testing

/// `runner validate` refuses, located and with the run's exit status, what `runner run` would
/// refuse before training once it reads the data.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct ValidateDataTests {
  /// A folder holding `points.csv` (three classes) and `spec.yaml` with `text`.
  static func project(_ text: String, label: String = #function) throws -> URL {
    let dir = SweepBinary.temporaryDirectory(label)
    var csv = "x1,x2,label\n"
    for i in 0..<12 { csv += "\(Double(i) / 4),\(Double(i % 3) - 1),\(i % 3)\n" }
    try csv.write(to: dir.appendingPathComponent("points.csv"), atomically: true, encoding: .utf8)
    try text.write(to: dir.appendingPathComponent("spec.yaml"), atomically: true, encoding: .utf8)
    return dir
  }

  /// A clean environment: no data path, an empty cache.
  static func environment(_ dir: URL) -> [String: String] {
    ["XDG_CACHE_HOME": dir.appendingPathComponent("cache").path, "HOME": dir.path]
  }

  static let mlp = """
    dataset:
      file: points.csv
      target: label
    model:
      type: mlp
      layers:
        - {units: 4, activation: relu}
        - {units: 4, activation: softmax}
    loss: cross_entropy
    optimizer: {type: adam, epochs: 2}

    """

  /// `mlp` with an output layer that fits the three classes and `split` under `dataset`.
  static func fitting(split: String) -> String {
    mlp.replacingOccurrences(
      of: "{units: 4, activation: softmax}", with: "{units: 3, activation: softmax}"
    ).replacingOccurrences(of: "  target: label\n", with: "  target: label\n  split: \(split)\n")
  }

  @Test func outputUnitsAgainstClassesIsRefusedAtTheUnits() throws {
    let dir = try Self.project(Self.mlp)
    let spec = dir.appendingPathComponent("spec.yaml").path
    let r = try SweepBinary.run(["validate", spec], environment: Self.environment(dir))
    #expect(r.status == 65)
    #expect(
      r.error.contains(
        "\(spec):8:15: error: the output layer has 4 units but the data has 3 classes"),
      "\(r.error)")
    #expect(!r.output.contains("ok"))
    // `runner run` refuses the same spec with the same located error and writes nothing.
    let results = dir.appendingPathComponent("results")
    let run = try SweepBinary.run(
      ["run", spec, "--results-dir", results.path], environment: Self.environment(dir))
    #expect(run.status == 65)
    #expect(run.error.contains("\(spec):8:15: error: the output layer has 4 units"))
    #expect(!FileManager.default.fileExists(atPath: results.path))
  }

  /// A stray label (an ID in the label column) makes 2·10⁹ classes: validate refuses it as run
  /// does, at once, instead of listing the classes without training rows first (it grew to
  /// gigabytes, then crashed under a `ulimit -v` of 1 GB).
  @Test func aStrayHugeLabelIsRefusedBeforeAnyPerClassWork() throws {
    let dir = try Self.project(
      "dataset: {file: points.csv, target: label}\nmodel: {type: logreg}\n")
    try "x1,x2,label\n1,2,0\n2,3,2000000000\n3,1,0\n4,5,1\n".write(
      to: dir.appendingPathComponent("points.csv"), atomically: true, encoding: .utf8)
    let spec = dir.appendingPathComponent("spec.yaml").path
    for command in ["validate", "run"] {
      let r = try SweepBinary.run(
        [command, spec, "--results-dir", dir.appendingPathComponent("results").path],
        environment: Self.environment(dir), addressSpaceLimit: 1_000_000, killAfter: 120)
      #expect(r.status == 65, "\(command): \(r.status) \(r.error)")
      #expect(
        r.error.contains(
          "error: the labels make 2000000001 classes (the largest is 2000000000, at "
            + "\(dir.appendingPathComponent("points.csv").path), line 3, column 'label'; the "
            + "other labels are 0 to 1), more than the 4 rows of the training set"),
        "\(command): \(r.error)")
    }
  }

  /// Data that only preparing reveals as bad (a value beyond float32, a generator that
  /// overflows) is refused by validate as by run.
  @Test func valuesThePreparedDataCannotHoldAreRefused() throws {
    let float32 = Self.fitting(split: "{train: 0.5, test: 0.5}") + "dtype: float32\n"
    let dir = try Self.project(float32)
    try "x1,x2,label\n1e39,0,0\n1,1,1\n0,1,2\n1,0,0\n".write(
      to: dir.appendingPathComponent("points.csv"), atomically: true, encoding: .utf8)
    let generator =
      "dataset: {generator: {type: gates, gate: and, noise: 1e308}}\nmodel: {type: logreg}\n"
    try generator.write(
      to: dir.appendingPathComponent("gates.yaml"), atomically: true, encoding: .utf8)
    for (name, message) in [
      (
        "spec.yaml",
        "points.csv (line 2, column 'x1'): 1e+39 is beyond float32's range (±3.4028235e+38): "
          + "rescale the column or use dtype: float64"
      ),
      ("gates.yaml", "its values overflow"),
    ] {
      let spec = dir.appendingPathComponent(name).path
      let r = try SweepBinary.run(["validate", spec], environment: Self.environment(dir))
      #expect(r.status == 65)
      #expect(r.error.contains(message), "\(r.error)")
    }
  }

  @Test func matchingUnitsValidate() throws {
    let dir = try Self.project(
      Self.mlp.replacingOccurrences(
        of: "{units: 4, activation: softmax}", with: "{units: 3, activation: softmax}"))
    let spec = dir.appendingPathComponent("spec.yaml").path
    let r = try SweepBinary.run(["validate", spec], environment: Self.environment(dir))
    #expect(r.status == 0, "\(r.error)")
    // The runner.yaml that applies first (none above a temporary folder), then the memory
    // estimate (docs/spec.md, "Memory and threads").
    #expect(r.output.hasPrefix("\(spec): ok (runner.yaml: none, memory about 64.0 MB = data "))
    #expect(r.output.split(separator: "\n").count == 1)
  }

  // linreg gives one output per target column; explicit weights are checked against the data.
  @Test func explicitLinregWeightsAreCheckedAgainstTheFeaturesAndTargets() throws {
    let spec = """
      dataset: {file: points.csv, features: [x1], target: [x2, label]}
      model: {type: linreg, init: {type: explicit, weights: WEIGHTS, bias: BIAS}}
      loss: mse
      optimizer: {type: gd, iterations: 0}

      """
    func project(_ weights: String, _ bias: String, label: String = #function) throws -> URL {
      try Self.project(
        spec.replacingOccurrences(of: "WEIGHTS", with: weights).replacingOccurrences(
          of: "BIAS", with: bias), label: label + weights)
    }
    let fits = try project("[[0.1, 0.2]]", "[0, 0]")
    for command in ["validate", "run"] {
      let r = try SweepBinary.run(
        [command, fits.appendingPathComponent("spec.yaml").path]
          + (command == "run" ? ["--results-dir", fits.path] : []),
        environment: Self.environment(fits))
      #expect(r.status == 0, "\(command): \(r.error)")
    }
    try Self.expectBothRefuse(
      project("[[0.1]]", "[0]"),
      "spec.yaml:2:55: error: the explicit weights have 1 column but the data has 2 target columns")
    try Self.expectBothRefuse(
      project("[[0.1, 0.2], [0.3, 0.4]]", "[0, 0]"),
      "spec.yaml:2:55: error: the explicit weights have 2 rows but the data has 1 feature")
  }

  // A logreg's explicit weights against its classes, by the rule the run applies
  // (`ModelKind.mismatch`): two classes are one binary model of one output, three a softmax of
  // three (validate said ok, and the run refused without a line).
  @Test func explicitLogregWeightsAreCheckedAgainstTheClasses() throws {
    let gates = """
      dataset: {generator: {type: gates, gate: and}}
      model:
        type: logreg
        init: {type: explicit, weights: [[0.5, 0.1], [0.5, 0.1]], bias: [0, 0]}
      optimizer: {type: gd, iterations: 5}

      """
    try Self.expectBothRefuse(
      Self.project(gates, label: #function + "gates"),
      "spec.yaml:4:35: error: the explicit init holds weights 2×2 (inputs×outputs, one per "
        + "layer); the model needs 2×1")
    let blobs = """
      dataset: {generator: {type: blobs, means: [[0, 0], [3, 3], [0, 3]]}}
      model:
        type: logreg
        init: {type: explicit, weights: [[1, 2], [3, 4]], bias: [0, 0]}
      loss: cross_entropy
      optimizer: {type: gd, iterations: 5}

      """
    try Self.expectBothRefuse(
      Self.project(blobs, label: #function + "blobs"),
      "spec.yaml:4:35: error: the explicit init holds weights 2×2 (inputs×outputs, one per "
        + "layer); the model needs 2×3")
  }

  @Test func missingDataFileExits66AtTheFileKey() throws {
    let dir = try Self.project(Self.mlp.replacingOccurrences(of: "points.csv", with: "nowhere.csv"))
    let spec = dir.appendingPathComponent("spec.yaml").path
    let r = try SweepBinary.run(["validate", spec], environment: Self.environment(dir))
    #expect(r.status == 66)
    #expect(r.error.contains("\(spec):2:9: error: data file 'nowhere.csv' not found"), "\(r.error)")
    #expect(r.error.contains(dir.appendingPathComponent("nowhere.csv").path))
    // A typo of a file that is there is named; RUNNER_DATA_PATH, already set, is not to be set.
    let typo = try Self.project(Self.mlp.replacingOccurrences(of: "points.csv", with: "pionts.csv"))
    let typoSpec = typo.appendingPathComponent("spec.yaml").path
    var environment = Self.environment(typo)
    environment["RUNNER_DATA_PATH"] = "/nonexistent/data"
    let t = try SweepBinary.run(["validate", typoSpec], environment: environment)
    #expect(t.status == 66)
    #expect(
      t.error.contains(
        "\(typoSpec):2:9: error: data file 'pionts.csv' not found; did you mean 'points.csv'?"),
      "\(t.error)")
    #expect(t.error.contains("add its directory to RUNNER_DATA_PATH (now /nonexistent/data)"))
  }

  @Test func missingColumnIsLocatedAtItsListElement() throws {
    let text = Self.mlp.replacingOccurrences(
      of: "  target: label\n", with: "  features: [x1, x3]\n  target: label\n")
    let dir = try Self.project(text)
    let spec = dir.appendingPathComponent("spec.yaml").path
    let r = try SweepBinary.run(["validate", spec], environment: Self.environment(dir))
    #expect(r.status == 65)
    #expect(r.error.contains("\(spec):3:18: error: "), "\(r.error)")
    #expect(r.error.contains("no column named 'x3'"))
    // Every column the file lacks at once, each at its key, by validate and run alike.
    let two = try Self.project(
      Self.mlp.replacingOccurrences(
        of: "  target: label\n", with: "  features: [x1, x9]\n  target: lbl\n"))
    try Self.expectBothRefuse(two, "spec.yaml:4:11: error: ")
    try Self.expectBothRefuse(two, "spec.yaml:3:18: error: ")
    try Self.expectBothRefuse(two, "no column named 'x9'")
  }

  @Test func everyWrongDatasetNameIsLocatedAtItsKey() throws {
    let dir = try Self.project(
      """
      dataset:
        file: d.npz
        features: train_x
        target: test_y
      model: {type: logreg}
      loss: binary_cross_entropy
      optimizer: {type: adam, epochs: 1}

      """)
    let x = try NDArray(shape: [4, 2], storage: .float64([1, 2, 3, 4, 5, 6, 7, 8]))
    let y = try NDArray(shape: [4], storage: .int64([0, 1, 0, 1]))
    try Data(NPZFile.encode([("train_set_x", x), ("train_set_y", y)], compressed: false)).write(
      to: dir.appendingPathComponent("d.npz"))
    try Self.expectBothRefuse(
      dir,
      "spec.yaml:3:13: error: \(dir.path)/d.npz: no dataset named 'train_x'; available: "
        + "'train_set_x', 'train_set_y'; did you mean 'train_set_x'?")
    try Self.expectBothRefuse(
      dir, "spec.yaml:4:11: error: \(dir.path)/d.npz: no dataset named 'test_y'")
  }

  @Test func anUndownloadedNamedDatasetGetsANoteAndNothingIsDownloaded() throws {
    let dir = try Self.project(
      "dataset: {name: mnist}\nmodel: {type: mlp, layers: [{units: 10, activation: softmax}]}\n"
        + "loss: cross_entropy\n")
    let spec = dir.appendingPathComponent("spec.yaml").path
    let r = try SweepBinary.run(["validate", spec], environment: Self.environment(dir))
    #expect(r.status == 0, "\(r.error)")
    #expect(r.error.contains("\(spec): note: dataset 'mnist' is not downloaded yet"))
    // The data not found counts as empty: no figure (it said `memory about 64.0 MB = data 0
    // bytes + …`) until it is.
    #expect(
      r.output
        == "\(spec): ok (runner.yaml: none, memory estimate unavailable until the data is found)\n")
    // The command named fits every spec, a sweep's too (`runner run` refuses a sweep spec).
    #expect(
      r.error.contains("checked; `\(SweepBinary.command()) data fetch mnist` downloads it ("),
      "\(r.error)")
    // The spec is in no project, so a project's data path (which may hold it) was not searched.
    #expect(r.error.contains("\(spec): note: no runner.yaml in "), "\(r.error)")
    #expect(r.error.contains("so no project's `data_path` was searched"))
    #expect(
      !FileManager.default.fileExists(atPath: dir.appendingPathComponent("cache/runner").path))
    // Inside a project, its data path was searched: no such note.
    try "data_path: [data]\n".write(
      to: dir.appendingPathComponent("runner.yaml"), atomically: true, encoding: .utf8)
    let inside = try SweepBinary.run(["validate", spec], environment: Self.environment(dir))
    #expect(inside.status == 0, "\(inside.error)")
    #expect(inside.error.contains("\(spec): note: dataset 'mnist' is not downloaded yet"))
    #expect(!inside.error.contains("no runner.yaml"), "\(inside.error)")
  }

  /// With downloads turned off (`RUNNER_DATASET_MIRRORS` empty), `runner run` cannot get the
  /// dataset: `runner validate` refuses it with the run's error and status instead of a note.
  @Test func anUndownloadedNamedDatasetWithoutMirrorsIsRefusedAsTheRunRefusesIt() throws {
    let dir = try Self.project(
      "dataset: {name: mnist}\nmodel: {type: mlp, layers: [{units: 10, activation: softmax}]}\n"
        + "loss: cross_entropy\n")
    let spec = dir.appendingPathComponent("spec.yaml").path
    var environment = Self.environment(dir)
    environment["RUNNER_DATASET_MIRRORS"] = ""
    let validate = try SweepBinary.run(["validate", spec], environment: environment)
    let results = dir.appendingPathComponent("results")
    let run = try SweepBinary.run(
      ["run", spec, "--results-dir", results.path], environment: environment)
    #expect(run.status == 66, "\(run.error)")
    #expect(validate.status == run.status, "\(validate.error)")
    #expect(validate.error.contains("\(spec):1:17: error: "), "\(validate.error)")
    #expect(!validate.error.contains("not downloaded yet"), "\(validate.error)")
    // The user may not know the variable is set: the help says it turns downloads off.
    #expect(
      validate.error.contains(
        "help: downloads are off because RUNNER_DATASET_MIRRORS is set and empty: unset it to let "
          + "the runner download the files, or download the four IDX"), "\(validate.error)")
    let firstLine = { (text: String) in text.split(separator: "\n").first.map(String.init) }
    #expect(firstLine(validate.error) == firstLine(run.error))
  }

  // `NA` in a label column was a third class: validate blamed the loss without naming it, and
  // with cross_entropy the run trained on it. Both refuse it at its line; a regression too.
  @Test func aMissingValueTargetIsRefusedByValidateAndRun() throws {
    let dir = SweepBinary.temporaryDirectory(#function)
    let csv = dir.appendingPathComponent("d.csv").path
    try "x1,x2,y\n1,2,0\n2,3,1\n3,4,NA\n4,5,1\n5,6,0\n6,7,1\n7,8,0\n".write(
      toFile: csv, atomically: true, encoding: .utf8)
    let dataset = "dataset: {file: d.csv, target: y, split: {train: 1.0}"
    let cases = [
      (
        "model: {type: logreg}\n",
        "label 'NA' is a missing value (pandas.read_csv reads it as "
          + "NaN): remove the row or fill in its label; if it is a class name, list it in "
          + "dataset.classes"
      ),
      (
        "model: {type: logreg}\nloss: cross_entropy\n", "label 'NA' is a missing value"
      ),
      (
        "model: {type: linreg}\n",
        "'NA' is a missing value (pandas.read_csv reads it as NaN): "
          + "remove the row or fill in the value"
      ),
    ]
    for (i, (model, reason)) in cases.enumerated() {
      let spec = dir.appendingPathComponent("s\(i).yaml").path
      try "\(dataset)}\n\(model)".write(
        toFile: spec, atomically: true, encoding: .utf8)
      let validate = try SweepBinary.run(["validate", spec], environment: Self.environment(dir))
      #expect(validate.status == 65)
      #expect(
        validate.error.contains("error: \(csv) (line 4, column 'y'): \(reason)"),
        "\(validate.error)")
      let results = dir.appendingPathComponent("results").path
      let run = try SweepBinary.run(
        ["run", spec, "--results-dir", results], environment: Self.environment(dir))
      #expect(run.status == 65)
      let firstLine = { (text: String) in text.split(separator: "\n").first.map(String.init) }
      #expect(firstLine(validate.error) == firstLine(run.error), "\(run.error)")
      #expect(!FileManager.default.fileExists(atPath: results))
    }
    // Listed in dataset.classes, `NA` is a class name.
    let named = dir.appendingPathComponent("named.yaml").path
    try "\(dataset), classes: ['0', '1', 'NA']}\nmodel: {type: logreg}\nloss: cross_entropy\n"
      .write(toFile: named, atomically: true, encoding: .utf8)
    let validate = try SweepBinary.run(["validate", named], environment: Self.environment(dir))
    #expect(validate.status == 0, "\(validate.error)")
  }

  @Test func everySweepTrialIsCheckedAgainstTheData() throws {
    let text =
      Self.mlp.replacingOccurrences(
        of: "{units: 4, activation: softmax}", with: "{units: 3, activation: softmax}")
      + "sweep:\n  method: grid\n  parameters:\n    model.layers[1].units: [3, 5]\n"
    let dir = try Self.project(text)
    let spec = dir.appendingPathComponent("spec.yaml").path
    let r = try SweepBinary.run(["validate", spec], environment: Self.environment(dir))
    #expect(r.status == 65)
    #expect(
      r.error.contains("the output layer has 5 units but the data has 3 classes"), "\(r.error)")
    #expect(r.error.contains("\(spec):14:"), "located in the sweep: \(r.error)")
  }

  /// The exact solver refuses collinear features at `model.solver`, naming the column as the
  /// model sees it: `x1copy`, or after `polynomial: 2` of [a, b] with b = a² the third input
  /// (`a^2`, scikit-learn's name), which repeats b.
  @Test(arguments: [
    (
      "features: [x1, x1copy]\n  target: label", "x1,x1copy,label", 1,
      "spec.yaml:7:11: error: cannot solve least squares: feature 2 ('x1copy') is (nearly) a "
        + "linear combination of the others (remove it or add l2)"
    ),
    (
      "target: label\n  preprocessing: [{polynomial: 2}]", "a,b,label", 2,
      "spec.yaml:7:11: error: cannot solve least squares: feature 3 ('a^2') is (nearly) a "
        + "linear combination of the others (remove it or add l2)"
    ),
  ])
  func collinearFeaturesAreRefusedAtTheSolver(
    keys: String, header: String, power: Int, message: String
  ) throws {
    let text = """
      dataset:
        file: points.csv
        \(keys)
      model:
        type: linreg
        solver: exact

      """
    let dir = try Self.project(text)
    // The second column is the first (power 1) or its square (power 2).
    let rows = (0..<12).map { i in "\(i),\(power == 1 ? i : i * i),\(i % 3)" }
    let csv = ([header] + rows).joined(separator: "\n")
    try csv.write(to: dir.appendingPathComponent("points.csv"), atomically: true, encoding: .utf8)
    let spec = dir.appendingPathComponent("spec.yaml").path
    let results = dir.appendingPathComponent("results")
    let r = try SweepBinary.run(
      ["run", spec, "--results-dir", results.path], environment: Self.environment(dir))
    #expect(r.status == 65)
    #expect(r.error.contains("\(dir.path)/\(message)"), "\(r.error)")
  }

  /// Each given file's mistake is reported in one `validate`, not one per run (a tester fixed a
  /// wrong target in the training file only to meet the test file's wrong column next).
  @Test func everyGivenFilesMistakeIsReportedAtOnce() throws {
    let text = """
      dataset:
        train: {file: points.csv, target: labels}
        test: {file: missing.csv, target: label}
      model: {type: logreg}

      """
    let dir = try Self.project(text)
    let spec = dir.appendingPathComponent("spec.yaml").path
    let r = try SweepBinary.run(["validate", spec], environment: Self.environment(dir))
    #expect(r.status == 65, "\(r.error)")
    #expect(r.error.contains("\(spec):2:37: error: "), "\(r.error)")
    #expect(
      r.error.contains("\(spec):3:16: error: data file 'missing.csv' not found"), "\(r.error)")
  }

  /// `runner validate` refuses what `runner run` refuses of the results folder: a spec whose
  /// `output` (copied from a trial's spec.resolved.yaml) lies inside a sweep's folder.
  @Test func anOutputInsideASweepFolderIsRefusedByValidateToo() throws {
    let text = """
      name: mine
      output: study/0123456789ab
      dataset: {generator: {type: linear, samples: 20}, split: {train: 0.8, test: 0.2}}
      model: {type: linreg, solver: exact}

      """
    let dir = try Self.project(text)
    let sweep = dir.appendingPathComponent("results/study")
    try FileManager.default.createDirectory(at: sweep, withIntermediateDirectories: true)
    try "trial,seed\n0123456789ab,1\n".write(
      to: sweep.appendingPathComponent("plan.csv"), atomically: true, encoding: .utf8)
    let spec = dir.appendingPathComponent("spec.yaml").path
    let r = try SweepBinary.run(["validate", spec], environment: Self.environment(dir))
    #expect(r.status == 73, "\(r.error)")
    #expect(r.error.contains("is inside the sweep folder"), "\(r.error)")
  }

  /// `runner validate` refuses an output folder of another kind, as `run` and `sweep` do: a
  /// folder of other runs for a run, a run's folder for a sweep.
  @Test func anOutputFolderOfAnotherKindIsRefusedByValidateToo() throws {
    let text = """
      name: mine
      output: study
      dataset: {generator: {type: linear, samples: 20}, split: {train: 0.8, test: 0.2}}
      model: {type: linreg, solver: exact}

      """
    let dir = try Self.project(text)
    let run = dir.appendingPathComponent("results/study/a")
    try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
    for file in ["spec.resolved.yaml", "summary.csv"] {
      try "x\n".write(to: run.appendingPathComponent(file), atomically: true, encoding: .utf8)
    }
    let spec = dir.appendingPathComponent("spec.yaml").path
    let r = try SweepBinary.run(["validate", spec], environment: Self.environment(dir))
    #expect(r.status == 73, "\(r.error)")
    #expect(r.error.contains("is a folder of other runs' results (a)"), "\(r.error)")
    try (text + "sweep: {parameters: {seed: [1, 2]}}\n").write(
      toFile: spec, atomically: true, encoding: .utf8)
    let sweep = try SweepBinary.run(
      ["validate", spec, "--set", "output=study/a"], environment: Self.environment(dir))
    #expect(sweep.status == 73, "\(sweep.error)")
    #expect(sweep.error.contains("is a single run's results folder"), "\(sweep.error)")
  }

  @Test func earlyStoppingOnAnEmptyDevSplitIsRefusedBeforeTraining() throws {
    let text = Self.fitting(split: "{dev: 0.01}").replacingOccurrences(
      of: "optimizer: {type: adam, epochs: 2}",
      with: "optimizer: {type: adam, epochs: 2, early_stopping: {patience: 2}}")
    // 0.01 of 12 rows rounds to no row: refused at `dev`, before early stopping would find its
    // dev set empty.
    try Self.expectRefusedByValidateAndRun(
      text, at: ":4:16:",
      "split.dev: 0.01 of the 12 samples rounds to no row; raise it to at least 0.042, or leave "
        + "`dev` out")
  }

  /// Counts are taken as written: below the 12 rows the rest stay unused, above them the split
  /// is refused at `split:`, by validate (which counts the rows) as by run.
  @Test func splitCountsOverTheRowsAreRefused() throws {
    let dir = try Self.project(Self.fitting(split: "{train: 6, test: 3}"))
    let r = try SweepBinary.run(
      ["validate", dir.appendingPathComponent("spec.yaml").path],
      environment: Self.environment(dir))
    #expect(r.status == 0, "\(r.error)")
    try Self.expectRefusedByValidateAndRun(
      Self.fitting(split: "{train: 10, test: 4}"), at: ":4:10:",
      "dataset.split takes 14 rows (train 10, test 4) but the data has 12; lower the counts so "
        + "the parts take at most 12 rows (rows no part takes stay unused), or give fractions "
        + "of the data (e.g. test: 0.2)")
    // A part given with `--set` is where the division changed: the error points at it.
    let overridden = try SweepBinary.run(
      ["validate", dir.appendingPathComponent("spec.yaml").path, "--set", "dataset.split.test=7"],
      environment: Self.environment(dir))
    #expect(overridden.status == 65)
    #expect(
      overridden.error.hasPrefix(
        "--set dataset.split.test=7: error: dataset.split takes 13 rows (train 6, test 7)"),
      "\(overridden.error)")
    // An error of one part points at that part's override, not the first one given.
    let part = try SweepBinary.run(
      [
        "validate", dir.appendingPathComponent("spec.yaml").path, "--set",
        "dataset.split.train=0.96", "--set", "dataset.split.test=0.04",
      ], environment: Self.environment(dir))
    #expect(part.status == 65)
    #expect(
      part.error.hasPrefix("--set dataset.split.test=0.04: error: split.test: 0.04 of the 12"),
      "\(part.error)")
  }

  /// The split leaves 9 training rows (3 of each class's 4 rows are left after a stratified
  /// 0.25 test part): batches of 4 end with one row, which batch normalization refuses.
  @Test func batchNormalizationCountsTheSplitTrainingSet() throws {
    let text = Self.fitting(split: "{test: 0.25}").replacingOccurrences(
      of: "{units: 4, activation: relu}",
      with: "{units: 4, activation: relu, normalization: batch_norm}"
    ).replacingOccurrences(of: "epochs: 2}", with: "epochs: 2, batch_size: 4}")
    try Self.expectRefusedByValidateAndRun(
      text, at: ":11:",
      "batch normalization needs at least 2 rows per mini-batch, but the training set's 9 rows "
        + "in batches of 4 end with 1 row")
    let fine = text.replacingOccurrences(of: "batch_size: 4", with: "batch_size: 3")
    let dir = try Self.project(fine)
    let spec = dir.appendingPathComponent("spec.yaml").path
    let r = try SweepBinary.run(["validate", spec], environment: Self.environment(dir))
    #expect(r.status == 0, "\(r.error)")
  }

  /// The test part takes one row of each class, and the train-dev part 0.34 of the 12 rows,
  /// 4 (exactly, stratified too: rounding each class's share of the 9 left took 3): 5 training
  /// rows.
  @Test func learningCurveCountsTheTrainingSetLeftByTrainDev() throws {
    let text =
      Self.fitting(split: "{test: 0.25, train_dev: 0.34}")
      + "report: {learning_curve: {sizes: [2, 7]}}\n"
    try Self.expectRefusedByValidateAndRun(
      text, at: ":12:", "7 rows asked for a learning curve point, but the training set has 5")
  }

  /// `split.dev` carves the dev part out of a given training file: validate counts its rows (3
  /// of the 12, one per class), so early stopping has a dev set and the training set has 9 rows.
  /// Beside a dev file it is refused at `split:`, by validate as by run.
  @Test func aDevPartCarvedOutOfAGivenTrainingFileIsCounted() throws {
    let given = Self.fitting(split: "{dev: 0.25}").replacingOccurrences(
      of: "  file: points.csv\n  target: label\n",
      with: "  train: {file: points.csv, target: label}\n")
    let stopping = given.replacingOccurrences(
      of: "epochs: 2}", with: "epochs: 2, early_stopping: {patience: 2}}")
    let dir = try Self.project(stopping)
    let r = try SweepBinary.run(
      ["validate", dir.appendingPathComponent("spec.yaml").path],
      environment: Self.environment(dir))
    #expect(r.status == 0, "\(r.error)")
    // The run trains with it, and `runner predict` reads the run's parameters.
    let results = dir.appendingPathComponent("results")
    let run = try SweepBinary.run(
      ["run", dir.appendingPathComponent("spec.yaml").path, "--results-dir", results.path],
      environment: Self.environment(dir))
    #expect(run.status == 0, "\(run.error)")
    let folder = try #require(
      try FileManager.default.contentsOfDirectory(atPath: results.path).first { $0 != ".history" })
    let metrics = try String(
      contentsOf: results.appendingPathComponent(folder + "/metrics.csv"), encoding: .utf8)
    #expect(metrics.hasPrefix("epoch,train_loss,dev_loss,"), "\(metrics)")
    let predict = try SweepBinary.run(
      [
        "predict", dir.appendingPathComponent("spec.yaml").path, "--params",
        results.appendingPathComponent(folder).path, "--data",
        dir.appendingPathComponent("points.csv").path, "-o", "-",
      ], environment: Self.environment(dir))
    #expect(predict.status == 0, "\(predict.error)")
    #expect(predict.output.split(separator: "\n").count == 13, "\(predict.output)")
    try Self.expectRefusedByValidateAndRun(
      given + "report: {learning_curve: {sizes: [2, 10]}}\n", at: ":11:",
      "10 rows asked for a learning curve point, but the training set has 9")
    try Self.expectRefusedByValidateAndRun(
      given.replacingOccurrences(
        of: "target: label}\n", with: "target: label}\n  dev: {file: points.csv, target: label}\n"),
      at: ":4:10:", "dataset.split.dev must be 0 when a dev file is given")
  }

  /// A warning only a sweep's trials give (weight_decay beside a swept l2) is shown by
  /// `runner validate`, noted with its trial, and is an error under `--strict`.
  @Test func aTrialsOwnWarningIsShown() throws {
    let text =
      Self.fitting(split: "{dev: 0.25}").replacingOccurrences(
        of: "epochs: 2}", with: "epochs: 2, weight_decay: 0.01}")
      + "sweep: {parameters: {regularization.l2: [0.01]}}\n"
    let dir = try Self.project(text)
    let spec = dir.appendingPathComponent("spec.yaml").path
    let r = try SweepBinary.run(["validate", spec], environment: Self.environment(dir))
    #expect(r.status == 0, "\(r.error)")
    #expect(r.error.contains("warning: both weight_decay and regularization.l2"), "\(r.error)")
    #expect(r.error.contains("note: in the trial regularization.l2=0.01"))
    #expect(r.output.contains("ok (runner.yaml: none, 1 trial, 1 warning,"), "\(r.output)")
    let strict = try SweepBinary.run(
      ["validate", "--strict", spec], environment: Self.environment(dir))
    #expect(strict.status == 65)
    #expect(strict.error.contains("error: both weight_decay and regularization.l2"))
  }

  /// A sweep of several trials with derived seeds gets a note, once, from `runner validate`
  /// (not a warning: `--strict` passes); a swept seed has none.
  @Test func derivedTrialSeedsAreNotedOnce() throws {
    let text =
      Self.fitting(split: "{dev: 0.25}")
      + "seed: 4\nsweep: {parameters: {optimizer.learning_rate: [0.1, 0.01]}}\n"
    let dir = try Self.project(text)
    let spec = dir.appendingPathComponent("spec.yaml").path
    let note =
      "note: each trial starts from its own seed (derived from the spec's seed 4 and the trial's "
      + "training settings), so the trials draw different weights and batch orders; to compare "
      + "them from one start, add `seed: [4]` to sweep.parameters"
    for arguments in [["validate", spec], ["validate", "--strict", spec]] {
      let r = try SweepBinary.run(arguments, environment: Self.environment(dir))
      #expect(r.status == 0, "\(r.error)")
      #expect(r.error.components(separatedBy: note).count == 2, "\(r.error)")
      #expect(r.output.contains("ok (runner.yaml: none, 2 trials, memory"), "\(r.output)")
    }
    try text.replacingOccurrences(of: "[0.1, 0.01]}", with: "[0.1, 0.01], seed: [4]}")
      .write(toFile: spec, atomically: true, encoding: .utf8)
    let shared = try SweepBinary.run(["validate", spec], environment: Self.environment(dir))
    #expect(shared.status == 0, "\(shared.error)")
    #expect(!shared.error.contains("note:"), "\(shared.error)")
  }

  /// A warning at a swept value is what the sweep compares (`init: zeros` in a study of
  /// initializations): a note, which `--strict` lets pass; the same value written in the spec
  /// stays a warning.
  @Test func aWarningAtASweptValueIsANote() throws {
    let text =
      Self.fitting(split: "{dev: 0.25}")
      + "seed: 4\nsweep: {parameters: {model.init: [zeros, he], seed: [4]}}\n"
    let dir = try Self.project(text)
    let spec = dir.appendingPathComponent("spec.yaml").path
    let r = try SweepBinary.run(["validate", "--strict", spec], environment: Self.environment(dir))
    #expect(r.status == 0, "\(r.error)")
    #expect(r.error.contains(": note: init: zeros gives every hidden unit"), "\(r.error)")
    #expect(r.output.contains("ok (runner.yaml: none, 2 trials, memory"), "\(r.output)")
    try Self.fitting(split: "{dev: 0.25}").replacingOccurrences(
      of: "  type: mlp\n", with: "  type: mlp\n  init: zeros\n"
    ).write(
      toFile: spec, atomically: true, encoding: .utf8)
    let written = try SweepBinary.run(
      ["validate", "--strict", spec], environment: Self.environment(dir))
    #expect(written.status == 65, "\(written.error)")
    #expect(written.error.contains(": error: init: zeros gives every hidden unit"))
  }

  /// What only the prepared data shows, and the run warns of (a pandas index column trained
  /// on), `runner validate` warns of too, at the dataset; `runner run` says it as validate
  /// does, located, with its line (tester BC F11: the run's had no location).
  @Test func anIndexColumnIsAWarningOfValidate() throws {
    let dir = try Self.project(
      "dataset: {file: indexed.csv, target: label}\nmodel: {type: logreg}\n")
    var csv = ",x1,label\n"
    for i in 0..<12 { csv += "\(i),\(Double(i) / 4),\(i % 2)\n" }
    try csv.write(to: dir.appendingPathComponent("indexed.csv"), atomically: true, encoding: .utf8)
    let spec = dir.appendingPathComponent("spec.yaml").path
    let r = try SweepBinary.run(["validate", spec], environment: Self.environment(dir))
    #expect(r.status == 0, "\(r.error)")
    #expect(
      r.error.hasPrefix(
        "\(spec):1:10: warning: feature column 1 has an empty name (a pandas index?) and is "
          + "trained on; list the features in dataset.features to leave it out"), "\(r.error)")
    #expect(r.output.contains("ok (runner.yaml: none, 1 warning, memory"), "\(r.output)")
    let said = r.error.components(separatedBy: "\n").prefix(3).joined(separator: "\n")
    #expect(said.hasSuffix("^"), "\(r.error)")
    let run = try SweepBinary.run(
      ["run", spec, "--results-dir", dir.appendingPathComponent("results").path],
      environment: Self.environment(dir))
    #expect(run.status == 0, "\(run.error)")
    #expect(run.error.contains(said + "\n"), "\(run.error)")
  }

  /// Successive halving plans each rung again: the spec's notes are still printed once.
  @Test func aHalvingSweepPrintsItsNotesOnce() throws {
    let dir = SweepBinary.temporaryDirectory()
    let r = try SweepBinary.run(
      ["sweep", SweepBinary.fixture("halving-moons.yaml"), "--results-dir", dir.path])
    #expect(r.status == 0, "\(r.error)")
    #expect(r.error.contains("rung 2:"), "\(r.error)")
    #expect(r.error.components(separatedBy: "note: each trial starts").count == 2, "\(r.error)")
  }

  /// A warning only the data shows (one-vs-rest on two classes) is printed by `runner
  /// validate`, and is an error under `--strict`, as the spec's own warnings are: `run --strict`
  /// refuses it before training.
  @Test func aDataWarningIsAnErrorUnderStrict() throws {
    let dir = try Self.project(
      "dataset: {file: two.csv, target: label}\nmodel: {type: logreg, multiclass: ovr}\n"
        + "loss: binary_cross_entropy\n")
    var csv = "x1,label\n"
    for i in 0..<12 { csv += "\(i),\(i % 2)\n" }
    try csv.write(to: dir.appendingPathComponent("two.csv"), atomically: true, encoding: .utf8)
    let spec = dir.appendingPathComponent("spec.yaml").path
    let plain = try SweepBinary.run(["validate", spec], environment: Self.environment(dir))
    #expect(plain.status == 0, "\(plain.error)")
    #expect(plain.error.contains("\(spec):2:35: warning:"), "\(plain.error)")
    let strict = try SweepBinary.run(
      ["validate", "--strict", spec], environment: Self.environment(dir))
    #expect(strict.status == 65, "\(strict.error)")
    #expect(strict.error.contains("\(spec):2:35: error:"), "\(strict.error)")
    #expect(strict.error.contains("warnings are errors under --strict"))
    // `run --strict` refuses it as validate does, before training, and writes nothing.
    let results = dir.appendingPathComponent("results")
    let run = try SweepBinary.run(
      ["run", "--strict", spec, "--results-dir", results.path], environment: Self.environment(dir))
    #expect(run.status == 65, "\(run.error)")
    #expect(run.error.contains("\(spec):2:35: error:"), "\(run.error)")
    #expect(!run.error.contains("training for"), "\(run.error)")
    #expect(!FileManager.default.fileExists(atPath: results.path))
  }

  /// `sweep --strict` refuses a warning its trials' data gives before any trial runs, as
  /// `validate --strict` does; without `--strict` the trials run and say it.
  @Test func aDataWarningRefusesASweepUnderStrict() throws {
    let dir = try Self.project(
      "dataset: {file: indexed.csv, target: label, split: {dev: 0.25}}\nmodel: {type: logreg}\n"
        + "optimizer: {type: gd, iterations: 5}\n"
        + "sweep: {method: grid, parameters: {optimizer.learning_rate: [0.1, 0.2]}}\n")
    var csv = ",x1,label\n"
    for i in 0..<12 { csv += "\(i),\(Double(i) / 4),\(i % 2)\n" }
    try csv.write(to: dir.appendingPathComponent("indexed.csv"), atomically: true, encoding: .utf8)
    let spec = dir.appendingPathComponent("spec.yaml").path
    let results = dir.appendingPathComponent("results")
    let strict = try SweepBinary.run(
      ["sweep", "--strict", spec, "--results-dir", results.path],
      environment: Self.environment(dir))
    #expect(strict.status == 65, "\(strict.error)")
    #expect(
      strict.error.hasPrefix(
        "\(spec):1:10: error: feature column 1 has an empty name (a pandas index?)"),
      "\(strict.error)")
    #expect(strict.error.contains("warnings are errors under --strict"), "\(strict.error)")
    #expect(!FileManager.default.fileExists(atPath: results.path))
    let plain = try SweepBinary.run(
      ["sweep", spec, "--results-dir", results.path], environment: Self.environment(dir))
    #expect(plain.status == 0, "\(plain.error)")
    #expect(plain.error.contains("feature column 1 has an empty name"), "\(plain.error)")
  }

  /// Both `runner validate` and `runner run` refuse `text` with `message` at the spec's
  /// `location` (`:line:`), and the run writes nothing.
  /// `dataset:` lines reading features from `x.npy` (with `preprocessing`) for a logistic
  /// regression, its labels in `y.npy`.
  static func arraySpec(preprocessing: String = "[]") -> String {
    """
    dataset:
      file: x.npy
      target_file: y.npy
      preprocessing: \(preprocessing)
    model: {type: logreg}
    loss: binary_cross_entropy
    optimizer: {type: adam, epochs: 1}

    """
  }

  /// Writes `values` as a `(count, 2)` float64 `x.npy` and alternating labels as `y.npy`.
  static func writeArrays(_ values: [Double], in dir: URL) throws {
    let x = try NDArray(shape: [values.count / 2, 2], storage: .float64(values))
    let y = try NDArray(
      shape: [values.count / 2], storage: .int64((0..<(values.count / 2)).map { Int64($0 % 2) }))
    try Data(NPYFile.encode(x)).write(to: dir.appendingPathComponent("x.npy"))
    try Data(NPYFile.encode(y)).write(to: dir.appendingPathComponent("y.npy"))
  }

  // A NaN inside a `.npy` features array passed validate; the run refused it.
  @Test func aNaNInAnArrayFileIsRefusedByValidateAsByTheRun() throws {
    let text = Self.arraySpec()
    let dir = try Self.project(text)
    try Self.writeArrays([1, 2, 3, .nan, 5, 6, 7, 8], in: dir)
    let spec = dir.appendingPathComponent("spec.yaml").path
    try Self.expectBothRefuse(
      dir,
      "\(spec):2:9: error: \(dir.path)/x.npy (index [1, 1], counting from 0): nan is not a finite number"
    )
  }

  // A NaN in a test set's array file was located at the dataset's first key; it is the test
  // file's, located at the value naming it.
  @Test func aNaNInATestArrayFileIsLocatedAtThatFile() throws {
    let text = """
      dataset:
        train: {file: x.npy, target_file: y.npy}
        test: {file: xt.npy, target_file: yt.npy}
      model: {type: logreg}
      loss: binary_cross_entropy
      optimizer: {type: adam, epochs: 1}

      """
    let dir = try Self.project(text)
    try Self.writeArrays([1, 2, 3, 4, 5, 6, 7, 8], in: dir)
    let test = dir.appendingPathComponent("test")
    try FileManager.default.createDirectory(at: test, withIntermediateDirectories: true)
    try Self.writeArrays([1, 2, .infinity, 4], in: test)
    for name in ["x", "y"] {
      try FileManager.default.moveItem(
        at: test.appendingPathComponent("\(name).npy"),
        to: dir.appendingPathComponent("\(name)t.npy"))
    }
    let spec = dir.appendingPathComponent("spec.yaml").path
    try Self.expectBothRefuse(
      dir,
      "\(spec):3:16: error: \(dir.path)/xt.npy (index [1, 0], counting from 0): inf is not a finite number"
    )
  }

  /// `runner validate` and `runner run` on the project's `spec.yaml` both exit 65 with `message`.
  /// A sigmoid output on targets from 0 to 2 (the labels fitted with mse) and labels 1 and 2
  /// under binary_cross_entropy are refused by validate as by run, from the targets it reads.
  @Test func outputRangeAndOneBasedLabelsAreRefusedFromTheTargets() throws {
    let sigmoid = Self.mlp.replacingOccurrences(
      of: "{units: 4, activation: softmax}", with: "{units: 1, activation: sigmoid}"
    ).replacingOccurrences(of: "cross_entropy", with: "mse")
    try Self.expectBothRefuse(
      Self.project(sigmoid),
      "spec.yaml:8:30: error: the targets range from 0 to 2, but a sigmoid output gives values "
        + "in (0, 1) only")
    let dir = try Self.project(
      sigmoid.replacingOccurrences(of: "loss: mse", with: "loss: binary_cross_entropy"),
      label: "oneBased")
    var csv = "x1,x2,label\n"
    for i in 0..<12 { csv += "\(Double(i) / 4),\(Double(i % 3) - 1),\(i % 2 + 1)\n" }
    try csv.write(to: dir.appendingPathComponent("points.csv"), atomically: true, encoding: .utf8)
    try Self.expectBothRefuse(
      dir,
      "spec.yaml:9:7: error: binary_cross_entropy with 3 classes in the data; the labels start "
        + "at 1, so class 0 has no rows")
  }

  /// A sweep of the output activation on targets around ±200: `runner validate` refuses the
  /// sigmoid trial as its trial in `runner sweep` fails, both naming the swept value, with no
  /// fix-it naming another key (at the value in the sweep's list).
  @Test func aSweptOutputActivationIsRefusedAtItsValueByValidateAsByTheSweep() throws {
    let text = """
      dataset: {file: r.csv, target: y}
      model:
        type: mlp
        layers: [{units: 4, activation: relu}, {units: 1, activation: identity}]
      loss: mse
      optimizer: {type: adam, epochs: 2}
      sweep:
        parameters:
          model.layers[1].activation: [sigmoid, identity]

      """
    let dir = try Self.project(text)
    var csv = "x,y\n"
    for i in 0..<20 { csv += "\(i),\(i * 20 - 200)\n" }
    try csv.write(to: dir.appendingPathComponent("r.csv"), atomically: true, encoding: .utf8)
    let spec = dir.appendingPathComponent("spec.yaml").path
    let message =
      "with model.layers[1].activation = sigmoid, the targets range from -200 to 180, but a "
      + "sigmoid output gives values in (0, 1) only\n"
    let validate = try SweepBinary.run(["validate", spec], environment: Self.environment(dir))
    #expect(validate.status == 65, "\(validate.error)")
    // At the value the trial takes, `sigmoid`, in the axis's list (tester AW F6).
    #expect(validate.error.contains("\(spec):9:34: error: " + message), "\(validate.error)")
    #expect(!validate.error.contains("fix-it"), "\(validate.error)")
    let sweep = try SweepBinary.run(
      ["sweep", spec, "--results-dir", dir.appendingPathComponent("results").path],
      environment: Self.environment(dir))
    #expect(sweep.error.contains(" failed: " + message), "\(sweep.error)")
    #expect(sweep.error.contains("2/2 done, 0 running, 1 failed"), "\(sweep.error)")
  }

  static func expectBothRefuse(_ dir: URL, _ message: String) throws {
    let spec = dir.appendingPathComponent("spec.yaml").path
    for command in ["validate", "run"] {
      let results = ["--results-dir", dir.appendingPathComponent("results").path]
      let r = try SweepBinary.run(
        [command, spec] + (command == "run" ? results : []), environment: Self.environment(dir))
      #expect(r.status == 65, "\(command): \(r.error)")
      #expect(r.error.contains(message), "\(command): \(r.error)")
    }
  }

  // A column near 1e308 overflowed the standardize statistics and was refused; they are now
  // computed on power-of-two scaled columns (tester AX F14): validate takes it as the run does.
  @Test func aColumnNear1e308IsStandardizedNotRefused() throws {
    let dir = try Self.project(Self.arraySpec(preprocessing: "[standardize]"))
    try Self.writeArrays([1e308, 1, -1e308, 2, 1e308, 3, 1e308, 4], in: dir)
    let spec = dir.appendingPathComponent("spec.yaml").path
    let r = try SweepBinary.run(["validate", spec], environment: Self.environment(dir))
    #expect(r.status == 0, "\(r.error)")
    #expect(!r.error.contains("not finite"), "\(r.error)")
  }

  // Array files over the value-check limit are not read by validate, which says so.
  @Test func arrayFilesOverTheLimitGetANoteInsteadOfAValueCheck() throws {
    let dir = try Self.project(Self.arraySpec())
    let rows = DataLoader.valueCheckLimit / 16 + 1
    var header = "{'descr': '<f8', 'fortran_order': False, 'shape': (\(rows), 2), }"
    header += String(repeating: " ", count: 63 - (10 + header.utf8.count) % 64) + "\n"
    let path = dir.appendingPathComponent("x.npy")
    try Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, UInt8(header.utf8.count), 0] + header.utf8)
      .write(to: path)
    let handle = try FileHandle(forWritingTo: path)
    try handle.truncate(atOffset: UInt64(10 + header.utf8.count + rows * 16))  // zeros
    try handle.close()
    let y = try NDArray(shape: [rows], storage: .uint8((0..<rows).map { UInt8($0 % 2) }))
    try Data(NPYFile.encode(y)).write(to: dir.appendingPathComponent("y.npy"))
    let spec = dir.appendingPathComponent("spec.yaml").path
    let r = try SweepBinary.run(["validate", spec], environment: Self.environment(dir))
    #expect(r.status == 0, "\(r.error)")
    #expect(
      r.error.contains(
        "\(spec): note: the feature values of \(path.path) (64.0 MB once read) were not read: "
          + "`\(SweepBinary.command()) validate SPEC` reads at most 64 MB of array files; "
          + "`\(SweepBinary.command()) run SPEC` checks them "
          + "for NaN, infinity and overflow under preprocessing before training"), "\(r.error)")
  }

  static func expectRefusedByValidateAndRun(
    _ text: String, at location: String, _ message: String, label: String = #function
  ) throws {
    let dir = try Self.project(text, label: label)
    let spec = dir.appendingPathComponent("spec.yaml").path
    let validate = try SweepBinary.run(["validate", spec], environment: Self.environment(dir))
    #expect(validate.status == 65, "\(validate.error)")
    #expect(validate.error.contains(spec + location), "\(validate.error)")
    #expect(validate.error.contains(message), "\(validate.error)")
    let results = dir.appendingPathComponent("results")
    let run = try SweepBinary.run(
      ["run", spec, "--results-dir", results.path], environment: Self.environment(dir))
    #expect(run.status == 65, "\(run.error)")
    #expect(run.error.contains(spec + location), "\(run.error)")
    #expect(run.error.contains(message), "\(run.error)")
    #expect(!FileManager.default.fileExists(atPath: results.path))
  }
}

/// `runner validate --results-dir DIR` judges the results folder `run --results-dir DIR` would
/// write (validate had no such option and judged the project's results folder instead).
@Suite struct ValidateResultsDirTests {
  @Test func validateJudgesTheResultsFolderItIsGiven() throws {
    let dir = SweepBinary.temporaryDirectory()
    let spec = dir.appendingPathComponent("base.yaml")
    try "name: base\ndataset: {generator: {type: moons, samples: 40}}\nmodel: {type: logreg}\n"
      .write(to: spec, atomically: true, encoding: .utf8)
    let other = dir.appendingPathComponent("other")
    try FileManager.default.createDirectory(
      at: other.appendingPathComponent("base"), withIntermediateDirectories: true)
    try "trial,x\n".write(
      to: other.appendingPathComponent("base/plan.csv"), atomically: true, encoding: .utf8)
    let plain = try SweepBinary.run(["validate", spec.path])
    #expect(plain.status == 0, "\(plain.error)")
    let given = try SweepBinary.run(["validate", spec.path, "--results-dir", other.path])
    #expect(given.status == 73, "\(given.error)")
    #expect(given.error.contains("\(other.path)/base is a sweep folder"), "\(given.error)")
    let run = try SweepBinary.run(["run", spec.path, "--results-dir", other.path])
    #expect(run.status == 73, "\(run.error)")
  }
}

/// A sweep over a width with `init.from`: `runner validate` refuses the trial whose model the
/// saved layers do not fit, at `model.init.from` and naming the trial (it passed, and the trial
/// failed at run time with a message that did not name init.from), and the seed note does not
/// say the trials start from different weights (init.from gives every trial the same; its
/// mini-batches draw their orders from the trial's seed).
@Suite struct ValidateSweepInitFromTests {
  @Test func aSweptWidthTheSavedLayersDoNotFitIsRefused() throws {
    let dir = SweepBinary.temporaryDirectory()
    let base = """
      name: src
      dataset: {generator: {type: moons, samples: 60}, split: {train: 0.8, dev: 0.2}}
      model:
        type: mlp
        layers: [{units: 4, activation: relu}, {units: 1, activation: sigmoid}]
      loss: binary_cross_entropy
      optimizer: {type: gd, learning_rate: 0.5, iterations: 5}

      """
    let source = dir.appendingPathComponent("src.yaml")
    try base.write(to: source, atomically: true, encoding: .utf8)
    let results = dir.appendingPathComponent("results")
    #expect(try SweepBinary.run(["run", source.path, "--results-dir", results.path]).status == 0)
    let sweep = dir.appendingPathComponent("sweep.yaml")
    try
      (base.replacingOccurrences(
        of: "  type: mlp\n", with: "  type: mlp\n  init: {from: results/src}\n"
      ).replacingOccurrences(of: "{type: gd,", with: "{type: sgd, batch_size: 16,")
      + "sweep:\n  parameters:\n    model.layers[0].units: [4, 8]\n")
      .write(to: sweep, atomically: true, encoding: .utf8)
    let r = try SweepBinary.run(["validate", sweep.path])
    #expect(r.status == 65, "\(r.error)")
    #expect(
      r.error.contains(
        "\(sweep.path):5:16: error: saved parameters: 'results/src' holds weights 2×4, 4×1 "
          + "(inputs×outputs, one per layer); the model needs N×8, 8×1 (N: the features)"),
      "\(r.error)")
    #expect(r.error.contains("; in trial "), "\(r.error)")
    #expect(r.error.contains("(model.layers[0].units=8)"), "\(r.error)")
    #expect(r.error.contains("so the trials draw different batch orders and dropout masks"))
  }
}
