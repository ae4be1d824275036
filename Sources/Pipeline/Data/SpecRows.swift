import Conventions
import Datasets
import Specs

/// A spec's data rows as the run divides them, for the commands that list them (`runner data
/// split`, `runner data export`).
struct SpecRows {
  /// The spec, as read.
  var loaded: LoadedSpec
  /// Where its files are found.
  var context: ProjectContext
  /// Its data configuration.
  var configuration: DataConfiguration
  /// A loader over the project's search path, downloading as a run would.
  var loader: DataLoader
  /// The part each row of each source goes to.
  var assignment: SplitAssignment

  /// The spec at `specPath` and the part each row of its data goes to. A sweep spec's rows are
  /// its trials' when they all divide the data alike (`oneDivision`; `curveOrder`: the learning
  /// curve's order is listed, so their seeds must agree too), else it is refused at the axis
  /// that makes them differ; a named dataset not downloaded yet is downloaded first, as
  /// `runner run` would. Only the targets are read.
  /// `listing` names the command and the bytes a row of its output takes, checked with the
  /// data against the memory limit before the data is read (as `data show` checks a table).
  static func divide(
    specPath: String, options: RunOptions, curveOrder: Bool = false,
    listing: ExperimentRunner.DataListing,
    progress: @escaping @Sendable (DownloadProgress) -> Void
  ) throws(PipelineError) -> SpecRows {
    let loaded = try oneDivision(
      ExperimentRunner.load(specPath: specPath, options: options), specPath: specPath,
      options: options, curveOrder: curveOrder)
    let context = try ExperimentRunner.projectContext(specPath: specPath, options: options)
    let configuration = try DataConfiguration.of(loaded)
    let loader = DataLoader(locator: context.locator, fetcher: context.fetcher(progress: progress))
    try located(loaded, context) { () throws(DataFailure) in
      try loader.fetchPending(configuration)
    }
    try ExperimentRunner.checkMemory(listing, of: loaded, context: context)
    let assignment = try located(loaded, context) { () throws(DataFailure) in
      let inspection = try loader.inspect(configuration)
      guard let split = inspection.split else {
        // Only a source without targets leaves the split unknown; the run refuses it too.
        throw DataFailure(
          .invalidConfiguration("the training set has no targets to divide"),
          at: .source(configuration.split.sources[0].part, .target(index: 0)))
      }
      return split
    }
    return SpecRows(
      loaded: loaded, context: context, configuration: configuration, loader: loader,
      assignment: assignment)
  }

  /// Runs `body`, its data failures (and those that follow them) located at the keys of
  /// `loaded` they arose at.
  static func located<R>(
    _ loaded: LoadedSpec, _ context: ProjectContext, _ body: () throws(DataFailure) -> R
  ) throws(PipelineError) -> R {
    do throws(DataFailure) {
      return try body()
    } catch {
      throw .data(
        error.error,
        diagnostics: ([error] + error.also).map { $0.diagnostic(in: loaded, context: context) })
    }
  }

  /// `failure` located at the key of `rows`'s spec it arose at.
  static func failure(_ failure: DataFailure, _ rows: SpecRows) -> PipelineError {
    .data(failure.error, diagnostics: [failure.diagnostic(in: rows.loaded, context: rows.context)])
  }
}
