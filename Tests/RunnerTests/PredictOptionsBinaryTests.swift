import Foundation
import Testing

/// `runner predict`'s options as users of other command-line tools write them: `-o -` for
/// standard output, `--params` naming the run's folder.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct PredictOptionsBinaryTests {
  /// `runner ARGUMENTS` started in `dir`, with its cache there.
  static func run(_ arguments: [String], in dir: URL) throws -> SweepBinary.Result {
    try SweepBinary.run(
      arguments,
      environment: ["XDG_CACHE_HOME": dir.appendingPathComponent("cache").path, "HOME": dir.path],
      in: dir)
  }

  @Test func dashOutputWritesTheTableToStandardOutputAndNoFileNamedDash() throws {
    let (dir, spec, params) = try CommandFaultBinaryTests.trained()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = dir.appendingPathComponent("points.csv").path
    let file = try Self.run(
      ["predict", spec, "--params", params, "--data", data, "-o", "file.csv"], in: dir)
    #expect(file.status == 0, "\(file.error)")
    let written = try String(
      contentsOf: dir.appendingPathComponent("file.csv"), encoding: .utf8)
    let piped = try Self.run(
      ["predict", spec, "--params", params, "--data", data, "-o", "-"], in: dir)
    #expect(piped.status == 0, "\(piped.error)")
    // Only the CSV on standard output, byte for byte what -o FILE writes; the count on stderr.
    #expect(piped.output == written)
    #expect(written.hasPrefix("row,"))
    #expect(piped.error.contains(" predictions\n"), "\(piped.error)")
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("-").path))
  }

  @Test func aRunFolderAsParamsReadsItsParamsFolderAndAFolderOfRunsIsRefused() throws {
    let (dir, spec, params) = try CommandFaultBinaryTests.trained()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = dir.appendingPathComponent("points.csv").path
    func predict(_ params: String) throws -> SweepBinary.Result {
      try Self.run(["predict", spec, "--params", params, "--data", data, "-o", "-"], in: dir)
    }
    let expected = try predict(params)
    #expect(expected.status == 0, "\(expected.error)")
    #expect(expected.output.hasPrefix("row,"))
    let run = URL(fileURLWithPath: params).deletingLastPathComponent().path
    for folder in [run, run + "/", "results/points"] {
      let r = try predict(folder)
      #expect(r.status == 0, "\(folder): \(r.error)")
      #expect(r.output == expected.output, "\(folder)")
    }
    // results/ holds runs: which one is meant is not guessed, even when there is one.
    let results = try predict("results")
    #expect(results.status == 65)
    #expect(
      results.error
        == "error: --params results is a folder of runs, not a run's folder: it holds the "
        + "parameters of 1 run (results/points/params); give one run's folder or its params/ "
        + "folder, e.g. --params results/points/params\n", "\(results.error)")
    #expect(results.output.isEmpty)
  }

  /// The user's case: the shipped 2-output regression (`target: [y1, y2]`) run, then predicted
  /// on its point: exit 0 and one column per target, the primer's figures; rerunning onto the
  /// file it wrote replaces it without --force, but not once the user edited it, nor a table of
  /// the user's with a predictions file's header and row numbers (only with --force).
  @Test func aTwoOutputRegressionPredictsOneColumnPerTarget() throws {
    let dir = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let experiments = SweepBinary.root.appendingPathComponent("experiments")
    let spec = experiments.appendingPathComponent("primer002-three-layer-network.yaml").path
    let data = experiments.appendingPathComponent("data/primer002_point.csv").path
    let results = dir.appendingPathComponent("results").path
    let run = try Self.run(["run", spec, "--results-dir", results], in: dir)
    #expect(run.status == 0, "\(run.error)")
    let params = results + "/primer002-three-layer-network"
    for _ in 0..<2 {
      let r = try Self.run(
        ["predict", spec, "--params", params, "--data", data, "-o", "out.csv"], in: dir)
      #expect(r.status == 0, "\(r.error)")
    }
    let out = dir.appendingPathComponent("out.csv")
    let predicted = try String(contentsOf: out, encoding: .utf8)
    let lines = predicted.split(separator: "\n")
    #expect(lines.first == "row,value_y1,value_y2")
    let cells = lines.dropFirst().first?.split(separator: ",").map(String.init) ?? []
    #expect(cells.first == "0" && cells.count == 3, "\(lines)")
    for (cell, primer) in zip(cells.dropFirst(), [0.31682708, 0.69627909]) {
      #expect(abs((Double(cell) ?? .nan) - primer) < 5e-9, "\(cells)")
    }
    let predict = ["predict", spec, "--params", params, "--data", data, "-o"]
    let annotated = predicted.replacingOccurrences(of: "\n", with: " # checked\n")
    let mine = "row,value_y1,value_y2\n0,111,222\n"
    for (name, text) in [("out.csv", annotated), ("mine.csv", mine)] {
      try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
      let refused = try Self.run(predict + [name], in: dir)
      #expect(refused.status == 73, "\(refused.error)")
      #expect(
        refused.error
          == "error: -o \(name) exists and is not a predictions file the runner wrote (or it "
          + "was changed since); refusing to overwrite it (choose another -o, move the file "
          + "away, or pass --force)\n")
      #expect(
        try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) == text)
      let forced = try Self.run(predict + [name, "--force"], in: dir)
      #expect(forced.status == 0, "\(forced.error)")
      #expect(
        try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) == predicted)
    }
  }

  /// The user's case: trained with `--set dataset.preprocessing=[standardize]`, predicted with
  /// the spec alone (exit 0 with other numbers before): refused, naming the key, both values and
  /// what to do; the spec with the same `--set`, the run's resolved spec (its data beside the
  /// original spec, not the run folder) and the run's folder predict the same bytes; a reorder
  /// of the feature columns is refused.
  @Test func aSpecOtherThanTheRunsIsRefusedAndTheRunsResolvedSpecPredicts() throws {
    let dir = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var csv = "Age,Fare Paid,Survived\n"
    for i in 0..<20 {
      let (age, fare) = (18 + (i * 7) % 45, Double(5 + (i * 13) % 60) + 0.25 * Double(i))
      csv += "\(age),\(fare),\((fare > 30) != (i % 5 == 0) ? 1 : 0)\n"
    }
    let spec = """
      dataset:
        file: kaggle.csv
        target: Survived
        features: [Age, Fare Paid]
        split: {train: 0.8, test: 0.2}
      model: {type: logreg}
      optimizer: {type: gd, epochs: 50}
      report: {plots: false}

      """
    for (name, text) in [
      ("kaggle.csv", csv), ("new.csv", "Age,Fare Paid\n22,7.25\n38,71.28\n"), ("k4.yaml", spec),
    ] {
      try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    let standardize = ["--set", "dataset.preprocessing=[standardize]"]
    let trained = try Self.run(["run", "k4.yaml"] + standardize, in: dir)
    #expect(trained.status == 0, "\(trained.error)")
    let run = "results/k4@dataset.preprocessing=[standardize]"
    func predict(_ spec: String, _ extra: [String] = []) throws -> SweepBinary.Result {
      try Self.run(
        ["predict", spec, "--params", run, "--data", "new.csv", "-o", "-"] + extra, in: dir)
    }
    let other = try predict("k4.yaml")
    #expect(other.status == 65)
    // The command to type starts as this binary is started (`swift run … runner`), its paths
    // quoted for the shell, and repeats the other options given.
    #expect(
      other.error.hasPrefix(
        "error: k4.yaml is not the spec the parameters in \(run)/params were trained with: "
          + "dataset.preprocessing: [standardize] in the run (\(run)/spec.resolved.yaml), [] here\n"
          + "fix-it: predict with the --set options the run was given (its folder name, "
          + "k4@dataset.preprocessing=[standardize], lists them after @), or from the run's "
          + "resolved spec: "), "\(other.error)")
    #expect(
      other.error.hasSuffix(
        "runner predict '\(run)/spec.resolved.yaml' --params '\(run)/params' --data new.csv -o -\n"
      ), "\(other.error)")
    #expect(other.output.isEmpty)
    let expected = """
      row,label,class,probability_0,probability_1
      0,0,0,0.515576923765277,0.4844230762347231
      1,1,1,0.4171391763171395,0.5828608236828605

      """
    for (spec, extra) in [
      ("k4.yaml", standardize), ("\(run)/spec.resolved.yaml", []), (run, []), (run + "/", []),
    ] {
      let r = try predict(spec, extra)
      #expect(r.status == 0, "\(spec): \(r.error)")
      #expect(r.output == expected, "\(spec)")
      #expect(r.error == "2 predictions\n", "\(spec)")
    }
    try spec.replacingOccurrences(of: "[Age, Fare Paid]", with: "[Fare Paid, Age]")
      .write(to: dir.appendingPathComponent("k4.yaml"), atomically: true, encoding: .utf8)
    let reordered = try predict("k4.yaml", standardize)
    #expect(reordered.status == 65)
    #expect(
      reordered.error.hasPrefix(
        "k4.yaml:4:13: error: k4.yaml with its --set options is not the spec the parameters in "
          + "\(run)/params were trained with: dataset.features: [Age, Fare Paid] in the run "
          + "(\(run)/spec.resolved.yaml), [Fare Paid, Age] here\n"), "\(reordered.error)")
  }
}
