import Conventions
import Datasets
import Engine
import Reports
import Specs

extension DataConfiguration {
  /// The data configuration of a loaded spec; a value the data layer refuses is located at the
  /// spec's `dataset` section.
  static func of(_ loaded: LoadedSpec) throws(PipelineError) -> DataConfiguration {
    do {
      return try DataConfiguration(loaded.spec)
    } catch {
      let diagnostic = loaded.sourceMap.diagnostic(
        .error, at: SpecPath.root.appending("dataset"), error.description)
      throw .data(error, diagnostic: diagnostic)
    }
  }
}

/// The data a sweep's trials have checked so far: a trial with an earlier trial's data
/// configuration and dtype loads, splits and preprocesses the same values, so only its own
/// classes and units are checked again.
public struct CheckedData {
  struct CheckedSetting {
    var configuration: DataConfiguration
    var dtype: DType
    var inspection: DataInspection
    var notes: [String]
    var features: Int?
    var warnings: [String]
    var gaps: [HeldOutClassGap]
    /// The engine configuration whose exact solve was checked on the data (nil: trains by
    /// steps): a trial with other `l2` solves the same data again.
    var solve: TrainingConfiguration?
  }
  var entries: [CheckedSetting] = []
  /// The data configurations (with their dtype) whose data was refused, and the refusal: a
  /// sweep's trials on bad data are refused without reading it again.
  var refused: [(configuration: DataConfiguration, dtype: DType, error: PipelineError)] = []

  /// None checked yet.
  public init() {}
}

extension ExperimentRunner {
  /// Checks a loaded spec's data as a run would before training, without training or
  /// downloading: files found, columns and datasets present, targets valid, the model's
  /// outputs matching the classes and target columns, and (when the array files hold at most
  /// `DataLoader.valueCheckLimit` bytes) the values loaded, split and preprocessed in the
  /// spec's dtype exactly as the run does. Returns notes on what was not checked and the
  /// warnings the data gives.
  /// `checked` holds the data of earlier trials, which is not checked again; `configuration`
  /// is the spec's data configuration when already mapped (a sweep's trials). `admission`, the
  /// memory check the spec passed, is made again for the classes the labels make (refused when
  /// too big); `memory` is its estimate then.
  public static func checkData(
    _ loaded: LoadedSpec, context: ProjectContext, checked: inout CheckedData,
    configuration mapped: DataConfiguration? = nil, admission: MemoryAdmission? = nil
  ) throws(PipelineError) -> (notes: [String], warnings: [Diagnostic], memory: MemoryEstimate?) {
    let configuration: DataConfiguration
    if let mapped { configuration = mapped } else { configuration = try .of(loaded) }
    let dtype = loaded.spec.dtype
    let solve = ExperimentRunner.exactSolve(loaded.spec)
    let inspection: DataInspection
    let notes: [String]
    let features: Int?
    let dataWarnings: [String]
    let gaps: [HeldOutClassGap]
    if let earlier = checked.entries.first(where: {
      $0.dtype == dtype && $0.configuration == configuration && $0.solve == solve
    }) {
      (inspection, notes, features, dataWarnings, gaps) = (
        earlier.inspection, earlier.notes, earlier.features, earlier.warnings, earlier.gaps
      )
    } else if let earlier = checked.refused.first(where: {
      $0.dtype == dtype && $0.configuration == configuration
    }) {
      throw earlier.error
    } else {
      do {
        (inspection, notes, features, dataWarnings, gaps) = try inspectAndPrepare(
          loaded, configuration, context: context)
      } catch {
        // What the data alone refuses (not a rule of this trial's model on it).
        if case .data = error { checked.refused.append((configuration, dtype, error)) }
        throw error
      }
      checked.entries.append(
        .init(
          configuration: configuration, dtype: dtype, inspection: inspection, notes: notes,
          features: features, warnings: dataWarnings, gaps: gaps, solve: solve))
    }
    // A dataset not downloaded yet may be on the data path of a project the spec is not in.
    guard inspection.notes.isEmpty else {
      return (inspection.notes + [context.outsideProjectHint].compactMap { $0 }, [], nil)
    }
    var facts = DataFacts(
      classes: inspection.classes, targetColumns: inspection.targetColumns,
      hasDevSamples: inspection.devSamples.map { $0 > 0 }, trainSamples: inspection.trainSamples,
      classNames: inspection.classNames, features: features,
      targetRange: inspection.targetRange, smallestLabel: inspection.smallestLabel,
      largestLabel: inspection.largestLabel, labelGap: inspection.labelGap?.text)
    facts.labelGapPath = inspection.labelGap?.reference.specPath(in: loaded)
    let diagnostics = loaded.check(against: facts)
    if diagnostics.contains(where: { $0.severity == .error }) { throw .spec(.invalid(diagnostics)) }
    let memory = try admission?.check(loaded, context: context, classes: inspection.classes)
    let points = try checkCurveData(loaded, context: context, checked: &checked)
    // The learning curve's sizes, when the values were read (`checkValues`).
    let sizes =
      features == nil ? [] : learningCurveSizeWarnings(loaded, configuration, context: context)
    return (
      notes,
      diagnostics + points + sizes + loaded.dataWarnings(dataWarnings)
        + loaded.heldOutClassWarnings(gaps), memory
    )
  }

  /// Inspects the data of `configuration` and checks its values (`checkValues`): the part of
  /// `checkData` that depends only on the configuration and the dtype.
  private static func inspectAndPrepare(
    _ loaded: LoadedSpec, _ configuration: DataConfiguration, context: ProjectContext
  ) throws(PipelineError) -> (
    inspection: DataInspection, notes: [String], features: Int?, warnings: [String],
    gaps: [HeldOutClassGap]
  ) {
    var loader = DataLoader(locator: context.locator, fetcher: context.fetcher())
    // Inspection and the value check read each table once (a sweep's trials share the cache).
    loader.cache = context.sourceCache ?? SourceCache()
    let inspection: DataInspection
    do {
      inspection = try loader.inspect(configuration)
    } catch {
      throw .data(
        error.error,
        diagnostics: ([error] + error.also).map { $0.diagnostic(in: loaded, context: context) })
    }
    guard inspection.notes.isEmpty else { return (inspection, [], nil, [], []) }
    let (notes, features, warnings, gaps) = try checkValues(
      loaded, configuration, loader: loader, context: context)
    return (inspection, notes, features, warnings, gaps)
  }

  /// Loads, splits and preprocesses the data as `RunExecution.prepareData` does, refusing what
  /// the run would refuse before training; when the array files are larger than
  /// `DataLoader.valueCheckLimit`, reads nothing and returns the note saying so. Gives the
  /// features per sample after preprocessing and what the data shows (`PreparedData.warnings(_:)`
  /// and the held-out parts without a class training has, `heldOutClassGaps`) when the values
  /// were read.
  static func checkValues(
    _ loaded: LoadedSpec, _ configuration: DataConfiguration, loader: DataLoader,
    context: ProjectContext
  ) throws(PipelineError) -> (
    notes: [String], features: Int?, warnings: [String], gaps: [HeldOutClassGap]
  ) {
    let files = loader.featureArrayFiles(configuration)
    let bytes = files.reduce(0) { $0 + $1.bytes }
    guard bytes <= DataLoader.valueCheckLimit else {
      let names = files.map(\.path).joined(separator: ", ")
      let note =
        "the feature values of \(names) (\(MemoryBudget.format(Double(bytes))) once read) were "
        + "not read: `\(Invocation.commandLine(["validate", "SPEC"]))` reads at most "
        + "\(MemoryBudget.format(Double(DataLoader.valueCheckLimit))) of array files; "
        + "`\(Invocation.commandLine(["run", "SPEC"]))` checks them for NaN, infinity and overflow under "
        + "preprocessing before training"
      return ([note], nil, [], [])
    }
    // The spec's rules on the data first, as a run checks them before its warnings: 10⁸
    // classes from a stray label are refused, not looked through for rows without one. Then
    // the exact solver's own refusal of the training set, which the run meets as it trains.
    func checked<T>(_ data: PreparedData<T>) -> (
      Int, [String], [Diagnostic], [HeldOutClassGap], PipelineError?
    ) {
      let diagnostics = loaded.check(against: data.facts(in: loaded))
      let refused = diagnostics.contains { $0.severity == .error }
      return (
        data.train.features.cols, refused ? [] : data.warnings(loaded.spec.dataset),
        diagnostics, refused ? [] : data.heldOutClassGaps(loaded.spec.dataset),
        refused ? nil : exactSolveRefusal(loaded, data)
      )
    }
    let (features, warnings, diagnostics, gaps, unsolvable):
      (Int, [String], [Diagnostic], [HeldOutClassGap], PipelineError?)
    do {
      switch loaded.spec.dtype {
      case .float32:
        (features, warnings, diagnostics, gaps, unsolvable) = checked(
          try loader.prepare(configuration, as: Float.self))
      case .float64:
        (features, warnings, diagnostics, gaps, unsolvable) = checked(
          try loader.prepare(configuration, as: Double.self))
      }
    } catch {
      throw .data(error.error, diagnostic: error.diagnostic(in: loaded, context: context))
    }
    if diagnostics.contains(where: { $0.severity == .error }) { throw .spec(.invalid(diagnostics)) }
    if let unsolvable { throw unsolvable }
    return ([], features, warnings, gaps)
  }
}

extension LoadedSpec {
  /// The warnings the data gives (`PreparedData.warnings(_:)`), located at the spec's `dataset`.
  func dataWarnings(_ warnings: [String]) -> [Diagnostic] {
    warnings.map { sourceMap.diagnostic(.warning, at: SpecPath.root.appending("dataset"), $0) }
  }
}
