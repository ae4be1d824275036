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
        "dataset.classes", "list of strings", "none", "Class names; index i names class i.",
        "classes: [non-cat, cat]"),
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
      k(
        "dataset.split.train", "fraction, count or rest", "rest",
        "Training part: a fraction (0.8), a count (353) or `rest`.", "train: 0.8"),
      k(
        "dataset.split.dev", "fraction, count or rest", "0.0",
        "Dev part (model selection, early stopping).", "dev: 0.1"),
      k(
        "dataset.split.test", "fraction, count or rest", "0.0",
        "Test part (must stay 0 when a test file is given).", "test: 89"),
      k(
        "dataset.split.train_dev", "fraction, count or rest", "0.0",
        "Train-dev part: training distribution held out, for data-mismatch diagnosis.",
        "train_dev: 0.05"),
      k(
        "dataset.split.shuffle", "boolean", "true",
        "Shuffle before splitting (false: parts in file order).", "shuffle: false"),
      k(
        "dataset.split.stratify", "boolean", "true",
        "Keep class proportions in every part (classification only).", "stratify: false"),
      k(
        "dataset.split.seed", "integer ≥ 0", "the experiment's seed",
        "Seed of the split's shuffle.", "seed: 42"),
      k(
        "dataset.generator.type",
        choices(GeneratorSpec.Kind.self), "required",
        "The generator.", "type: blobs"),
      k(
        "dataset.generator.samples", "integer ≥ 1", "100",
        "Number of samples (gates: rows, a multiple of 4).", "samples: 256"),
      k(
        "dataset.generator.noise", "number ≥ 0", "0.0", "Standard deviation of Gaussian noise.",
        "noise: 0.25"),
      k(
        "dataset.generator.seed", "integer ≥ 0", "the experiment's seed", "The generator's seed.",
        "seed: 3"),
      k(
        "dataset.generator.weights", "list of numbers", "[1.0]",
        "linear: true weights, one per feature.", "weights: [5]"),
      k("dataset.generator.bias", "number", "0.0", "linear: true bias.", "bias: 7"),
      k(
        "dataset.generator.coefficients", "list of numbers", "[0.0, 1.0]",
        "polynomial: coefficients of x⁰, x¹, ...", "coefficients: [1, -2, 0.5]"),
      k(
        "dataset.generator.x_range", "[low, high]",
        "linear: [0, 1]; polynomial: [-1, 1]; sine: [0, 2π]", "Interval x is drawn from uniformly.",
        "x_range: [0, 1]"),
      k(
        "dataset.generator.means", "list of vectors", "required for blobs",
        "blobs: one mean per class.", "means: [[3, 4], [7, 6]]"),
      k(
        "dataset.generator.covariances", "list of matrices", "identity",
        "blobs: one covariance matrix per class.",
        "covariances: [[[3, 0], [0, 1]], [[3, 0], [0, 2]]]"),
      k(
        "dataset.generator.sizes", "list of integers", "100 per class", "blobs: samples per class.",
        "sizes: [100, 200]"),
      k(
        "dataset.generator.gate", choices(LogicGate.self), "xor", "gates: the logic gate.",
        "gate: and"),
      k(
        "dataset.generator.factor", "number in (0, 1)", "0.5",
        "circles: inner radius over outer radius.", "factor: 0.3"),
      k("dataset.generator.classes", "integer ≥ 2", "2", "spirals: number of arms.", "classes: 3"),
    ]
}
