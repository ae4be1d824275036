import Conventions
import Foundation

/// Everything one run reports, written together into its results directory by `write(to:)`:
/// the CSV files present, any extra text files (e.g. the resolved spec), then `report.md`,
/// `report.html` and `plots/` rebuilt from those CSVs (as `runner report` would).
public struct RunResults: Sendable {
  /// `metrics.csv`.
  public var metrics: MetricsLog?
  /// `summary.csv` (one row).
  public var summary: RunSummary?
  /// `timings.csv`.
  public var timings: TimingsTable?
  /// `bias_variance.csv`.
  public var diagnosis: BiasVarianceDiagnosis?
  /// `bias_variance_decomposition.csv`.
  public var decomposition: BiasVarianceDecomposition?
  /// `learning_curve.csv`.
  public var learningCurve: LearningCurve?
  /// `validation_curve.csv`.
  public var validationCurve: ValidationCurve?
  /// `confusion_matrix.csv`.
  public var confusionMatrix: ConfusionMatrix?
  /// Other text files by relative path, e.g. `["spec.resolved.yaml": text]`.
  public var extraFiles: [String: String]

  /// Results with the given parts; absent parts write no file.
  public init(
    metrics: MetricsLog? = nil, summary: RunSummary? = nil, timings: TimingsTable? = nil,
    diagnosis: BiasVarianceDiagnosis? = nil, decomposition: BiasVarianceDecomposition? = nil,
    learningCurve: LearningCurve? = nil, validationCurve: ValidationCurve? = nil,
    confusionMatrix: ConfusionMatrix? = nil, extraFiles: [String: String] = [:]
  ) {
    self.metrics = metrics
    self.summary = summary
    self.timings = timings
    self.diagnosis = diagnosis
    self.decomposition = decomposition
    self.learningCurve = learningCurve
    self.validationCurve = validationCurve
    self.confusionMatrix = confusionMatrix
    self.extraFiles = extraFiles
  }

  /// The CSV tables to write, by file name, in a fixed order.
  public func tables() throws(CSVError) -> [(file: String, table: CSVTable)] {
    var tables: [(String, CSVTable)] = []
    if let metrics { tables.append((ResultsFile.metrics, metrics.table)) }
    if let summary { tables.append((ResultsFile.summary, try SummaryTable.table([summary]))) }
    if let diagnosis { tables.append((ResultsFile.biasVariance, diagnosis.table)) }
    if let decomposition { tables.append((ResultsFile.decomposition, decomposition.table)) }
    if let learningCurve { tables.append((ResultsFile.learningCurve, learningCurve.table)) }
    if let validationCurve { tables.append((ResultsFile.validationCurve, validationCurve.table)) }
    if let confusionMatrix {
      tables.append((ResultsFile.confusionMatrix, try confusionMatrix.table))
    }
    if let timings { tables.append((ResultsFile.timings, timings.table)) }
    return tables
  }

  /// Writes every file atomically into `directory` (created if needed), then the report (titled
  /// `name`, default the title its run gave it, else the directory's name) unless `report` is false; returns the written
  /// paths relative to `directory`, in writing order.
  @discardableResult
  public func write(to directory: URL, name: String? = nil, report: Bool = true)
    throws(ResultsFileError)
    -> [String]
  {
    let tables: [(file: String, table: CSVTable)]
    do { tables = try self.tables() } catch {
      throw .cannotWrite(path: directory.path, reason: error.description)
    }
    var written: [String] = []
    for (file, table) in tables {
      try table.write(to: directory.appendingPathComponent(file))
      written.append(file)
    }
    for path in extraFiles.keys.sorted() {
      try AtomicFile.write(extraFiles[path]!, to: directory.appendingPathComponent(path))
      written.append(path)
    }
    if report && !tables.filter({ $0.file != ResultsFile.timings }).isEmpty {
      written += try ResultsReport.rebuild(in: directory, name: name)
    }
    return written
  }
}
