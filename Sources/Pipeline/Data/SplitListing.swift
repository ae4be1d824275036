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
    let divided = try SpecRows.divide(
      specPath: specPath, options: options, curveOrder: true, listing: .split,
      progress: progress)
    let (loaded, assignment) = (divided.loaded, divided.assignment)
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
    let parts = SplitAssignment.Part.allCases
    let summary = parts.compactMap { part in counts[part].map { "\(part.rawValue) \($0)" } }
    return (table, "\(loaded.spec.name): " + summary.joined(separator: ", ") + " rows")
  }
}
