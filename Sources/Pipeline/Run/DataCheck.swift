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
    let facts = DataFacts(
      classes: inspection.classes, targetColumns: inspection.targetColumns,
      hasDevSamples: inspection.devSamples.map { $0 > 0 }, trainSamples: inspection.trainSamples)
    let diagnostics = SpecLoader.check(loaded, against: facts)
    if diagnostics.contains(where: { $0.severity == .error }) { throw .spec(.invalid(diagnostics)) }
    return ([], diagnostics)
  }
}
