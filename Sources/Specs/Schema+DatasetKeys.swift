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
          + "listed; so are CSV integer labels it lists (`['1', '2']`: label 1 is class 0). "
          + "Classes the data names by index (an HDF5 file's `list_classes`, a named dataset's) "
          + "may be renamed here, not reordered: a name the data gives another index is refused, "
          + "and so is a list of more or fewer names than the data has classes.",
        "classes: [non-cat, cat]"),
      k(
        "dataset.preprocessing", "list of steps", "[]",
        "Steps in order; statistics are fitted on the training split only (a learning-curve "
          + "point or bootstrap round: on its own training rows).",
        "preprocessing: [flatten, {scale: 1/255}]"),
    ]
    + steps.flatMap { s in
      [
        k(
          "dataset.preprocessing[]." + s.key, s.type, s.defaultText, s.meaning,
          "- " + s.key + (s.example.map { ": " + $0 } ?? ""))
      ] + s.below
    } + [
      k(
        "dataset.split", "mapping", "{train: rest}",
        "Division of the training source into train, dev, test and train-dev parts.",
        "split: {train: 0.8, dev: 0.1, test: 0.1}")
    ]
    + keys("dataset.split.", SplitSpec.keys, defaults: SplitSpec()) + [
      k(
        "dataset.generator.type",
        choices(GeneratorSpec.Kind.self), "required",
        "The generator.", "type: blobs")
    ]
    + generatorKeys("dataset.generator.")

  /// The generator's keys, each default read from every kind that takes the key
  /// (`GeneratorSpec(kind:)`): one value when they agree, else the most kinds' value with the
  /// others by kind (`100 (gates: 4)`), or each kind's (`linear: …; sine: …`).
  static func generatorKeys(_ prefix: String) -> [SchemaKey] {
    GeneratorSpec.keys.flatMap { key in
      let kinds = GeneratorSpec.Kind.allCases.filter {
        GeneratorSpec.keys(for: $0).contains(key.name)
      }
      let entries = kinds.map { key.schema(prefix, GeneratorSpec(kind: $0)) }
      guard var merged = entries.first, merged.count == 1 else { return entries.first ?? [] }
      // The defaults in order of their first kind, with the kinds giving each.
      var groups: [(value: String, kinds: [GeneratorSpec.Kind])] = []
      for (kind, entry) in zip(kinds, entries) {
        let value = entry[0].defaultValue
        if let i = groups.firstIndex(where: { $0.value == value }) {
          groups[i].kinds.append(kind)
        } else {
          groups.append((value, [kind]))
        }
      }
      let byKind = { (group: (value: String, kinds: [GeneratorSpec.Kind])) in
        group.kinds.map(\.rawValue).joined(separator: ", ") + ": " + group.value
      }
      if groups.count > 1 {
        let most = groups.max { $0.kinds.count < $1.kinds.count }!
        merged[0].defaultValue =
          most.kinds.count > 1
          ? most.value + " ("
            + groups.filter { $0.value != most.value }.map(byKind).joined(separator: "; ") + ")"
          : groups.map(byKind).joined(separator: "; ")
      }
      return merged
    }
  }
}

/// One preprocessing step, declared once: its key-reference entry
/// (`dataset.preprocessing[].key`), how its value is read and how it is written.
struct StepKey: @unchecked Sendable {
  /// A step written bare: the step with its defaults, or an error naming the value it needs.
  enum Bare {
    case step(PreprocessingStep)
    /// What it lacks, and an example of the value.
    case needs(String, example: String)
    /// What it lacks, values of the user's own data that no example can give: a note on how to
    /// find them, and no fix-it (one would validate with made-up values).
    case asks(String, note: String)
  }

  let key: String
  var type = "step (no value)"
  var defaultText = "-"
  let meaning: String
  /// The value in the docs' example (nil: the step takes none).
  var example: String? = nil
  /// What the step written without a value (or an empty one) is.
  let bare: Bare
  /// Reads the step from its value at a path (nil: the step takes no value).
  var read: ((inout SpecDecoder, SpecNode, SpecPath) -> PreprocessingStep?)? = nil
  /// Writes the step's value (nil: the step is written bare).
  var write: ((inout CanonicalBuilder, PreprocessingStep) -> Void)? = nil
  /// The key-reference entries of the keys of its value (`normalize.mean`), under the step's.
  var below: [SchemaKey] = []
}

extension Schema {
  /// The key-reference path of a `normalize` step's keys, up to the key.
  static let normalizePrefix = "dataset.preprocessing[].normalize."

  /// The preprocessing steps, in the key reference's order.
  static let steps: [StepKey] = [
    StepKey(key: "flatten", meaning: "Reshape each sample to a vector.", bare: .step(.flatten)),
    StepKey(
      key: "scale", type: "number" + SpecDecoder.ratioType,
      meaning: "Multiply every feature by a constant.",
      example: "1/255", bare: .needs("a factor", example: "1/255"),
      read: { d, value, path in
        guard let factor = d.ratio(value, path) else { return nil }
        return factor != 0 ? .scale(factor) : d.fail(value.location, "\(path) must not be 0")
      }, write: { b, step in if case .scale(let f) = step { b.add("scale", number: f) } }),
    StepKey(
      key: "normalize", type: "mapping",
      meaning:
        "Subtract a given mean from every feature and divide by a given std, after the steps "
        + "before it: torchvision's `transforms.Normalize(mean, std)` for one channel. A fixed "
        + "map, unlike standardize (fitted per feature on the training split).",
      example: "{mean: 0.485, std: 0.229}",
      bare: .asks("its mean and std", note: FixedNormalization.askedValues),
      read: { d, value, path in
        guard let m = d.mapping(value, path, example: "normalize: {mean: M, std: S}")
        else { return nil }
        if d.refusesChannelLists(m, path) { return nil }
        let parameters = FixedNormalization.parameters
        d.checkKeys(m, path, allowed: parameters.map(\.key))
        return .normalize(d.settings(m, path, parameters, base: FixedNormalization()))
      },
      write: { b, step in
        if case .normalize(let n) = step {
          b.add("normalize") { $0.add(FixedNormalization.parameters, n) }
        }
      },
      below: FixedNormalization.parameters.map { p in
        // Written as a whole list item, as a step is (`- normalize: {std: 0.25}`).
        var key = parameterKey(normalizePrefix, p)
        key.example = "- normalize: {\(key.example)}"
        return key
      }),
    StepKey(
      key: "standardize",
      meaning:
        "Subtract the training mean, divide by the training standard deviation (a column "
        + "constant up to rounding, variance ≤ m·ε·var + (m·mean·ε)² as scikit-learn's "
        + "StandardScaler judges it, is only centred).",
      bare: .step(.standardize)),
    StepKey(
      key: "min_max", type: "[lower, upper]", defaultText: "[0.0, 1.0]",
      meaning:
        "Map the training minimum and maximum of each feature to lower and upper (a column "
        + "whose training range is at most 10·ε of the dtype times its largest |value|, "
        + "2.2e-15 for float64 and 1.2e-6 for float32 of values near 1, constant up to "
        + "rounding in any units, is divided by 1 and its max recorded as its min: its training value maps to lower and "
        + "a held-out value moves by its distance from it times upper − lower).",
      example: "[-1, 1]", bare: .step(.minMax(lower: 0, upper: 1)),
      read: { d, value, path in
        guard let bounds = d.list(value, path, { d, n, p in d.double(n, p) }) else { return nil }
        guard bounds.count == 2, bounds[0] < bounds[1] else {
          return d.fail(value.location, "\(path) must be [lower, upper] with lower < upper")
        }
        return .minMax(lower: bounds[0], upper: bounds[1])
      },
      write: { b, s in if case .minMax(let l, let u) = s { b.add("min_max", numbers: [l, u]) } }),
    StepKey(
      key: "polynomial", type: PreprocessingStep.polynomialDegrees.typeText(integer: true),
      meaning: "Add all products of features up to this degree.", example: "3",
      bare: .needs("a degree", example: "2"),
      read: { d, n, p in
        d.integer(n, p, PreprocessingStep.polynomialDegrees).map { .polynomial(degree: $0) }
      },
      write: { b, s in if case .polynomial(let n) = s { b.add("polynomial", int: n) } }),
  ]
}
