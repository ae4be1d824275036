import Datasets
import Engine
import Specs

extension DataReference {
  /// The spec key that names this reference in `spec`: `dataset.train.file`,
  /// `dataset.features[1]`, `dataset.name`, ... (a key path built from the structure of the
  /// spec's `dataset` section, never by comparing file names).
  func specPath(in loaded: LoadedSpec) -> SpecPath {
    let dataset = SpecPath.root.appending("dataset")
    switch self {
    case .split(let part?): return dataset.appending("split").appending(part)
    case .split(nil):
      // A part given with `--set` is where the division was changed: the error points there.
      let split = dataset.appending("split")
      let overridden = ["train", "train_dev", "dev", "test"].map { split.appending($0) }.first {
        loaded.sourceMap.origin(of: $0)?.isOverride == true
      }
      return overridden ?? split
    case .preprocessing: return dataset.appending("preprocessing")
    case .classes: return dataset.appending("classes")
    case .source(let part, let field):
      switch loaded.spec.dataset.source {
      case .named: return dataset.appending("name")
      case .generator:
        let generator = dataset.appending("generator")
        guard case .covariance(let index) = field else { return generator }
        return generator.appending("covariances").appending(index: index)
      case .file: return path(of: field, under: dataset, in: loaded.sourceMap)
      case .files:
        let base: SpecPath
        switch part {
        case .whole, .train: base = dataset.appending("train")
        case .dev: base = dataset.appending("dev")
        case .test: base = dataset.appending("test")
        }
        return path(of: field, under: base, in: loaded.sourceMap)
      }
    }
  }

  /// The key of `field` in the file section at `base`; a list element (`features[1]`) when the
  /// value was written as a list, else the key itself.
  private func path(of field: Field, under base: SpecPath, in map: SourceMap) -> SpecPath {
    func element(_ key: String, _ index: Int) -> SpecPath {
      let item = base.appending(key).appending(index: index)
      return map.origin(of: item) != nil ? item : base.appending(key)
    }
    switch field {
    case .file, .name, .generator, .covariance: return base.appending("file")
    case .targetFile: return base.appending("target_file")
    case .target(let index): return element("target", index)
    case .feature(let index): return element("features", index)
    }
  }
}

extension DataFailure {
  /// The error as a diagnostic located at the spec key it arose at.
  /// A file missing outside every project also gets `context`'s hint.
  func diagnostic(in loaded: LoadedSpec, context: ProjectContext? = nil) -> Diagnostic {
    let path = reference.specPath(in: loaded)
    let map = loaded.sourceMap
    let hint = context?.outsideProjectHint.map { "\nhelp: " + $0 } ?? ""
    guard case .fileNotFound(let name, let searched) = error else {
      // The first line above the snippet; what follows (further bad places; where a named
      // dataset was looked for, the mirrors tried; a remedy) below it, as the note (a remedy's
      // `help: ` would read `note: help: `).
      let text = error.description
      let headline = text.prefix { $0 != "\n" }
      var rest = text.dropFirst(headline.count + 1)
      if rest.hasPrefix("help: ") { rest = rest.dropFirst("help: ".count) }
      var note = String(rest)
      if case .namedDatasetMissing = error { note += hint }
      // A logreg reads class labels whatever its loss (`DataConfiguration(_:)`).
      let spec = loaded.spec
      if case .source(_, .target) = reference, spec.model.kind == .logreg,
        !spec.loss.kind.isClassification
      {
        note +=
          (note.isEmpty ? "" : "\n") + "logreg reads class labels, whatever its loss ("
          + "\(spec.loss.kind.rawValue) here): for a real-valued target use model type linreg"
      }
      return map.diagnostic(.error, at: path, String(headline), note: note.isEmpty ? nil : note)
    }
    // The message stays on one line above the source snippet; the places searched and the
    // remedy go in the note below it.
    let places =
      searched.isEmpty
      ? " nowhere (no search directories configured)"
      : ":\n" + searched.map { "  \($0)" }.joined(separator: "\n")
    let variable = context?.environment["RUNNER_DATA_PATH"].flatMap { $0.isEmpty ? nil : $0 }
    let note =
      "looked in\(places)\n"
      + "give an absolute path, put the file beside the spec, "
      + (variable.map { "add its directory to RUNNER_DATA_PATH (now \($0))" }
        ?? "set RUNNER_DATA_PATH (colon-separated directories)")
      + ", or add its directory to `data_path` in runner.yaml" + hint
    let nearest = DataLocator.nearestName(to: name, searched: searched).map {
      "; did you mean '\($0)'?"
    }
    return map.diagnostic(
      .error, at: path, "data file '\(name)' not found\(nearest ?? "")", note: note)
  }
}

extension TrainingError {
  /// The error as a diagnostic at the spec key to change: the data for what the data holds,
  /// the solver for collinear features, the split's `train` (else the solver) for too few rows,
  /// the initial values for explicit weights of another shape
  /// (the validator refuses every other configuration the engine would); a collinear feature
  /// named by `featureNames` (the model's input columns).
  func diagnostic(in loaded: LoadedSpec, featureNames: [String]? = nil) -> Diagnostic {
    let path: SpecPath
    switch self {
    case .shapeMismatch, .nonFiniteInput, .outOfRange: path = SpecPath.root.appending("dataset")
    case .singular: path = SpecPath.root.appending("model").appending("solver")
    case .tooFewRows:
      let train = SpecPath("dataset.split.train")
      path = loaded.sourceMap.recorded(train)?.location != nil ? train : SpecPath("model.solver")
    case .invalidConfiguration, .checkpoint: path = SpecPath("model.init")
    }
    let setter = Self.zeroL2Setter(in: loaded)
    let d = loaded.sourceMap.diagnostic(
      .error, at: path, described(featureNames: featureNames, zeroL2By: setter))
    return setter?.isWithin("sweep") == true ? d.atSweptZeroL2(loaded) : d
  }
}
