import Conventions

/// `dataset:`: one source (name, generator, file, or train/dev/test files), classes,
/// preprocessing and split.
extension SpecDecoder {
  mutating func decodeDataset(_ node: SpecNode, _ path: SpecPath) -> DatasetSpec? {
    guard let written = mapping(node, path) else { return nil }
    let m = withoutSplitKeys(written, path)
    checkKeys(m, path, allowed: Schema.children(of: "dataset"))

    let sourceKinds = ["name", "generator", "file", "train"].filter { m[$0] != nil }
    if sourceKinds.count > 1 {
      return fail(
        m.entry(sourceKinds[1])!.keyLocation,
        "dataset has more than one source ('\(sourceKinds.joined(separator: "', '"))')",
        note: "give exactly one of: name, generator, file, or train (with optional dev and test)")
    }
    guard let kind = sourceKinds.first else {
      if let part = m.entry("dev") ?? m.entry("test") {
        return fail(part.keyLocation, "dataset.\(part.key) is given without dataset.train")
      }
      return fail(
        m.location, "dataset has no source",
        note: "give one of: name (e.g. `name: iris`), generator, file, or train/dev/test files")
    }
    let owned = [("file", Schema.dataFileKeys.dropFirst().map(\.0)), ("train", ["dev", "test"])]
    for (owner, keys) in owned where kind != owner {
      for entry in keys.compactMap(m.entry) {
        // A bundled table's columns are chosen by naming its file (`diabetes.csv`).
        var table: DatasetName? = nil
        if case .scalar(let s)? = m["name"], let named = DatasetName(rawValue: s.text),
          !named.shipsTestPart
        {
          table = named
        }
        crossField(
          entry.keyLocation,
          "dataset.\(entry.key) goes with dataset.\(owner); with '\(kind)' it does not apply",
          // A named table is found wherever the runner runs; its file only on the data path.
          note: table.map {
            "to choose \($0.rawValue)'s columns, name its bundled file; `file:` is found beside "
              + "the spec, on RUNNER_DATA_PATH or on runner.yaml's data_path (the project's "
              + "experiments/data): outside the project, set RUNNER_DATA_PATH to that folder"
          },
          fixIt: table.map {
            "file: \($0.rawValue).csv, target: target, \(entry.key): \(YAMLText.flow(entry.value.value))"
          })
      }
    }

    let source: DatasetSpec.Source?
    switch kind {
    case "name":
      source = optionalField(m, "name", in: path) { d, n, p in
        if case .scalar(let s) = n, GeneratorSpec.Kind(rawValue: s.text) != nil {
          return d.fail(
            s.location, "'\(s.text)' is a generator, not a named dataset",
            fixIt: "generator: {type: \(s.text)}")
        }
        return d.choice(n, p, DatasetName.self, what: "dataset name").map(DatasetSpec.Source.named)
      }
    case "generator":
      source = optionalField(m, "generator", in: path) { d, n, p in
        d.decodeGenerator(n, p).map(DatasetSpec.Source.generator)
      }
    case "file": source = decodeDataFile(m, path).map(DatasetSpec.Source.file)
    default:
      // A part given but unreadable (train is always given here) leaves no source.
      let parts = ["train", "dev", "test"].map { key in
        (m[key] != nil, optionalField(m, key, in: path) { d, n, p in d.dataFile(n, p) })
      }
      let bad = parts.contains { given, file in given && file == nil }
      source = bad ? nil : .files(train: parts[0].1!, dev: parts[1].1, test: parts[2].1)
    }

    var spec = DatasetSpec(source: source ?? .named(.iris))
    spec.classes = optionalField(m, "classes", in: path) { d, n, p in d.classNames(n, p) }
    spec.preprocessing = field(m, "preprocessing", in: path, default: []) { d, n, p in
      d.list(n, p) { d, item, ip in d.decodeStep(item, ip) }
    }
    spec.split =
      section(m, "split", in: path) { d, n, p in d.decodeSplit(n, p) } ?? .init()
    if case .files(_, let dev, let test)? = source, let splitNode = m["split"] {
      for (part, file, amount) in [("dev", dev, spec.split.dev), ("test", test, spec.split.test)]
      where file != nil && !amount.isEmpty {
        error(
          splitNode.location, "dataset.split.\(part) must be 0 when a \(part) file is given",
          note: "the split divides the training file; the \(part) part comes from dataset.\(part)")
      }
    }
    return source == nil ? nil : spec
  }

  private mutating func classNames(_ node: SpecNode, _ path: SpecPath) -> [String]? {
    guard let names = list(node, path, { d, n, p in d.name(n, p) }) else { return nil }
    if names.count < 2 {
      return fail(
        node.location, "dataset.classes must name at least two classes (got \(names.count))")
    }
    // Told apart by their bytes, as the labels are (`ExactText`).
    for (i, name) in names.enumerated()
    where names[..<i].contains(where: { ExactText($0) == ExactText(name) }) {
      return fail(node.location(ofItem: i), "dataset.classes names '\(name)' twice")
    }
    return names
  }

  mutating func dataFile(_ node: SpecNode, _ path: SpecPath) -> DataFile? {
    if case .scalar(let s) = node, !s.isNull {
      // `train: data.csv` without a mapping: say how to write it.
      return fail(
        node.location, "\(path) must be a mapping with at least 'file' (got '\(s.text)')",
        fixIt: "\(path.lastKey ?? ""): {file: \(s.text), target: ...}")
    }
    guard let m = mapping(node, path) else { return nil }
    checkKeys(m, path, allowed: Schema.children(of: "dataset.train"))
    return decodeDataFile(m, path)
  }

  /// Reads file/format/features/target/target_file from `m` (a data-file mapping or `dataset`).
  private mutating func decodeDataFile(_ m: SpecNode.Mapping, _ path: SpecPath)
    -> DataFile?
  {
    guard let fileNode = required(m, "file", in: path, note: "add e.g. `file: data.csv`"),
      let file = dataPath(fileNode, path.appending("file"))
    else { return nil }
    let inferred = FileFormat.inferred(from: file)
    let format: FileFormat? = field(m, "format", in: path, default: inferred) { d, n, p in
      d.choice(n, p, FileFormat.self, what: "file format")
    }
    if m["format"] == nil, inferred != nil {
      sourceMap.set(path.appending("format"), .derived("the file's extension"))
    }
    let pictures = ["png", "jpg", "jpeg", "gif", "bmp"]
    let name = file.split(separator: "/").last.map(String.init) ?? file
    let suffix = name.contains(".") ? name.split(separator: ".").last.map(String.init) : nil
    if m["format"] == nil, let suffix, pictures.contains(suffix.lowercased()) {
      return fail(
        fileNode.location,
        "'\(file)' is a picture (by its extension): the runner reads arrays (CSV, HDF5, NPY, "
          + "NPZ or IDX), not pictures",
        note:
          "save the pictures as one array, the sample axis first (numpy: `np.save('x.npy', "
          + "np.stack([np.asarray(Image.open(f).convert('RGB')) for f in files]))`), their labels "
          + "as another, and give `file: x.npy` with `target_file: y.npy`")
    }
    let features = optionalField(m, "features", in: path) { d, n, p in d.names(n, p) }
    let targets = optionalField(m, "target", in: path) { d, n, p in d.names(n, p) }
    let targetFile = optionalField(m, "target_file", in: path) { d, n, p in d.dataPath(n, p) }
    for (key, names) in [("features", features), ("target", targets)] {
      for (i, name) in (names ?? []).enumerated() {
        let location = m[key]?.location(ofItem: i)
        if names![..<i].contains(name) {
          error(location, "\(path).\(key) lists '\(name)' twice")
        } else if key == "features", targets?.contains(name) == true {
          crossField(
            location, "\(path).features lists the target '\(name)': the model would see its label",
            note: "remove it from features (by default they are every column but the target)")
        }
      }
    }

    guard let format else {
      // A folder or a FIFO has no format to tell: read as a table, the data layer names what
      // it is (exit 66), as it does for `dir.csv`, rather than asking for a `format:` that
      // leads to that error next.
      if Self.holdsNoRegularFile(file, besides: sourceMap.file) {
        return DataFile(
          file: file, format: targetFile == nil ? .csv : .npy, features: features,
          target: targets?.first, moreTargets: Array((targets ?? []).dropFirst()),
          targetFile: targetFile)
      }
      return fail(
        fileNode.location, "cannot tell the format of '\(file)' from its extension",
        note:
          "add `format:` (one of \(FileFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
    }
    switch format {
    case .csv, .hdf5, .npz:
      if let entry = m.entry("target_file") {
        crossField(
          entry.keyLocation,
          "target_file does not apply to \(format.rawValue) files; name the target with 'target'")
      }
      if m["target"] == nil {
        let what = format == .csv ? "column" : "array"
        return fail(
          m.location, "\(path) has no 'target' (the \(what) holding the labels)",
          note: "add e.g. `target: y`")
      }
      if let targets, targets.count != 1, format != .csv || targets.isEmpty, let n = m["target"] {
        return fail(
          n.location,
          format == .csv
            ? "\(path).target must name at least one column"
            : "\(path).target must name one \(format.rawValue) array (got \(targets.count))")
      }
      if format != .csv, m["features"] == nil {
        return fail(
          m.location, "\(path) has no 'features' (the \(format.rawValue) array holding the inputs)",
          note: "add e.g. `features: train_set_x`")
      }
      if format != .csv, let features, features.count != 1, let n = m["features"] {
        return fail(
          n.location,
          "\(path).features must name one \(format.rawValue) array (got \(features.count))")
      }
    case .npy, .idx:
      for entry in ["features", "target"].compactMap(m.entry) {
        error(
          entry.keyLocation,
          "\(entry.key) does not apply to \(format.rawValue) files (one array per file)",
          note: "the file holds the features; give the labels' file as target_file")
        if m["target_file"] == nil { return nil }
      }
      // (A target without a target_file ended the reading above.)
      if m["target_file"] == nil {
        return fail(
          m.location,
          "\(path) has no 'target_file' (the \(format.rawValue) file holding the labels)")
      }
    }
    return DataFile(
      file: file, format: format, features: features, target: targets?.first,
      moreTargets: Array((targets ?? []).dropFirst()), targetFile: targetFile)
  }

  /// Whether `file`, where the data locator looks first (as written when absolute, else
  /// beside the spec file `spec`), holds something other than a regular file: a folder, a
  /// FIFO, a device.
  static func holdsNoRegularFile(_ file: String, besides spec: String) -> Bool {
    let folder = PathText.folder(of: spec)
    let path = file.hasPrefix("/") ? file : (folder.isEmpty ? "." : folder) + "/" + file
    switch PathEntry.of(path) {
    case .regular, .missing: return false
    default: return true
    }
  }

  /// A relative or absolute data path (data may live anywhere; results may not).
  mutating func dataPath(_ node: SpecNode, _ path: SpecPath) -> String? {
    guard let text = name(node, path) else { return nil }
    return text.contains("\0") ? fail(node.location, "\(path) contains a NUL character") : text
  }

  mutating func decodeStep(_ node: SpecNode, _ path: SpecPath) -> PreprocessingStep? {
    let steps = Schema.steps.map(\.key)
    let (key, value): (String, SpecNode?)
    switch node {
    case .scalar(let s) where !s.isNull: (key, value) = (s.text, nil)
    case .mapping(let m) where m.entries.count == 1:
      (key, value) = (m.entries[0].key, m.entries[0].value)
    case .mapping(let m) where m.entries.count > 1:
      // `- normalize:` above `mean: 0.5` in its column: the step's keys, not steps of their own.
      let below = Schema.children(of: "dataset.preprocessing[].\(m.entries[0].key)")
      if case .scalar(let bare) = m.entries[0].value, bare.isNull,
        m.entries.dropFirst().allSatisfy({ below.contains($0.key) })
      {
        let step = m.entries[0].key
        let keys = m.entries.dropFirst().map { "\($0.key): \(YAMLText.flow($0.value.value))" }
        return fail(
          m.entries[1].keyLocation,
          "'\(m.entries[1].key)' is a key of \(step)'s value, but it is written in the column "
            + "of '\(step)', so YAML reads it beside \(step), which is left empty",
          note: "indent \(step)'s keys two columns deeper than '\(step)', or write them inside "
            + "{ } on its line",
          fixIt: "- \(step): {\(keys.joined(separator: ", "))}")
      }
      // Each step below the first on a line of its own gets its dash (tester BM-8).
      let dash = stepDashColumn(m)
      for entry in m.entries.dropFirst().dropLast() {
        error(
          entry.keyLocation, "each preprocessing step is its own list item",
          note: "write `- \(m.entries[0].key): ...` and `- \(entry.key): ...` on separate lines",
          fixIt: dash.flatMap { stepFixIt(entry, dashColumn: $0) })
      }
      let last = m.entries[m.entries.count - 1]
      return fail(
        last.keyLocation, "each preprocessing step is its own list item",
        note: "write `- \(m.entries[0].key): ...` and `- \(last.key): ...` on separate lines",
        fixIt: dash.flatMap { stepFixIt(last, dashColumn: $0) })
    default:
      return fail(
        node.location, "\(path) must be a step name or `step: value` (got \(node.kindDescription))")
    }
    if key == "one_hot" {
      // It changed nothing: the loss encodes class targets itself.
      return fail(
        node.location, "one_hot is not a preprocessing step",
        note:
          "class targets need no encoding (the loss reads class indices); encode categorical features in the data file"
      )
    }
    guard let step = Schema.steps.first(where: { $0.key == key }) else {
      return fail(
        node.location,
        "unknown preprocessing step '\(key)'\(Suggestions.didYouMean(key, among: steps))",
        note: "expected one of: " + steps.joined(separator: ", "))
    }
    let valuePath = path.appending(key)
    record(valuePath, value ?? node)
    guard let value else {
      switch step.bare {
      case .step(let bare): return bare
      case .needs(let what, let example):
        return fail(node.location, "\(key) needs \(what)", fixIt: "- \(key): \(example)")
      case .asks(let what, let note):
        return fail(node.location, "\(key) needs \(what)", note: note)
      }
    }
    if case .step(let bare) = step.bare, value.value == .null { return bare }
    guard let read = step.read else {
      return fail(value.location, "\(key) takes no value", fixIt: "- \(key)")
    }
    return read(&self, value, valuePath)
  }
}
