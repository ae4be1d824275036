import Conventions
import Datasets
import Engine
import Foundation
import Reports
import Specs

/// What `runner predict` is asked to do.
public struct PredictionRequest: Sendable {
  /// The spec the parameters were trained with (its data fit the preprocessing again).
  public var specPath: String
  /// The `params/` folder of a finished run.
  public var parameters: String
  /// The file to predict: a CSV table (the spec's feature columns are read) or an array file
  /// (`.npy`, IDX; HDF5 and NPZ need `features`).
  public var data: String
  /// The HDF5 dataset or NPZ member holding the features, for those formats.
  public var features: String?
  /// How the spec is read and where its data are found.
  public var options: RunOptions
  /// The command's other options as given (`-o p.csv`, `--force`), repeated in a command the
  /// runner suggests.
  public var otherOptions: [String]

  /// A request to predict `data` with the parameters in `parameters`, trained with `specPath`.
  public init(
    specPath: String, parameters: String, data: String, features: String? = nil,
    options: RunOptions = .init(), otherOptions: [String] = []
  ) {
    self.specPath = specPath
    self.parameters = parameters
    self.data = data
    self.features = features
    self.options = options
    self.otherOptions = otherOptions
  }
}

/// Predictions of a saved model on new data: the spec's preprocessing (fitted again on the
/// spec's training data, as in the run that saved the parameters) is applied to the file's
/// features, and the saved model predicts a class (with probabilities) or a value per row.
public enum Predictor {
  /// The `predictions.csv` table for `request` (see `PredictionsTable` for its columns).
  /// A spec that differs from the one the run saving the parameters was trained with (its
  /// `spec.resolved.yaml`) on anything predictions depend on is refused before any data is
  /// read (exit 65); `note` gets a line when that spec cannot be read (an older run). A catalog
  /// file not downloaded yet (the spec's data, or `--data catvnoncat/test_catvnoncat.h5`) is
  /// downloaded first, as a run downloads it, its progress told to `download`.
  public static func predict(
    _ request: PredictionRequest, note: (String) -> Void = { _ in },
    download: @escaping @Sendable (DownloadProgress) -> Void = { _ in }
  ) throws(PipelineError) -> CSVTable {
    let loaded = try ExperimentRunner.load(specPath: request.specPath, options: request.options)
    let directory: URL
    do {
      directory = try SavedParameters.locate(request.parameters, specFile: loaded.file)
    } catch {
      // A missing folder is a missing input (66), not bad parameters.
      throw .data(
        .unreadable(file: request.parameters, reason: "no such folder"),
        diagnostic: Diagnostic(.error, at: nil, "--params: \(error)"))
    }
    if let unchecked = try TrainedSpec.check(loaded, request, directory: directory) {
      note(unchecked)
    }
    try ExperimentRunner.configureThreads(loaded.spec.threads)
    // A run's resolved spec finds its data from the spec the run was made from, as the run did.
    let context = try ExperimentRunner.projectContext(
      specPath: TrainedSpec.dataAnchor(request.specPath), options: request.options)
    // Before anything is read: refused when it would not fit in memory.
    try ExperimentRunner.checkPredictMemory(
      loaded, context: context, input: dataLocator(context).find(request.data))
    // The files as found before they are digested and read: predict refuses one changed meanwhile.
    let read = DataFilesRead(loaded, context: context)
    if let unchecked = try TrainedSpec.checkData(
      loaded, context: context, runFolder: directory.deletingLastPathComponent(), read: read)
    {
      note(unchecked)
    }
    switch loaded.spec.dtype {
    case .float64:
      return try predict(
        Double.self, request, loaded: loaded, context: context, directory: directory, read: read,
        note: note, download: download)
    case .float32:
      return try predict(
        Float.self, request, loaded: loaded, context: context, directory: directory, read: read,
        note: note, download: download)
    }
  }

  static func predict<T: Scalar>(
    _: T.Type, _ request: PredictionRequest, loaded: LoadedSpec, context: ProjectContext,
    directory: URL, read: DataFilesRead, note: (String) -> Void,
    download: @escaping @Sendable (DownloadProgress) -> Void
  ) throws(PipelineError) -> CSVTable {
    let execution = RunExecution<T>(
      loaded: loaded, context: context,
      observer: { if case .download(let progress) = $0 { download(progress) } })
    let data = try execution.prepareData(read)
    let configuration = RunConfiguration(spec: loaded.spec, classes: data.classCount).engine
    let classes = data.classCount
    let model: TrainedModel<T>
    // A diverged run's parameters are what its last update left: for inspection only.
    let summary = directory.deletingLastPathComponent().appendingPathComponent("summary.csv")
    if let table = try? CSVTable(contentsOf: summary),
      let column = table.columnIndex("stop_reason"),
      let reason = table.rows.first?[column], DivergedStopReason.matches(reason)
    {
      throw AnalysisFailure.pipelineError(
        .parameters(
          "\(directory.path) holds a diverged run's parameters (\(summary.path): \(reason)), "
            + "kept for inspection, not for predictions; rerun with a lower "
            + "optimizer.learning_rate and predict with that run's params/"),
        loaded)
    }
    do {
      model = try SavedParameters.model(
        in: directory, structure: ModelStructure(configuration, classes: classes),
        note: { note("note: " + $0) })
    } catch {
      throw AnalysisFailure.pipelineError(error, loaded)
    }
    let widths = SavedParameters.widths(
      configuration, features: data.train.features.cols, classes: classes,
      targets: data.train.targets.cols)
    if let mismatch = SavedParameters.shapeMismatch(model, widths: widths) {
      throw SavedParameters.shapeError(mismatch, directory: directory, loaded: loaded)
    }
    let x = try features(
      T.self, request, data: data, loaded: loaded, context: context, download: download)
    let precision = NumberPrecision(T.dtype)
    do {
      let scores = try model.scores(x, classes: classes ?? 1)
      guard configuration.loss.isClassification, let classes else {
        // One column per output, named after the spec's target columns (by index when the
        // targets are an array without names).
        let named = targetNames(loaded.spec.dataset.source)
        let targets = named.count == scores.cols ? named : (0..<scores.cols).map { String($0) }
        return try PredictionsTable.regression(
          values: scores.storage, targets: targets, precision: precision)
      }
      let labels = try model.predictLabels(x, classes: classes)
      let names =
        (data.classNames?.count == classes ? data.classNames : nil)
        ?? (0..<classes).map { String($0) }
      return try PredictionsTable.classification(
        classes: names, labels: labels, probabilities: probabilities(scores, model: model),
        precision: precision)
    } catch let error as AnalysisError {
      throw AnalysisFailure.pipelineError(error, loaded)
    } catch let error as TrainingError {
      throw .training(error, diagnostic: error.diagnostic(in: loaded))
    } catch {
      throw AnalysisFailure.pipelineError(.table("predictions: \(error)"), loaded)
    }
  }

  /// The target column names of the spec's (training) data file; empty for a named dataset
  /// or a generator.
  static func targetNames(_ source: DatasetSpec.Source) -> [String] {
    switch source {
    case .file(let file), .files(let file, _, _): file.targets
    case .named, .generator: []
    }
  }

  /// Class probabilities per row: `[1 − p, p]` for one sigmoid output, the softmax row, or
  /// one-vs-rest scores normalized to sum 1 (scikit-learn's `predict_proba`); nil for
  /// one-vs-one, whose scores are votes.
  static func probabilities<T: Scalar>(_ scores: Matrix<Double>, model: TrainedModel<T>)
    -> [[Double]]?
  {
    switch model {
    case .oneVsOne: return nil
    case .network where scores.cols == 1:
      return (0..<scores.rows).map { [1 - scores[$0, 0], scores[$0, 0]] }
    case .network:
      return (0..<scores.rows).map { scores.row($0) }
    case .oneVsRest:
      let p = TrainedModel<T>.oneVsRestProbabilities(scores)
      return (0..<p.rows).map { p.row($0) }
    }
  }

  /// Where `--data` is looked for: the current directory, then the project's data path.
  static func dataLocator(_ context: ProjectContext) -> DataLocator {
    DataLocator(
      searchDirectories: [FileManager.default.currentDirectoryPath]
        + context.locator.searchDirectories)
  }

  /// The request's features, read like the spec's training data and preprocessed with the
  /// statistics fitted on it.
  static func features<T: Scalar>(
    _: T.Type, _ request: PredictionRequest, data: PreparedData<T>, loaded: LoadedSpec,
    context: ProjectContext, download: @escaping @Sendable (DownloadProgress) -> Void = { _ in }
  ) throws(PipelineError) -> Matrix<T> {
    let locator = dataLocator(context)
    // A catalog file named by its path is found, or downloaded, as a run's `file:` is.
    let files = DataLoader(
      locator: locator, fetcher: context.fetcher(on: locator, progress: download))
    // An HDF5 file, or an NPZ archive of several arrays, without --features: a usage error
    // naming the flag.
    var needsFlag = false
    var found: String?
    func fail(_ error: DataError) -> PipelineError {
      let message = dataMessage(error, given: request.data, found: found)
      guard needsFlag else { return .data(error, diagnostic: Diagnostic(.error, at: nil, message)) }
      return .usage(
        Diagnostic(
          .error, at: nil, message,
          fixIt: "pass --features NAME to name the array holding the features"))
    }
    do {
      let path = try files.resolve(request.data)
      found = path
      let format = try FileFormat.detect(path)
      needsFlag =
        request.features == nil
        && (format == .hdf5
          || (format == .npz && (try? NPZFile.memberNames(in: path))?.count ?? 1 > 1))
      let source: DataSource
      if format == .csv {
        source = .table(file: path, features: data.featureNames, target: nil)
      } else {
        source = .arrays(
          features: ArrayReference(file: path, dataset: request.features), target: nil)
      }
      let arrays = try DataLoader(locator: locator).load(source, target: .regression)
      // Samples of another shape than the training data's (flattened, when the spec flattens)
      // are refused here, naming the file.
      var (shape, trained) = (Array(arrays.features.shape.dropFirst()), data.featureShape)
      if data.preprocessing.steps.contains(.flatten) || shape.count <= 1 {
        (shape, trained) = ([shape.reduce(1, *)], [trained.reduce(1, *)])
      }
      if shape != trained {
        func describe(_ s: [Int]) -> String {
          s.count == 1 ? "\(s[0]) feature\(s[0] == 1 ? "" : "s")" : "shape \(NDArray.describe(s))"
        }
        let whole = arrays.features.shape
        // One sample saved without its sample axis: its first axis was read as the samples.
        let oneSample =
          whole.count > 1 && whole.reduce(1, *) == trained.reduce(1, *)
          ? "; one sample? the first axis is the samples' (\(whole[0]) here): add a leading "
            + "axis, shape \(NDArray.describe([1] + whole)) (`np.save(FILE, a[None])`)"
          : " (is it data for another model?)"
        throw DataError.shapeMismatch(
          "\(path): its samples have \(describe(shape)), the spec's training data has "
            + "\(describe(trained))" + oneSample)
      }
      // A value refused is named as the run names one: by its line and column in a table.
      return try data.preprocessing.transform(
        arrays.features, as: T.self, cells: FeatureCells(arrays), predicting: true)
    } catch let error as DataError {
      throw fail(explained(error, data: data))
    } catch {
      throw fail(.invalidConfiguration("\(error)"))
    }
  }

  /// The message of `error` about `--data given` (found at `found`): the flag and the file as
  /// given, then where in it and why; the file's path is said once (`--data x.npy (index [3],
  /// counting from 0): …`), unless the file was found elsewhere than as given.
  static func dataMessage(_ error: DataError, given: String, found: String?) -> String {
    let text = "\(error)"
    func same(_ a: String, _ b: String) -> Bool {
      URL(fileURLWithPath: a).standardized.path == URL(fileURLWithPath: b).standardized.path
    }
    guard let found, text.hasPrefix(found), same(found, given) else {
      return "--data \(given): \(text)"
    }
    return "--data \(given)" + text.dropFirst(found.count)
  }

  /// `error` with what `predict` knows added: a table of one line was to be predicted (its
  /// header should name the features), a picture to be converted to the training samples'
  /// shape (for samples of several axes).
  static func explained<T: Scalar>(_ error: DataError, data: PreparedData<T>) -> DataError {
    switch error {
    case .noRows(let file, let header, _, _):
      return .noRows(file: file, header: header, forPrediction: true, features: data.featureNames)
    case .emptyFeatures(let file, let shape, _, _):
      return .emptyFeatures(
        file: file, shape: shape, forPrediction: true, sampleShape: data.featureShape)
    case .image(let file, let format, nil):
      let shape = data.featureShape
      return .image(file: file, format: format, sampleShape: shape.count > 1 ? shape : nil)
    default: return error
    }
  }
}
