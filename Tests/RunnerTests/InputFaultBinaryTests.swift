import Datasets
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The fault corpus on the built binary, for the inputs a user can hand it: each
/// case ends with its exact message and exit status, and a watchdog kills a run that hangs (or
/// aborts) so that a regression fails instead of blocking the suite.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct InputFaultBinaryTests {
  /// `runner arguments` in `dir`'s clean environment, killed after `seconds`.
  static func run(_ arguments: [String], in dir: URL, seconds: Double = 20) throws
    -> SweepBinary.Result
  {
    let deadline = Date().addingTimeInterval(seconds)
    let result = try SweepBinary.run(
      arguments,
      environment: ["XDG_CACHE_HOME": dir.appendingPathComponent("cache").path, "HOME": dir.path],
      killWhen: { Date() > deadline })
    #expect(!result.killed, "killed by the watchdog or a signal: \(result.error)")
    return result
  }

  /// A folder holding `points.csv` (two classes) and `files`.
  static func project(_ files: [String: String], label: String = #function) throws -> URL {
    let dir = SweepBinary.temporaryDirectory(label)
    var csv = "x1,x2,label\n"
    for i in 0..<12 { csv += "\(Double(i) / 4),\(i % 3 - 1),\(i % 2)\n" }
    try csv.write(to: dir.appendingPathComponent("points.csv"), atomically: true, encoding: .utf8)
    for (name, text) in files {
      try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return dir
  }

  /// A small MLP spec reading `file`, with `units` hidden units.
  static func spec(_ file: String, units: Int = 4, output: String = "points") -> String {
    """
    output: \(output)
    dataset:
      file: \(file)
      target: label
    model:
      type: mlp
      layers:
        - {units: \(units), activation: relu}
        - {units: 1, activation: sigmoid}
    loss: binary_cross_entropy
    optimizer: {type: adam, epochs: 2}

    """
  }

  // Case 7: a 29-byte gzip IDX file claiming 2³⁴ bytes aborted `data show`, `run`.
  @Test func hostileGzipIDXIsRefusedByEveryCommand() throws {
    let dir = try Self.project([
      "spec.yaml": """
      dataset:
        file: evil-idx3-ubyte.gz
        target_file: labels-idx1-ubyte
      model: {type: logreg}
      loss: binary_cross_entropy
      optimizer: {type: adam, epochs: 1}

      """
    ])
    // Header (131072, 131072) uint8, deflated; trailer: CRC-32 and size 12 + 2³⁴ mod 2³².
    let evil: [UInt8] = [
      0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF, 0x63, 0x60, 0xE0, 0x60, 0x62, 0x60, 0x62, 0x60, 0,
      0x61, 0, 0x5A, 0x6B, 0xEF, 0xD2, 0x0C, 0, 0, 0,
    ]
    let path = dir.appendingPathComponent("evil-idx3-ubyte.gz")
    try Data(evil).write(to: path)
    try Data([0, 0, 8, 1, 0, 0, 0, 2, 0, 1]).write(
      to: dir.appendingPathComponent("labels-idx1-ubyte"))
    let message =
      "\(path.path) (offset 12): shape (131072, 131072) of uint8 needs 17179869196 uncompressed "
      + "bytes, but a 29-byte gzip file inflates to at most 30952 (damaged or hostile header)"
    let show = try Self.run(["data", "show", path.path], in: dir)
    #expect(show.status == 65)
    #expect(show.error == "error: \(message)\n")
    let spec = dir.appendingPathComponent("spec.yaml").path
    for command in ["run", "validate"] {
      let r = try Self.run([command, spec], in: dir)
      #expect(r.status == 65, "\(command)")
      #expect(r.error.hasPrefix("\(spec):2:9: error: \(message)\n"), "\(command): \(r.error)")
    }
  }

  /// `data show` has no spec: a file it does not find is to be put in the current folder, which
  /// it looks in first (the remedy said "beside the spec").
  @Test func dataShowOfAMissingFileSaysWhereToPutIt() throws {
    let dir = try Self.project(["spec.yaml": Self.spec("absent.csv")])
    let show = try Self.run(["data", "show", "absent.csv"], in: dir)
    #expect(show.status == 66)
    #expect(show.error.contains("help: give an absolute path, put the file in the current folder,"))
    #expect(!show.error.contains("spec"), "\(show.error)")
  }

  // Case 9: `data show` and `validate` on a FIFO hung; /dev/zero was "no permission".
  @Test func specialFilesAreRefusedWithoutOpening() throws {
    let dir = try Self.project(["spec.yaml": Self.spec("pipe.csv")])
    let fifo = dir.appendingPathComponent("pipe.csv").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let refusal =
      "\(fifo): cannot read: is a named pipe (FIFO), not a regular file; data is read from "
      + "regular files only; copy it into a file first"
    let show = try Self.run(["data", "show", fifo], in: dir, seconds: 10)
    #expect(show.status == 66)
    #expect(show.error == "error: \(refusal)\n")
    let spec = dir.appendingPathComponent("spec.yaml").path
    let validate = try Self.run(["validate", spec], in: dir, seconds: 10)
    #expect(validate.status == 66)
    #expect(validate.error.hasPrefix("\(spec):3:9: error: \(refusal)\n"), "\(validate.error)")
    let zero = try Self.run(["data", "show", "/dev/zero"], in: dir, seconds: 10)
    #expect(zero.status == 66)
    #expect(
      zero.error
        == "error: /dev/zero: cannot read: is a character device, not a regular file; data is "
        + "read from regular files only; copy it into a file first\n")
  }

  // A link to nothing was "data file not found" with the places searched; it names its target
  // (exit 66 still), located at the file's value.
  @Test func aBrokenLinkNamesItsTarget() throws {
    let dir = try Self.project(["spec.yaml": Self.spec("gone.csv")])
    let link = dir.appendingPathComponent("gone.csv").path
    try FileManager.default.createSymbolicLink(
      atPath: link, withDestinationPath: "/nonexistent/x.csv")
    let refusal =
      "\(link): cannot read: is a broken symbolic link (to /nonexistent/x.csv, which does not "
      + "exist); fix the link so that it points at a data file"
    let show = try Self.run(["data", "show", link], in: dir)
    #expect(show.status == 66)
    #expect(show.error == "error: \(refusal)\n")
    let spec = dir.appendingPathComponent("spec.yaml").path
    let validate = try Self.run(["validate", spec], in: dir)
    #expect(validate.status == 66)
    #expect(validate.error.hasPrefix("\(spec):3:9: error: \(refusal)\n"), "\(validate.error)")
  }

  // `data show --columns` picks columns of a wide table by name.
  @Test func dataShowPicksColumns() throws {
    let dir = try Self.project([:])
    let points = dir.appendingPathComponent("points.csv").path
    let show = try Self.run(
      ["data", "show", points, "--columns", "x2,label", "--rows", "2"], in: dir)
    #expect(show.status == 0, "\(show.error)")
    #expect(
      show.output
        == "\(points): csv\n12 rows × 3 columns, shown: x2, label\n"
        + "class balance (label): 0: 6, 1: 6\nx2  label\n-1  0\n0   1\n")
  }

  // Case 11: a typo'd key or invalid YAML in runner.yaml was ignored; every command refuses it.
  @Test func brokenProjectConfigIsRefusedLocated() throws {
    let dir = try Self.project([
      "spec.yaml": Self.spec("points.csv"), "runner.yaml": "data_pth: [data]\n",
    ])
    let spec = dir.appendingPathComponent("spec.yaml").path
    let config = dir.appendingPathComponent("runner.yaml").standardizedFileURL.path
    let typo = "\(config):1:1: error: unknown key 'data_pth'; did you mean 'data_path'?\n"
    for arguments in [["validate", spec], ["run", spec], ["sweep", spec]] {
      let r = try Self.run(arguments, in: dir)
      #expect(r.status == 65, "\(arguments[0])")
      #expect(r.error.hasPrefix(typo), "\(arguments[0]): \(r.error)")
    }
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("results").path))
    try "data_path: [data\n".write(
      to: URL(fileURLWithPath: config), atomically: true, encoding: .utf8)
    let invalid = try Self.run(["validate", spec], in: dir)
    #expect(invalid.status == 65)
    #expect(
      invalid.error.hasPrefix(
        "\(config):1:12: error: invalid YAML: did not find expected ',' or ']' (while parsing a "
          + "flow sequence at line 1, column 12)\n"), "\(invalid.error)")
  }

  // Case 12: parameters of an 8-unit layer were used for a 4-unit spec, exit 0.
  @Test func predictRefusesParametersOfAnotherShape() throws {
    let dir = try Self.project([
      "eight.yaml": Self.spec("points.csv", units: 8, output: "eight"),
      "four.yaml": Self.spec("points.csv", units: 4, output: "four"),
    ])
    let results = dir.appendingPathComponent("results")
    let trained = try Self.run(
      ["run", dir.appendingPathComponent("eight.yaml").path, "--results-dir", results.path],
      in: dir)
    #expect(trained.status == 0, "\(trained.error)")
    let params = results.appendingPathComponent("eight/params").path
    let four = dir.appendingPathComponent("four.yaml").path
    let data = dir.appendingPathComponent("points.csv").path
    let output = dir.appendingPathComponent("predictions.csv").path
    let arguments = ["predict", four, "--params", params, "--data", data, "--output", output]
    // The run's spec.resolved.yaml names the difference before any data is read.
    let differ = try Self.run(arguments, in: dir)
    #expect(differ.status == 65)
    #expect(
      differ.error.hasPrefix(
        "\(four):8:15: error: \(four) is not the spec the parameters in \(params) were trained "
          + "with: model.layers[0].units: 8 in the run (\(results.path)/eight/spec.resolved.yaml), "
          + "4 here\n"), "\(differ.error)")
    // Another experiment's run: --params may be the mistake, not the spec (tester AN10).
    #expect(
      differ.error.contains(
        "note: --params may name another experiment's run (it holds a run of 'eight', the spec "
          + "is 'four'): give it a run folder of this spec's (`runner ls` lists the runs)\n"),
      "\(differ.error)")
    // Without it (an older run), the saved shapes are checked against the spec's model.
    try FileManager.default.removeItem(
      at: results.appendingPathComponent("eight/spec.resolved.yaml"))
    let r = try Self.run(arguments, in: dir)
    #expect(r.status == 65)
    #expect(
      r.error.contains(
        "\(four):8:5: error: invalid training configuration: saved parameters in \(params) do "
          + "not fit this spec's model: layer 1: saved weights are 2×8 with 8 biases; the spec's "
          + "model needs 2×4 with 4 (were they saved by a run of another spec?)\n"), "\(r.error)")
    #expect(!FileManager.default.fileExists(atPath: output))
    let same = try Self.run(
      [
        "predict", dir.appendingPathComponent("eight.yaml").path, "--params", params, "--data",
        data, "--output", output,
      ], in: dir)
    #expect(same.status == 0, "\(same.error)")
  }

  // Case 14: header-only and one-class tables are refused at load, at the spec line.
  @Test func unusableTablesAreRefusedAtTheSpecLine() throws {
    var one = "x1,x2,label\n"
    for i in 0..<12 { one += "\(i),\(i % 3),0\n" }
    let dir = try Self.project([
      "header.csv": "x1,x2,label\n", "one.csv": one,
      "header.yaml": Self.spec("header.csv"), "one.yaml": Self.spec("one.csv"),
    ])
    let header = dir.appendingPathComponent("header.yaml").path
    let csv = dir.appendingPathComponent("header.csv").path
    let r = try Self.run(["run", header], in: dir)
    #expect(r.status == 65)
    #expect(
      r.error.hasPrefix(
        "\(header):3:9: error: \(csv) (line 1): the table has a header and no rows: there is no "
          + "sample to learn from\n"), "\(r.error)")
    #expect(!r.output.contains("training"))
    let spec = dir.appendingPathComponent("one.yaml").path
    let single = try Self.run(["validate", spec], in: dir)
    #expect(single.status == 65)
    #expect(
      single.error.hasPrefix(
        "\(spec):4:11: error: \(dir.appendingPathComponent("one.csv").path) (column 'label'): "
          + "every one of the 12 labels is '0': a classifier needs at least two classes to learn "
          + "from (check the target column, or make it a regression)\n"), "\(single.error)")
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("results").path))
  }

  /// `validate` then `run` of `spec` in `dir`: both exit 65 with `message` first, and the run
  /// writes nothing.
  static func expectRefused(_ spec: String, in dir: URL, _ message: String) throws {
    for command in ["validate", "run"] {
      let results = dir.appendingPathComponent("results")
      let options = command == "run" ? ["--results-dir", results.path] : []
      let r = try Self.run([command, spec] + options, in: dir)
      #expect(r.status == 65, "\(command): \(r.error)")
      #expect(r.error.hasPrefix(message), "\(command): \(r.error)")
      #expect(!FileManager.default.fileExists(atPath: results.path))
    }
  }

  // Labels that are not small class indices: a 12-digit label aborted on allocating its class
  // names; a label of 100000 trained 100001 one-vs-rest models; three classes trained one
  // sigmoid unit on targets 0, 1, 2.
  @Test func labelsThatAreNotClassIndicesAreRefusedBeforeTraining() throws {
    func table(_ last: String) -> String {
      var csv = "x1,x2,label\n"
      for i in 0..<12 { csv += "\(i),\(i % 3),\(i % 2)\n" }
      return csv + "5,1,\(last)\n"
    }
    let dir = try Self.project([
      "huge.csv": table("999999999999"), "wide.csv": table("100000"), "three.csv": table("2"),
      "huge.yaml": Self.spec("huge.csv"), "three.yaml": Self.spec("three.csv"),
      "wide.yaml": """
      dataset: {file: wide.csv, target: label}
      model: {type: logreg, multiclass: ovr}
      optimizer: {type: gd, iterations: 2}

      """,
    ])
    let path = { (name: String) in dir.appendingPathComponent(name).path }
    try Self.expectRefused(
      path("huge.yaml"), in: dir,
      "\(path("huge.yaml")):4:11: error: \(path("huge.csv")) (line 14, column 'label'): label "
        + "999999999999 out of range: class indices are below 2147483647 (labels are class "
        + "indices 0 to k−1, or names)\n")
    try Self.expectRefused(
      path("wide.yaml"), in: dir,
      "\(path("wide.yaml")):1:35: error: the labels make 100001 classes (the largest is 100000, "
        + "at \(path("wide.csv")), line 14, column 'label'; the other labels are 0 to 1), more "
        + "than the 13 rows of the training set\n")
    try Self.expectRefused(
      path("three.yaml"), in: dir,
      "\(path("three.yaml")):10:7: error: binary_cross_entropy with 3 classes in the data; a "
        + "sigmoid output tells two classes apart\n")
  }

  // Features and labels of different lengths in .npy, IDX or HDF5 files passed `validate` (it
  // read the labels and the features' header, but did not compare them) and failed the run; a
  // (12, 0) features array trained to a NaN loss (exit 1). Both are now refused by both.
  @Test func arrayFilesWhoseShapesCannotTrainAreRefusedByValidateAndRun() throws {
    let dir = try Self.project([:])
    func write(_ name: String, _ shape: [Int], _ values: [Double]) throws {
      let array = try NDArray(shape: shape, storage: .float64(values))
      try Data(NPYFile.encode(array)).write(to: dir.appendingPathComponent(name))
    }
    try write("x.npy", [12, 2], (0..<24).map(Double.init))
    try write("empty.npy", [12, 0], [])
    try write("y10.npy", [10], (0..<10).map { Double($0 % 2) })
    try write("y12.npy", [12], (0..<12).map { Double($0 % 2) })
    let h5 = dir.appendingPathComponent("xy.h5").path
    try HDF5File.write(
      h5,
      arrays: [
        ("x", try NDArray(shape: [12, 2], storage: .float64((0..<24).map(Double.init)))),
        ("y", try NDArray(shape: [10], storage: .int64((0..<10).map { Int64($0 % 2) }))),
      ])
    func spec(_ features: String, _ labels: String) -> String {
      Self.spec(features).replacingOccurrences(of: "  target: label\n", with: labels)
    }
    let specs = [
      "short.yaml": spec("x.npy", "  target_file: y10.npy\n"),
      "empty.yaml": spec("empty.npy", "  target_file: y12.npy\n"),
      "h5.yaml": spec("xy.h5", "  features: x\n  target: y\n"),
    ]
    for (name, text) in specs {
      try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    let path = { (name: String) in dir.appendingPathComponent(name).path }
    try Self.expectRefused(
      path("short.yaml"), in: dir,
      "\(path("short.yaml")):4:16: error: \(path("y10.npy")): 10 targets for 12 samples in "
        + "\(path("x.npy"))\n")
    try Self.expectRefused(
      path("h5.yaml"), in: dir,
      "\(path("h5.yaml")):5:11: error: \(h5), dataset 'y': 10 targets for 12 samples in \(h5), "
        + "dataset 'x'\n")
    try Self.expectRefused(
      path("empty.yaml"), in: dir,
      "\(path("empty.yaml")):3:9: error: \(path("empty.npy")): the features' shape (12, 0) holds "
        + "no value per sample: there is nothing to learn from\n")
  }

  // An HDF5 file that does not open (cut short) was located at `features:`, the array it
  // should hold, not at `file:`.
  @Test func aDamagedHDF5FileIsLocatedAtItsFile() throws {
    let dir = try Self.project([:])
    let h5 = dir.appendingPathComponent("cut.h5")
    try HDF5File.write(
      h5.path,
      arrays: [
        ("x", try NDArray(shape: [12, 2], storage: .float64((0..<24).map(Double.init)))),
        ("y", try NDArray(shape: [12], storage: .int64((0..<12).map { Int64($0 % 2) }))),
      ])
    let bytes = try Data(contentsOf: h5)
    try bytes.prefix(bytes.count / 2).write(to: h5)
    let spec = dir.appendingPathComponent("cut.yaml")
    try Self.spec("cut.h5").replacingOccurrences(
      of: "  target: label\n", with: "  features: x\n  target: y\n"
    ).write(to: spec, atomically: true, encoding: .utf8)
    try Self.expectRefused(
      spec.path, in: dir,
      "\(spec.path):3:9: error: \(h5.path): HDF5 could not open the file (truncated or damaged: "
        + "its signature is there but its structure is not)\n")
  }

  // `predict --data` of three features for a two-feature model said "data does not fit the
  // model: input has 3 features, the model expects 2" at the spec's dataset line, without
  // naming the file.
  @Test func predictNamesADataFileOfAnotherWidth() throws {
    let dir = try Self.project(["spec.yaml": Self.spec("points.csv")])
    let results = dir.appendingPathComponent("results")
    let spec = dir.appendingPathComponent("spec.yaml").path
    let trained = try Self.run(["run", spec, "--results-dir", results.path], in: dir)
    #expect(trained.status == 0, "\(trained.error)")
    let wide = dir.appendingPathComponent("wide.npy").path
    let array = try NDArray(shape: [2, 3], storage: .float64([1, 2, 3, 4, 5, 6]))
    try Data(NPYFile.encode(array)).write(to: URL(fileURLWithPath: wide))
    let output = dir.appendingPathComponent("predictions.csv").path
    let r = try Self.run(
      [
        "predict", spec, "--params", results.appendingPathComponent("points/params").path,
        "--data", wide, "--output", output,
      ], in: dir)
    #expect(r.status == 65)
    #expect(
      r.error
        == "error: --data \(wide): its samples have 3 features, the spec's training data "
        + "has 2 features (is it data for another model?)\n")
    #expect(!FileManager.default.fileExists(atPath: output))
  }

  // Each CSV file numbered its label names in its own sorted order: a test file of only 'dog'
  // rows read 'dog' as class 0, 'cat' in training, and scored a perfect model 0% (exit 0); a
  // test class the training set lacks passed `validate` and failed the run as "test label 2.0
  // in row 3 is not a class index in 0..<2" at the training file.
  @Test func labelNamesMeanTheSameClassInEverySet() throws {
    func table(_ names: [String]) -> String {
      var csv = "x1,label\n"
      for i in 0..<12 { csv += "\(i),\(names[i % names.count])\n" }
      return csv
    }
    func spec(_ test: String, output: String) -> String {
      """
      output: \(output)
      dataset:
        train: {file: pets.csv, target: label}
        test: {file: \(test), target: label}
      model: {type: logreg}
      optimizer: {type: gd, iterations: 2}
      metrics: [accuracy, confusion_matrix]

      """
    }
    let dir = try Self.project([
      "pets.csv": table(["cat", "dog"]), "dogs.csv": table(["dog"]),
      "emus.csv": table(["cat", "dog", "emu"]),
      "dogs.yaml": spec("dogs.csv", output: "dogs"), "emus.yaml": spec("emus.csv", output: "emus"),
    ])
    let path = { (name: String) in dir.appendingPathComponent(name).path }
    let results = dir.appendingPathComponent("results")
    let dogs = try Self.run(["run", path("dogs.yaml"), "--results-dir", results.path], in: dir)
    #expect(dogs.status == 0, "\(dogs.error)")
    let matrix = try String(
      contentsOf: results.appendingPathComponent("dogs/confusion_matrix.csv"), encoding: .utf8)
    #expect(matrix.hasPrefix("actual,predicted_cat,predicted_dog\ncat,0,0\ndog,"), "\(matrix)")
    try FileManager.default.removeItem(at: results)
    try Self.expectRefused(
      path("emus.yaml"), in: dir,
      "\(path("emus.yaml")):4:34: error: \(path("emus.csv")) (line 4, column 'label'): label "
        + "'emu' is not one of the training set's classes ('cat', 'dog')\n")
  }

  /// A misspelt class name among named classes is named, with the class meant; it was
  /// "label virginica out of range: 3 classes take labels 0..2" at every virginica row (the
  /// file's own sorted names, the typo among them, had pushed virginica to index 3).
  @Test func aMisspeltClassNameIsNamedNotTheRowsAfterIt() throws {
    var csv = "x,label\n"
    for i in 0..<30 { csv += "\(i),\(["setosa", "versicolor", "virginica"][i % 3])\n" }
    csv += "30,setosaa\n"
    let dir = try Self.project([
      "names.csv": csv,
      "names.yaml": """
      dataset: {file: names.csv, target: label, classes: [setosa, versicolor, virginica]}
      model: {type: logreg, multiclass: softmax}
      loss: cross_entropy
      optimizer: {type: gd, iterations: 2}

      """,
    ])
    let spec = dir.appendingPathComponent("names.yaml").path
    for command in ["validate", "run"] {
      let results = ["--results-dir", dir.appendingPathComponent("results").path]
      let r = try Self.run([command, spec] + (command == "run" ? results : []), in: dir)
      #expect(r.status == 65, "\(command): \(r.error)")
      #expect(
        r.error.contains(
          "label 'setosaa' is not one of dataset.classes ('setosa', 'versicolor', 'virginica'); "
            + "did you mean 'setosa'?"), "\(command): \(r.error)")
      #expect(!r.error.contains("out of range"), "\(command): \(r.error)")
    }
  }
}
