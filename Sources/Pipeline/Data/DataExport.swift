import Conventions
import Datasets
import Foundation
import Specs

/// `runner data export SPEC`: every row of the spec's data (read from its files or generated),
/// its features and target(s) as the run reads them, before preprocessing, beside the part
/// `runner data split` gives it, so that a peer (numpy, torch, scikit-learn) can train on the
/// very rows of a run, a generator's included.
public enum DataExport {
  /// The columns every export starts with, as `runner data split` names them.
  public static let rowColumns = ["source", "row", "part"]

  /// What messages call the file.
  public static let kind = "data export"

  /// The export's CSV text (`source`, `row`, `part`, the feature columns, the target columns)
  /// and one line saying what it holds (rows per part, the classes' indices). Features are the
  /// file's columns by name, else `x1`…`xN` (a sample of several axes in C order, as numpy's
  /// `reshape(len(x), -1)`); targets are the table's target columns (a named dataset's table's
  /// too), else `y` (`y1`… for several), a class as its index in the run's order of classes.
  public static func run(
    specPath: String, options: RunOptions = .init(),
    progress: @escaping @Sendable (DownloadProgress) -> Void = { _ in }
  ) throws(PipelineError) -> (text: String, summary: String) {
    let rows = try SpecRows.divide(
      specPath: specPath, options: options, listing: .export, progress: progress)
    let configuration = rows.configuration
    let sources = try SpecRows.located(rows.loaded, rows.context) { () throws(DataFailure) in
      try rows.loader.sources(configuration)
    }
    let first = sources[0]
    let features = first.featureNames ?? numbered("x", first.features.featureCount)
    let targetWidth = first.targets?.featureCount ?? 1
    let targets: [String]
    switch rows.loaded.spec.dataset.source {
    case .file(let file),
      .files(let file, _, _) where !file.targets.isEmpty && file.format == .csv:
      targets = file.targets
    default:
      // A named dataset's table keeps its own target's name, as `file:` of that table does.
      if let named = configuration.split.sources[0].source.tableTargets,
        named.count == targetWidth
      {
        targets = named
      } else {
        targets = targetWidth == 1 ? ["y"] : numbered("y", targetWidth)
      }
    }
    let header = rowColumns + features + targets
    if let clash = (features + targets).first(where: rowColumns.contains) {
      let part = configuration.split.sources[0].part
      throw SpecRows.failure(
        DataFailure(
          .invalidConfiguration(
            "the data has a column named '\(clash)', which an export names its own "
              + "(\(rowColumns.joined(separator: ", "))): rename that column in a copy of the "
              + "file to export it, or list the rows with "
              + "`\(Invocation.commandLine(["data", "split", "SPEC"]))`"),
          at: .source(part, .file)), rows)
    }
    var text = header.map(CSVTable.quoted).joined(separator: ",") + "\n"
    var counts: [SplitAssignment.Part: Int] = [:]
    for (source, parts) in zip(sources, rows.assignment.sources) {
      let width = source.features.featureCount
      for (row, part) in parts.parts.enumerated() {
        counts[part, default: 0] += 1
        var line = "\(parts.name),\(row),\(part.rawValue)"
        for column in 0..<width {
          line += "," + source.features.storage.text(at: row * width + column)
        }
        for column in 0..<targetWidth {
          line += "," + (source.targets?.storage.text(at: row * targetWidth + column) ?? "")
        }
        text += line + "\n"
      }
    }
    let parts = SplitAssignment.Part.allCases.compactMap { part in
      counts[part].map { "\(part.rawValue) \($0)" }
    }
    let classes =
      (configuration.classNames ?? first.classNames).map { names in
        "; classes by index: "
          + names.enumerated().map { "\($0) '\($1.oneLineShort)'" }.joined(separator: ", ")
      } ?? ""
    let total = counts.values.reduce(0, +)
    return (
      text,
      "\(rows.loaded.spec.name): \(total) rows as read, before preprocessing ("
        + parts.joined(separator: ", ") + ")" + classes
    )
  }

  /// `prefix1` … `prefixN`.
  static func numbered(_ prefix: String, _ count: Int) -> [String] {
    (0..<count).map { "\(prefix)\($0 + 1)" }
  }

  /// The files an export of the spec at `specPath` reads, each with how messages name it: the
  /// spec and the data files it names (as the run finds them).
  public static func inputs(specPath: String, options: RunOptions) -> [(String, URL)] {
    var inputs = [("the spec", URL(fileURLWithPath: specPath))]
    guard let loaded = try? ExperimentRunner.load(specPath: specPath, options: options),
      let context = try? ExperimentRunner.projectContext(specPath: specPath, options: options),
      let configuration = try? DataConfiguration.of(loaded)
    else { return inputs }
    let loader = DataLoader(locator: context.locator)
    for (source, _) in configuration.split.sources {
      var names: [String] = []
      switch source {
      case .arrays(let features, let target):
        names = [features.file] + (target.map { [$0.file] } ?? [])
      case .table(let file, _, _, _): names = [file]
      case .named, .generated: break
      }
      for name in names {
        if let path = try? loader.locator.resolve(name) {
          inputs.append(("a data file of the spec", URL(fileURLWithPath: path)))
        }
      }
    }
    return inputs
  }
}
