import Datasets
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

extension ExperimentRunner {
  /// Checks a loaded spec's data as a run would before training, without training or
  /// downloading: files found, columns and datasets present, targets valid, and the model's
  /// outputs matching the classes and target columns. Returns notes on what was not checked
  /// and the warnings the data gives.
  public static func checkData(_ loaded: LoadedSpec, context: ProjectContext) throws(PipelineError)
    -> (notes: [String], warnings: [Diagnostic])
  {
    let configuration = try DataConfiguration.of(loaded)
    let fetcher = DatasetFetcher(
      locator: context.locator,
      cacheDirectory: DataCache.directory(environment: context.environment),
      mirrors: DatasetFetcher.mirrors(environment: context.environment))
    let inspection: DataInspection
    do {
      inspection = try DataLoader(locator: context.locator, fetcher: fetcher).inspect(configuration)
    } catch {
      throw .data(error.error, diagnostic: error.diagnostic(in: loaded))
    }
    guard inspection.notes.isEmpty else { return (inspection.notes, []) }
    try prepareIfAtHand(loaded, configuration, context: context, fetcher: fetcher)
    let facts = DataFacts(
      classes: inspection.classes, targetColumns: inspection.targetColumns,
      hasDevSamples: inspection.devSamples.map { $0 > 0 }, trainSamples: inspection.trainSamples)
    let diagnostics = SpecLoader.check(loaded, against: facts)
    if diagnostics.contains(where: { $0.severity == .error }) { throw .spec(.invalid(diagnostics)) }
    return ([], diagnostics)
  }

  /// Generated data and CSV tables (arrays may be large) are prepared as the run prepares them,
  /// so that values the dtype or a preprocessing step cannot hold are refused before a run.
  private static func prepareIfAtHand(
    _ loaded: LoadedSpec, _ configuration: DataConfiguration, context: ProjectContext,
    fetcher: DatasetFetcher
  ) throws(PipelineError) {
    let files: [DataFile]
    switch loaded.spec.dataset.source {
    case .generator: files = []
    case .file(let file): files = [file]
    case .files(let train, let dev, let test): files = [train] + [dev, test].compactMap { $0 }
    case .named: return
    }
    guard files.allSatisfy({ $0.format == .csv }) else { return }
    let loader = DataLoader(locator: context.locator, fetcher: fetcher)
    do {
      switch loaded.spec.dtype {
      case .float32: _ = try loader.prepare(configuration, as: Float.self)
      case .float64: _ = try loader.prepare(configuration, as: Double.self)
      }
    } catch {
      throw .data(error.error, diagnostic: error.diagnostic(in: loaded))
    }
  }
}
