import Conventions
import Datasets
import Specs

/// `runner data split SPEC`: the part each row of the spec's data goes to, as the run divides
/// it, so that a peer (scikit-learn, a notebook) can train and score on exactly the run's rows.
public enum SplitListing {
  /// The table (`source`, `row`, `part`, and `learning_curve_order` when the spec asks for a
  /// learning curve) and one line counting the rows of each part. Reads the targets only; a
  /// named dataset not downloaded yet is downloaded first, as `runner run` would.
  public static func run(
    specPath: String, options: RunOptions = .init(),
    progress: @escaping @Sendable (DownloadProgress) -> Void = { _ in }
  ) throws(PipelineError) -> (table: CSVTable, summary: String) {
    let loaded = try ExperimentRunner.load(specPath: specPath, options: options)
    // A sweep whose trials draw other data or seeds divides each trial's data its own way.
    if let axis = loaded.spec.sweep?.axes.first(where: {
      $0.path.isWithin("dataset") || $0.path == "seed"
    }) {
      throw .usage(
        Diagnostic(
          .error, at: axis.location,
          "the sweep varies \(axis.path), so its trials divide the data each their own way",
          fixIt: "list one trial's rows: `--set '~sweep' --set \(axis.path)=VALUE`, or give the "
            + "trial's spec.resolved.yaml"))
    }
    let context = try ExperimentRunner.projectContext(specPath: specPath, options: options)
    let configuration = try DataConfiguration.of(loaded)
    let loader = DataLoader(locator: context.locator, fetcher: context.fetcher(progress: progress))
    let assignment: SplitAssignment
    do throws(DataFailure) {
      try loader.fetchNamed(configuration)
      let inspection = try loader.inspect(configuration)
      guard let split = inspection.split else {
        // Only a source without targets leaves the split unknown; the run refuses it too.
        throw DataFailure(
          .invalidConfiguration("the training set has no targets to divide"),
          at: .source(configuration.split.sources[0].part, .target(index: 0)))
      }
      assignment = split
    } catch {
      throw .data(
        error.error,
        diagnostics: ([error] + error.also).map { $0.diagnostic(in: loaded, context: context) })
    }
    let order = loaded.spec.report.learningCurve.map { _ in
      assignment.learningCurveOrder(seed: loaded.spec.seed)
    }
    var table = CSVTable(
      trusted: ["source", "row", "part"] + (order == nil ? [] : ["learning_curve_order"]))
    var counts: [SplitAssignment.Part: Int] = [:]
    for (index, source) in assignment.sources.enumerated() {
      for (row, part) in source.parts.enumerated() {
        counts[part, default: 0] += 1
        let position = index == 0 ? order?[row] : nil
        table.append(
          trusted: [.text(source.name), .integer(row), .text(part.rawValue)]
            + (order == nil ? [] : [position.map(CSVCell.integer) ?? .empty]))
      }
    }
    let parts: [SplitAssignment.Part] = [.train, .trainDev, .dev, .test, .unused]
    let summary = parts.compactMap { part in counts[part].map { "\(part.rawValue) \($0)" } }
    return (table, "\(loaded.spec.name): " + summary.joined(separator: ", ") + " rows")
  }
}
