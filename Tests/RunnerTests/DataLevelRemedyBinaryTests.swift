import Datasets
import Foundation
import Testing

/// Data-level mistakes that get a way forward: classes listed against the file's own order, a
/// picture or a sample without its sample axis given to predict, a one-line table to predict.
@Suite(.serialized, .enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct DataLevelRemedyBinaryTests {
  /// A folder with `pics.h5`: 8 pictures of 2×2×3 bytes (`x`), labels `y` 0/1 and
  /// `list_classes` [non-cat, cat], as the course's cat files hold them.
  static func pictures(label: String = #function) throws -> URL {
    let dir = SweepBinary.temporaryDirectory(label)
    let pixels = (0..<(8 * 12)).map { UInt8(($0 * 37) % 256) }
    try HDF5File.write(
      dir.appendingPathComponent("pics.h5").path,
      arrays: [
        ("x", try NDArray(shape: [8, 2, 2, 3], storage: .uint8(pixels))),
        ("y", try NDArray(shape: [8], storage: .int64([0, 1, 0, 1, 1, 0, 1, 0]))),
      ],
      strings: [("list_classes", ["non-cat", "cat"])])
    return dir
  }

  /// A spec over `pics.h5` naming the classes `classes`.
  static func spec(classes: String) -> String {
    """
    name: pics
    dataset:
      file: pics.h5
      features: x
      target: y
      classes: \(classes)
      preprocessing: [flatten, {scale: 1/255}]
    model: {type: logreg, init: zeros}
    optimizer: {type: gd, learning_rate: 0.01, iterations: 5}

    """
  }

  /// T9: the file's list_classes in another order is refused at dataset.classes, in validate
  /// and in run alike; a renaming is not.
  @Test func classesInAnotherOrderThanTheFilesAreRefusedAtTheirKey() throws {
    let dir = try Self.pictures()
    defer { try? FileManager.default.removeItem(at: dir) }
    let spec = dir.appendingPathComponent("pics.yaml")
    try Self.spec(classes: "[cat, non-cat]").write(to: spec, atomically: true, encoding: .utf8)
    let message =
      "\(spec.path):6:12: error: dataset.classes [cat, non-cat] orders the classes otherwise "
      + "than pics.h5's list_classes, which names them by index: 0 'non-cat', 1 'cat'; "
      + "dataset.classes has 'cat' at 0 (the file's 1), 'non-cat' at 1 (the file's 0)\n"
    let snippet = "  6 |   classes: [cat, non-cat]\n    |            ^\n"
    let note =
      "note: a class's name goes at its label's index; write classes: [non-cat, cat] (renaming "
      + "a class is fine: another name at the same index), or leave dataset.classes out to use "
      + "'non-cat', 'cat'\n"
    let results = dir.appendingPathComponent("results").path
    for command in [["validate", spec.path], ["run", spec.path, "--results-dir", results]] {
      let r = try SweepBinary.run(command, in: dir)
      #expect(r.status == 65, "\(command[0]): \(r.error)")
      #expect(r.error == message + snippet + note, "\(command[0]): \(r.error)")
    }
    #expect(!FileManager.default.fileExists(atPath: results))
    try Self.spec(classes: "[dog, cat]").write(to: spec, atomically: true, encoding: .utf8)
    let renamed = try SweepBinary.run(["validate", spec.path], in: dir)
    #expect(renamed.status == 0, "\(renamed.error)")
  }

  /// A named dataset's classes are listed by index too: the bundled breast_cancer's
  /// [malignant, benign] reordered by --set is refused at the --set value.
  @Test func aNamedDatasetsClassesInAnotherOrderAreRefused() throws {
    let r = try SweepBinary.run(
      [
        "validate", "experiments/breast-cancer-mlp-rmsprop.yaml", "--set",
        "dataset.classes=[benign, malignant]",
      ], in: SweepBinary.root)
    #expect(r.status == 65, "\(r.error)")
    #expect(
      r.error.hasPrefix(
        "--set dataset.classes=[benign, malignant]: error: dataset.classes [benign, malignant] "
          + "orders the classes otherwise than the named dataset 'breast_cancer', which names "
          + "them by index: 0 'malignant', 1 'benign'; dataset.classes has 'benign' at 0 (the "
          + "dataset's 1), 'malignant' at 1 (the dataset's 0)\n"), "\(r.error)")
  }

  /// The bundled datasets' folder, for a spec written outside the project.
  static let bundledData = [
    "RUNNER_DATA_PATH": SweepBinary.root.appendingPathComponent("experiments/data").path
  ]

  /// AD6: more class names than a named dataset has classes would train an output no sample
  /// has; refused at dataset.classes, in validate and run alike, with nothing written.
  @Test func moreClassNamesThanTheNamedDatasetHasAreRefused() throws {
    let dir = SweepBinary.temporaryDirectory(#function)
    defer { try? FileManager.default.removeItem(at: dir) }
    let spec = dir.appendingPathComponent("ir.yaml")
    try """
    name: ir
    dataset:
      name: iris
      classes: [setosa, versicolor, virginica, extra]
    model: {type: logreg, multiclass: softmax}
    loss: cross_entropy
    optimizer: {type: gd, epochs: 2}

    """.write(to: spec, atomically: true, encoding: .utf8)
    let message =
      "\(spec.path):4:12: error: iris has 3 classes (setosa, versicolor, virginica); "
      + "dataset.classes lists 4\n"
    let results = dir.appendingPathComponent("results").path
    for command in [["validate", spec.path], ["run", spec.path, "--results-dir", results]] {
      let r = try SweepBinary.run(command, environment: Self.bundledData, in: dir)
      #expect(r.status == 65, "\(command[0]): \(r.error)")
      #expect(r.error.hasPrefix(message), "\(command[0]): \(r.error)")
      #expect(!r.error.contains("warning"), "\(command[0]): \(r.error)")
    }
    #expect(!FileManager.default.fileExists(atPath: results))
    // Two-class data named with three: the same refusal (beside the loss rule's, true of
    // breast_cancer's own two classes whatever the list says).
    let cancer = try SweepBinary.run(
      [
        "validate", spec.path, "--set", "dataset.name=breast_cancer", "--set",
        "dataset.classes=[a, b, c]",
      ], environment: Self.bundledData, in: dir)
    #expect(cancer.status == 65, "\(cancer.error)")
    #expect(
      cancer.error.contains(
        "--set dataset.classes=[a, b, c]: error: breast_cancer has 2 classes (malignant, benign); "
          + "dataset.classes lists 3\n"), "\(cancer.error)")
    // A name too few (tester AF3): refused at dataset.classes before the rules that count
    // classes from the list (cross_entropy with 2 classes) or the labels it leaves out of range.
    for command in [["validate", spec.path], ["run", spec.path, "--results-dir", results]] {
      let fewer = try SweepBinary.run(
        command + ["--set", "dataset.classes=[setosa, versicolor]"], environment: Self.bundledData,
        in: dir)
      #expect(fewer.status == 65, "\(command[0]): \(fewer.error)")
      #expect(
        fewer.error.hasPrefix(
          "--set dataset.classes=[setosa, versicolor]: error: iris has 3 classes (setosa, "
            + "versicolor, virginica); dataset.classes lists 2\n"), "\(command[0]): \(fewer.error)")
      #expect(!fewer.error.contains("out of range"), "\(command[0]): \(fewer.error)")
    }
    #expect(!FileManager.default.fileExists(atPath: results))
  }

  /// AD4: a loss left out is named as the default it is, not blamed as if written.
  @Test func theDefaultLossIsSaidToBeTheDefault() throws {
    let dir = SweepBinary.temporaryDirectory(#function)
    defer { try? FileManager.default.removeItem(at: dir) }
    let spec = dir.appendingPathComponent("ir.yaml")
    try """
    name: ir
    dataset: {name: iris}
    model: {type: logreg, multiclass: softmax}
    optimizer: {type: gd, epochs: 2}

    """.write(to: spec, atomically: true, encoding: .utf8)
    let r = try SweepBinary.run(["validate", spec.path], environment: Self.bundledData, in: dir)
    #expect(r.status == 65, "\(r.error)")
    #expect(
      r.error.hasPrefix(
        "\(spec.path):3:15: error: loss defaults to binary_cross_entropy (none is written), with "
          + "3 classes in the data (setosa, versicolor, virginica); a softmax logreg needs "
          + "cross_entropy\n"), "\(r.error)")
    #expect(r.error.hasSuffix("fix-it: loss: cross_entropy\n"), "\(r.error)")
  }

  /// T11: a PNG given to predict is named as a picture, with how to save it as the training
  /// samples' array; one picture saved without its sample axis gets the leading axis.
  @Test func aPictureOrASampleWithoutItsAxisGetsTheArrayToSave() throws {
    let dir = try Self.pictures()
    defer { try? FileManager.default.removeItem(at: dir) }
    let spec = dir.appendingPathComponent("pics.yaml")
    try Self.spec(classes: "[non-cat, cat]").write(to: spec, atomically: true, encoding: .utf8)
    let results = dir.appendingPathComponent("results").path
    let run = try SweepBinary.run(["run", spec.path, "--results-dir", results], in: dir)
    #expect(run.status == 0, "\(run.error)")
    let params = results + "/pics"
    func predict(_ data: String) throws -> SweepBinary.Result {
      try SweepBinary.run(
        ["predict", spec.path, "--params", params, "--data", data, "-o", "-"], in: dir)
    }
    let png = dir.appendingPathComponent("me.png")
    try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48])
      .write(to: png)
    let picture = try predict("me.png")
    #expect(picture.status == 65)
    #expect(
      picture.error
        == "error: --data me.png: a PNG image (its magic number says so): the "
        + "runner reads arrays (CSV, HDF5, NPY, NPZ or IDX), not pictures\nhelp: save its pixels "
        + "as a .npy array with a leading sample axis, resized to the training samples' 2×2 "
        + "(shape (1, 2, 2, 3)): `python3 -c \"import numpy as np; from PIL import Image; "
        + "np.save('me.npy', np.asarray(Image.open('me.png').convert('RGB').resize((2, 2)))"
        + "[None])\"` and give me.npy\n", "\(picture.error)")

    let one = dir.appendingPathComponent("me.npy")
    try NPYFile.encode(try NDArray(shape: [2, 2, 3], storage: .uint8((0..<12).map(UInt8.init))))
      .writeBytes(to: one)
    let single = try predict("me.npy")
    #expect(single.status == 65)
    #expect(
      single.error
        == "error: --data me.npy: its samples have 6 features, the spec's training "
        + "data has 12 features; one sample? the first axis is the samples' (2 here): add a "
        + "leading axis, shape (1, 2, 2, 3) (`np.save(FILE, a[None])`)\n", "\(single.error)")
    try NPYFile.encode(
      try NDArray(shape: [1, 2, 2, 3], storage: .uint8((0..<12).map(UInt8.init)))
    ).writeBytes(to: one)
    let fixed = try predict("me.npy")
    #expect(fixed.status == 0, "\(fixed.error)")
    #expect(fixed.output.hasPrefix("row,label,class,probability_non-cat,probability_cat\n0,"))
  }

  /// T13: a one-line table to predict is told its line was read as the header, and the
  /// features to name.
  @Test func aHeaderlessOneLineTableIsToldToNameTheFeatures() throws {
    let (dir, spec, params) = try CommandFaultBinaryTests.trained()
    defer { try? FileManager.default.removeItem(at: dir) }
    let query = dir.appendingPathComponent("q.csv")
    try "0.15,1\n".write(to: query, atomically: true, encoding: .utf8)
    let r = try SweepBinary.run(
      ["predict", spec, "--params", params, "--data", query.path, "-o", "-"], in: dir)
    #expect(r.status == 65)
    #expect(
      r.error
        == "error: --data \(query.path) (line 1): the table has a header and no "
        + "rows: the first line is read as the header (the column names), so '0.15,1' named "
        + "columns and left nothing to predict; add a first line naming the features, "
        + "`x1,x2`, above the values\n", "\(r.error)")
  }
}

extension [UInt8] {
  /// Writes the bytes to `url`.
  fileprivate func writeBytes(to url: URL) throws { try Data(self).write(to: url) }
}
