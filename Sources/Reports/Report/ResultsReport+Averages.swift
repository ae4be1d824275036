import Conventions
import Vocabulary

/// What the report says of its figures beyond their text: a k > 2 run's macro means are
/// named so, and a float32 run's figures print as float32 everywhere.
extension ResultsReport {
  /// The scores that are macro means of the classes' one-vs-rest scores with more than two
  /// classes (scikit-learn's `average="macro"`); `precision_macro` and the like say so already.
  static let macroWithManyClasses: Set<String> = Set(
    [Metric.precision, .recall, .f1, .rocAUC, .averagePrecision].map(\.rawValue))

  /// The run's classes: as its confusion matrix counts them, else as its saved parameters give
  /// them (`ParameterFiles.classes(inRun:)`, which every run writes); nil for neither.
  var classCount: Int? { confusionMatrix?.classNames.count ?? parameterClasses }

  /// ` (macro)` when `name` (a quantity, or a `<split>_<quantity>` column) is a macro mean:
  /// precision, recall, f1, roc_auc or average_precision of more than two `classes`; else "".
  public static func macro(_ name: String, classes: Int?) -> String {
    guard let classes, classes > 2 else { return "" }
    let quantity = splitColumn(name)?.quantity ?? name
    return macroWithManyClasses.contains(quantity) ? " (macro)" : ""
  }

  /// How the run's figures print: as float32 when its summary's `dtype` says so (a sweep's
  /// summary, whose trials may differ, and a run without one print as float64).
  var figurePrecision: NumberPrecision {
    guard let dtypes = summary?.column("dtype"), dtypes.count == 1 else { return .float64 }
    return NumberPrecision(rawValue: dtypes[0]) ?? .float64
  }
}
