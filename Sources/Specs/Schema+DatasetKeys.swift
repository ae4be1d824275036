/// The keys of `dataset:`.
extension Schema {
  static let dataFileKeys: [(String, String, String, String, String)] = [
    (
      "file", "path", "required",
      "Data file, relative to the spec's directory, then the data search path (RUNNER_DATA_PATH, runner.yaml's data_path).",
      "file: catvnoncat/train_catvnoncat.h5"
    ),
    (
      "format", choices(FileFormat.self), "from the extension",
      "File format (`.csv`, `.h5`/`.hdf5`, `.npy`, `.npz`, `*-ubyte[.gz]`/`.idx[.gz]`).",
      "format: hdf5"
    ),
    (
      "features", "string or list of strings",
      "CSV: every column but the target; npy/idx: the file",
      "CSV: feature column names; HDF5/NPZ: the features array's name.", "features: [bmi, bp]"
    ),
    (
      "target", "string or list of strings", "required for csv, hdf5, npz",
      "CSV: the target column, or several for a regression with one output per column; HDF5/NPZ: the labels array's name.",
      "target: target"
    ),
    (
      "target_file", "path", "required for npy, idx", "NPY/IDX: the file holding the labels.",
      "target_file: mnist/train-labels-idx1-ubyte.gz"
    ),
  ]

  static let dataset: [SchemaKey] =
    [
      k(
        "dataset.name",
        choices(DatasetName.self),
        "none",
        "A named dataset found through the data search path (one source: name, generator, file, or train/dev/test).",
        "name: iris"),
      k(
        "dataset.generator", "mapping", "none", "A built-in seeded generator.",
        "generator: {type: moons, samples: 200, noise: 0.1}"),
    ]
    + dataFileKeys.map {
      k("dataset." + $0.0, $0.1, $0.2, $0.3 + " (single-file source, divided by `split`)", $0.4)
    }
    + ["train", "dev", "test"].flatMap { part in
      [
        k(
          "dataset." + part, "mapping", "none",
          "Given \(part) file (with `train`, the source is given files).",
          "\(part): {file: \(part).csv, target: y}")
      ]
        + dataFileKeys.map { k("dataset.\(part).\($0.0)", $0.1, $0.2, $0.3, $0.4) }
    } + [
      k(
        "dataset.classes", "list of strings", "none",
        "Class names; index i names class i. A missing-value label (`NA`) is a class only when "
          + "listed.", "classes: [non-cat, cat]"),
      k(
        "dataset.preprocessing", "list of steps", "[]",
        "Steps in order; statistics are fitted on the training split only.",
        "preprocessing: [flatten, {scale: 1/255}]"),
      k(
        "dataset.preprocessing[].flatten", "step (no value)", "-",
        "Reshape each sample to a vector.", "- flatten"),
      k(
        "dataset.preprocessing[].scale", "number or a/b", "-",
        "Multiply every feature by a constant.", "- scale: 1/255"),
      k(
        "dataset.preprocessing[].standardize", "step (no value)", "-",
        "Subtract the training mean, divide by the training standard deviation.", "- standardize"),
      k(
        "dataset.preprocessing[].min_max", "[lower, upper]", "[0.0, 1.0]",
        "Map the training minimum and maximum of each feature to lower and upper.",
        "- min_max: [-1, 1]"),
      k(
        "dataset.preprocessing[].polynomial", "integer 1...10", "-",
        "Add all products of features up to this degree.", "- polynomial: 3"),
      k(
        "dataset.split", "mapping", "{train: rest}",
        "Division of the training source into train, dev, test and train-dev parts.",
        "split: {train: 0.8, dev: 0.1, test: 0.1}"),
    ]
    + keys("dataset.split.", SplitSpec.keys, defaults: SplitSpec()) + [
      k(
        "dataset.generator.type",
        choices(GeneratorSpec.Kind.self), "required",
        "The generator.", "type: blobs")
    ]
    + keys("dataset.generator.", GeneratorSpec.keys, defaults: GeneratorSpec(kind: .linear))
}
