import Conventions

/// The columns of a given training table that a dev or test table without `features:` is
/// matched to by name, as `runner predict` and scikit-learn match them: its features are the
/// training file's, in the training file's order (a test file whose columns were in another
/// order was paired by position, and scored with its features swapped, silently).
struct TrainingColumns: Sendable, Equatable {
  /// The training table's path.
  var file: String
  /// The training features, in the order the model takes them.
  var features: [String]
  /// The training table's columns that are neither features nor targets: another file may
  /// hold them too.
  var unused: [String]

  /// The columns of a training table read from `source`; nil for other sources (arrays have no
  /// names: their features stay paired by position).
  init?(_ source: DataSource, _ loaded: LabeledArrays) {
    guard case .table = source, let features = loaded.featureNames,
      let file = loaded.tableLines?.file
    else { return nil }
    (self.file, self.features, unused) = (file, features, loaded.unusedColumns)
  }

  /// The feature columns of `table` (read from `path`, whose target columns are `targets`):
  /// the training features by name; throws naming the training features the table lacks and
  /// the columns it has that the training file does not.
  func features(of table: DataTable, path: String, targets: [String]) throws -> [String] {
    let columns = table.header.filter { !targets.contains($0) }
    let (has, known) = (Set(columns), Set(features + unused))
    let missing = features.filter { !has.contains($0) }
    let extra = columns.filter { !known.contains($0) }
    guard !missing.isEmpty || !extra.isEmpty else { return features }
    let lacks =
      missing.isEmpty
      ? nil : "lacks the training file's feature \(Self.noun(missing)) \(Self.list(missing))"
    let more =
      extra.isEmpty ? nil : "has \(Self.noun(extra)) \(Self.list(extra)), which \(file) lacks"
    let remedy = [
      missing.isEmpty ? nil : "add the missing \(Self.noun(missing))",
      extra.isEmpty ? nil : "remove the extra \(Self.noun(extra))",
    ]
    throw DataError.invalidConfiguration(
      "\(path) \([lacks, more].compactMap { $0 }.joined(separator: " and ")): features are "
        + "matched to the training file's by name (\(file) trains on \(Self.list(features)); "
        + "this file has \(Self.list(table.header))); "
        + remedy.compactMap { $0 }.joined(separator: " and ")
        + ", or list each file's features with `features:`")
  }

  /// `column` or `columns`.
  private static func noun(_ names: [String]) -> String {
    names.count == 1 ? "column" : "columns"
  }

  /// `'a', 'b'`: at most `DataTable.edgeColumns` names, then how many in all.
  private static func list(_ names: [String]) -> String {
    let shown = names.prefix(DataTable.edgeColumns).map { "'\($0.oneLineShort)'" }
    let rest = names.count > shown.count ? ", … (\(names.count) in all)" : ""
    return shown.joined(separator: ", ") + rest
  }
}
