import Conventions
import Foundation

/// The report of one results directory, built only from its CSV files: `runner report DIR`
/// and a finished run produce the same `report.md`, `report.html` and `plots/*.svg`, byte for
/// byte. Timings are left out so that the report is identical for identical runs.
public struct ResultsReport: Sendable {
  /// The run's name: the directory's last path component.
  public let name: String
  /// `summary.csv`, if present.
  public let summary: CSVTable?
  /// `metrics.csv`, if present.
  public let metrics: CSVTable?
  /// `bias_variance.csv`, if present.
  public let biasVariance: CSVTable?
  /// `bias_variance_decomposition.csv`, if present.
  public let decomposition: CSVTable?
  /// `learning_curve.csv`, if present.
  public let learningCurve: CSVTable?
  /// `validation_curve.csv`, if present.
  public let validationCurve: CSVTable?
  /// `confusion_matrix.csv`, if present.
  public let confusionMatrix: ConfusionMatrix?
  /// A sweep's `plan.csv` (`trial`, then the swept key paths), if present.
  public let plan: CSVTable?
  /// A successive-halving or Hyperband sweep's rungs, drawn rung by rung.
  public var adaptive: AdaptiveSweep? = nil
  /// A bayes sweep's folder (it has `batches.csv`): its `plan.csv` grows a batch at a time.
  public var planGrows = false
  /// False for a successive-halving or Hyperband sweep not every rung of which has run.
  public var adaptiveComplete = true
  /// A bayes sweep's `batches.csv` (each trial's batch and sampler), if present.
  public var bayesBatches: CSVTable? = nil
  /// The classes the run's saved parameters give (`ParameterFiles.classes(inRun:)`).
  public var parameterClasses: Int? = nil
  /// The pid of a sweep still writing this sweep folder, if one is: the report is then a
  /// snapshot of the trials complete so far, and says so.
  public var runningSweep: Int32? = nil
  /// The pictures the run drew into `plots/` (`ReportPicture`), kept as they are.
  public var pictures: [ReportPlot] = []
  /// A sweep's `sweep.csv` (objective and axis forms), if present.
  public let sweepSettings: SweepSettings?
  /// The `metrics.csv` of a sweep's best trials (at most `topTrials`), best first.
  public let trialMetrics: [(trial: String, metrics: CSVTable)]

  /// How many of a sweep's best trials have their learning curves overlaid.
  public static let topTrials = 5
  /// The spec's `description`, if it has one (from `spec.resolved.yaml`).
  public let description: String?

  /// A report from tables already in memory.
  public init(
    name: String, summary: CSVTable? = nil, metrics: CSVTable? = nil, biasVariance: CSVTable? = nil,
    decomposition: CSVTable? = nil, learningCurve: CSVTable? = nil,
    validationCurve: CSVTable? = nil,
    confusionMatrix: ConfusionMatrix? = nil, plan: CSVTable? = nil,
    sweepSettings: SweepSettings? = nil, trialMetrics: [(trial: String, metrics: CSVTable)] = [],
    description: String? = nil
  ) {
    self.name = name
    self.summary = summary
    self.metrics = metrics
    self.biasVariance = biasVariance
    self.decomposition = decomposition
    self.learningCurve = learningCurve
    self.validationCurve = validationCurve
    self.confusionMatrix = confusionMatrix
    self.plan = plan
    self.sweepSettings = sweepSettings
    self.trialMetrics = trialMetrics
    self.description = description
  }

  /// Reads the CSV files present in `directory`; at least one must exist. The report is titled
  /// `name`, by default the one its run gave it (`title(in:plan:)`), else the directory's name (pass
  /// the run's folder name when writing into a staging folder).
  public init(directory: URL, name: String? = nil) throws(ResultsFileError) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else { throw .missing(path: directory.path) }
    func load(_ file: String) throws(ResultsFileError) -> CSVTable? {
      let url = directory.appendingPathComponent(file)
      guard FileManager.default.fileExists(atPath: url.path) else { return nil }
      return try CSVTable(contentsOf: url)
    }
    var matrix: ConfusionMatrix?
    if let table = try load(ResultsFile.confusionMatrix) {
      do { matrix = try ConfusionMatrix(table: table) } catch {
        throw .cannotRead(
          path: directory.appendingPathComponent(ResultsFile.confusionMatrix).path,
          reason: error.description)
      }
    }
    let summary = try load(ResultsFile.summary)
    let plan = try load(ResultsFile.plan)
    // A run's summary.csv always holds its row (a sweep's may wait for its first trial).
    if plan == nil, let summary, summary.rows.isEmpty {
      throw .cannotRead(
        path: directory.appendingPathComponent(ResultsFile.summary).path,
        reason: "no row of final figures (only the header); rerun the spec to remake it")
    }
    let settings = try load(ResultsFile.sweepSettings).flatMap(SweepSettings.init(table:))
    var trialMetrics: [(trial: String, metrics: CSVTable)] = []
    let adaptive =
      plan == nil
      ? nil : settings.flatMap { AdaptiveSweep(directory: directory, objective: $0.objective) }
    if plan != nil, let summary {
      for trial in Self.bestTrials(summary, settings: settings) {
        let folder = adaptive?.folder(of: trial, in: summary) ?? trial
        if let metrics = try load(folder + "/" + ResultsFile.metrics) {
          trialMetrics.append((trial, metrics))
        }
      }
    }
    self.init(
      name: name ?? Self.title(in: directory, plan: plan)
        ?? directory.standardizedFileURL.lastPathComponent,
      summary: summary,
      metrics: try load(ResultsFile.metrics), biasVariance: try load(ResultsFile.biasVariance),
      decomposition: try load(ResultsFile.decomposition),
      learningCurve: try load(ResultsFile.learningCurve),
      validationCurve: try load(ResultsFile.validationCurve), confusionMatrix: matrix,
      plan: plan, sweepSettings: settings, trialMetrics: trialMetrics,
      description: Self.description(in: directory, plan: plan))
    guard !isEmpty else { throw .noResults(directory: directory.path) }
    self.adaptive = adaptive
    adaptiveComplete = adaptive?.isComplete(in: directory) ?? true
    parameterClasses = ParameterFiles.classes(inRun: directory)
    planGrows = FileManager.default.fileExists(
      atPath: directory.appendingPathComponent(ResultsFile.bayesBatches).path)
    if planGrows, plan != nil { bayesBatches = (try? load(ResultsFile.bayesBatches)) ?? nil }
    pictures = ReportPicture.allCases.compactMap { picture in
      let url = directory.appendingPathComponent(ResultsFile.plots)
        .appendingPathComponent(picture.fileName)
      return (try? AtomicFile.read(url)).map { picture.plot(svg: $0) }
    }
  }

  /// The IDs of the first `topTrials` ok trials of a ranked sweep summary that recorded the
  /// objective, when they are plain folder names (a crafted summary never reads elsewhere).
  static func bestTrials(_ summary: CSVTable, settings: SweepSettings?) -> [String] {
    guard let settings, let trial = summary.columnIndex("trial") else { return [] }
    return settings.results(summary).prefix(topTrials).map { $0[trial] }
      .filter(ResultsFile.isPlainFolderName)
  }

  /// How far a sweep's planned trials (batches, rungs) got; nil for a single run.
  public var completion: SweepCompletion? {
    plan.map {
      SweepCompletion(
        plan: $0, summary: summary, batches: bayesBatches,
        rungsComplete: adaptive == nil ? nil : adaptiveComplete)
    }
  }

  /// True when there is nothing to report.
  public var isEmpty: Bool {
    summary == nil && metrics == nil && biasVariance == nil && decomposition == nil
      && learningCurve == nil
      && validationCurve == nil && confusionMatrix == nil
  }

  /// Writes `plots/*.svg`, `report.md` and `report.html` into `directory` atomically, then
  /// removes the stale SVGs in `plots/`: those the earlier `report.md` showed that this report
  /// no longer makes (any other file there, e.g. one of the user's, is kept); returns the
  /// written paths relative to `directory`. `prepare` is first handed every file about to be
  /// written (`plots/<name>.svg`, report.md, report.html) and the stale SVGs (`plots/<name>`),
  /// so that a copy of each file you edited or made where one goes is kept, an edited report
  /// with the plots it shows (an SVG you added to it included), and returns more files to write
  /// with them (names inside `directory`: the record of what the runner wrote).
  @discardableResult
  public func write(
    to directory: URL,
    prepare: ([(name: String, bytes: Data)], _ stale: [String]) throws(ResultsFileError) -> [(
      name: String, bytes: Data
    )] = { _, _ in [] }
  ) throws(ResultsFileError) -> [String] {
    let plots = self.plots
    let plotDirectory = directory.appendingPathComponent(ResultsFile.plots)
    let stale = Self.plotsShown(in: directory).subtracting(plots.map(\.fileName)).sorted()
    let files =
      plots.map { (name: $0.path, bytes: Data($0.svg.utf8)) } + [
        (name: ResultsFile.reportMarkdown, bytes: Data(markdown(plots: plots).utf8)),
        (name: ResultsFile.reportHTML, bytes: Data(html(plots: plots).utf8)),
      ]
    let more = try prepare(files, stale.map { "\(ResultsFile.plots)/\($0)" })
    // All or nothing: a write that fails (a full disk) leaves the earlier report whole, and
    // an interrupt comes before the files are put in place or after the stale plots are gone.
    try AtomicFile.write(
      (files + more).map { (directory.appendingPathComponent($0.name), $0.bytes) },
      placed: {
        for name in stale {
          try? FileManager.default.removeItem(at: plotDirectory.appendingPathComponent(name))
        }
      })
    return plots.map(\.path) + [ResultsFile.reportMarkdown, ResultsFile.reportHTML]
  }

  /// The file names of the plots the `report.md` in `directory` shows (`![…](plots/<name>)`):
  /// the SVGs an earlier report wrote there.
  public static func plotsShown(in directory: URL) -> Set<String> {
    let url = directory.appendingPathComponent(ResultsFile.reportMarkdown)
    guard let markdown = try? AtomicFile.read(url) else { return [] }
    let prefix = "](\(ResultsFile.plots)/"
    var names: Set<String> = []
    for line in markdown.split(separator: "\n") where line.hasPrefix("![") && line.hasSuffix(")") {
      guard let start = line.range(of: prefix, options: .backwards) else { continue }
      let name = String(line[start.upperBound...].dropLast())
      if name.hasSuffix(".svg") && ResultsFile.isPlainFolderName(name) { names.insert(name) }
    }
    return names
  }

  /// Rebuilds the report of the results directory `directory` from its CSV files; `name`
  /// titles it (default: the title its run gave it, else the directory's name).
  @discardableResult
  public static func rebuild(in directory: URL, name: String? = nil) throws(ResultsFileError)
    -> [String]
  {
    try ResultsReport(directory: directory, name: name).write(to: directory)
  }
}

/// One SVG plot of a report.
public struct ReportPlot: Sendable, Equatable {
  /// The report section a plot belongs to.
  public enum Section: Sendable, Equatable {
    /// Loss and metrics per step (`metrics.csv`).
    case history
    /// Final figures against swept hyperparameters (a sweep's `summary.csv`).
    case sweep
    /// `learning_curve.csv`.
    case learningCurve
    /// `validation_curve.csv`.
    case validationCurve
    /// `confusion_matrix.csv`.
    case confusionMatrix
    /// A picture drawn by the run from its model and data (`ReportPicture`).
    case picture
    /// The rungs of a successive-halving or Hyperband sweep (`AdaptiveSweep`).
    case rungs
    /// A bayes sweep's optimization history (`BayesHistory`).
    case bayes
  }

  /// The section the plot belongs to.
  public var section: Section
  /// The file name inside `plots/`, e.g. `loss.svg`.
  public var fileName: String
  /// The caption shown with the plot, e.g. `Learning curve`.
  public var title: String
  /// The standalone SVG document written to `path`.
  public var svg: String

  /// The path relative to the results directory.
  public var path: String { "\(ResultsFile.plots)/\(fileName)" }
}
