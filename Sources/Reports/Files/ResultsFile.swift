import Conventions

/// The names of the files in a results directory (`results/<name>/`); docs/results.md describes
/// each file's columns.
public enum ResultsFile {
  /// One row per recorded step (`MetricsLog`).
  public static let metrics = "metrics.csv"
  /// One row of final figures and hyperparameters per run (`SummaryTable`).
  public static let summary = "summary.csv"
  /// The spec with every default filled in (`runner explain`'s canonical text), written by every
  /// run: with `summary.csv`, what marks a folder as one run's results.
  public static let resolvedSpec = "spec.resolved.yaml"
  /// Wall-clock durations; the only file that differs between identical runs (`TimingsTable`).
  public static let timings = "timings.csv"
  /// What made the run (runner, git commit, CPU, BLAS kernel and threads, start time): outside
  /// the byte-identity promise, like `timings.csv`.
  public static let environment = "environment.csv"
  /// The data files a run read: the spec key naming each, the file as written, its size and
  /// the SHA-256 of its bytes, so that a change of the data shows as one.
  public static let dataFiles = "data_files.csv"
  /// Andrew Ng's diagnosis (`BiasVarianceDiagnosis`).
  public static let biasVariance = "bias_variance.csv"
  /// The bootstrap bias/variance decomposition (`BiasVarianceDecomposition`).
  public static let decomposition = "bias_variance_decomposition.csv"
  /// The confusion matrix of the test (else dev, else train) predictions (`ConfusionMatrix`).
  public static let confusionMatrix = "confusion_matrix.csv"
  /// Train and dev error against training-set size (`LearningCurve`).
  public static let learningCurve = "learning_curve.csv"
  /// Train and dev error against one hyperparameter (`ValidationCurve`).
  public static let validationCurve = "validation_curve.csv"
  /// The Markdown report, linking the plots.
  public static let reportMarkdown = "report.md"
  /// The HTML report, plots embedded inline (opens offline).
  public static let reportHTML = "report.html"
  /// Predictions written by `runner predict` (`PredictionsTable`).
  public static let predictions = "predictions.csv"
  /// A sweep's trial plan (`trial`, then the swept key paths), written by the sweep runner.
  public static let plan = "plan.csv"
  /// A sweep trial's status, written last when the trial ends: its folder is complete.
  public static let status = "status.csv"
  /// A sweep's settings the analysis needs (objective, each axis's form): `SweepSettings`.
  public static let sweepSettings = "sweep.csv"
  /// A bayes sweep's batches: each trial's batch and sampler.
  public static let bayesBatches = "batches.csv"
  /// The folder of SVG plots.
  public static let plots = "plots"
  /// Files that differ between identical runs (wall-clock times, the machine and start time),
  /// ignored by `runner diff` by default.
  public static let timingFiles: Set<String> = [timings, environment]

  /// Whether `name` is one plain folder name (no `/` or `\\`, not `.`, `..` or hidden, no NUL,
  /// at most 255 bytes): a trial ID read from a file never leads outside its folder.
  public static func isPlainFolderName(_ name: String) -> Bool {
    !name.isEmpty && !name.contains("/") && !name.contains("\\") && !name.hasPrefix(".")
      && !name.contains("\0") && name.utf8.count <= 255
  }
}
