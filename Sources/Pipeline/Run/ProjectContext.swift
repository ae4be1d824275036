import Datasets
import Foundation
import Specs

/// Where a run finds its data and writes its results: the spec's directory, the environment,
/// and the project configuration (`runner.yaml`, found by walking up from the spec's folder).
public struct ProjectContext: Sendable {
  /// Finds data files named by the spec.
  public let locator: DataLocator
  /// The folder results go under (`results/` by default).
  public let resultsRoot: URL
  /// Why a data file is missing from the project's data path when the spec is in no project
  /// (no `runner.yaml` in its folder or above it); nil inside a project.
  public let outsideProjectHint: String?
  /// The environment the run sees (`RUNNER_DATA_PATH`, `XDG_CACHE_HOME`, …).
  public let environment: [String: String]
  /// Data files already read by the other runs sharing this context (a sweep's trials); nil
  /// for a single run, which reads its data once anyway.
  public var sourceCache: SourceCache? = nil
  /// The content each data file had when the sweep sharing this context first read it (nil
  /// for a single run): a trial finding another stops the sweep (`SweepDataPin`).
  var dataPin: SweepDataPin? = nil
  /// The spec whose folder the data are found from (`TrainedSpec.dataAnchor`): the spec itself,
  /// or for a run's `spec.resolved.yaml` the spec that run was made from. Recorded as the run's
  /// `spec_file`, so running a resolved spec again finds its data again.
  public let specAnchor: URL
  /// The `runner.yaml` that applies (absolute), nil when none does.
  public let configurationFile: String?
  /// The spec file as given, when it is a run's `spec.resolved.yaml` whose project is found from
  /// `specAnchor`, the spec the run was made from; nil otherwise.
  let resolvedSpec: URL?

  /// The context of the spec at `specPath` (a run's `spec.resolved.yaml`: of the spec the run
  /// was made from, `TrainedSpec.dataAnchor`, so it runs again as it is); `resultsRoot`
  /// overrides the project's `results_dir`.
  /// A `runner.yaml` that does not parse or holds an unknown key is refused with its located
  /// diagnostics (exit 65), never ignored: its data path and results folder would vanish.
  public init(specPath: String, environment: [String: String], resultsRoot: String?)
    throws(SpecError)
  {
    self.environment = environment
    let specURL = URL(fileURLWithPath: TrainedSpec.dataAnchor(specPath)).standardizedFileURL
    specAnchor = specURL
    let given = URL(fileURLWithPath: specPath).standardizedFileURL
    resolvedSpec = given.path == specURL.path ? nil : given
    let specDirectory = Self.specFolder(of: specURL)
    let project: ProjectConfig? = try ProjectConfig.discover(from: specDirectory.path)
    try project?.checkBLASKernel()
    configurationFile = project?.file
    outsideProjectHint =
      project?.file != nil
      ? nil
      : "no runner.yaml in \(specDirectory.path) or above it, so no project's `data_path` was "
        + "searched (the project's runner.yaml lists experiments/data, which holds the bundled "
        + "datasets): keep the spec inside the project folder, or "
        + ((environment["RUNNER_DATA_PATH"] ?? "").isEmpty
          ? "set RUNNER_DATA_PATH" : "add that folder to RUNNER_DATA_PATH")
    locator = DataLocator.standard(
      specDirectory: specDirectory.path, environment: environment,
      projectDataPath: project?.dataPath ?? [])
    if let resultsRoot {
      self.resultsRoot = URL(fileURLWithPath: resultsRoot).standardizedFileURL
    } else if let dir = project?.resultsDir {
      self.resultsRoot = URL(fileURLWithPath: dir).standardizedFileURL
    } else {
      self.resultsRoot = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        .appendingPathComponent("results")
    }
  }

  /// The folder a spec's data and project are found from: its own, or, for a link to a spec
  /// file in a project from a folder in none, the folder the file really is in (as a link to
  /// the project's folder is followed).
  public static func specFolder(of spec: URL) -> URL {
    let folder = spec.deletingLastPathComponent()
    let real = spec.resolvingSymlinksInPath().deletingLastPathComponent()
    guard ProjectConfig.find(from: folder.path) == nil, ProjectConfig.find(from: real.path) != nil
    else { return folder }
    return real
  }
}

extension ProjectContext {
  /// The fetcher that finds and downloads data files as this context says: on its search path,
  /// else in its download cache, from its mirrors (`RUNNER_DATASET_MIRRORS`); `on` replaces its
  /// search path (`runner predict --data` looks in the current folder first).
  func fetcher(
    on searched: DataLocator? = nil,
    progress: @escaping @Sendable (DownloadProgress) -> Void = { _ in }
  ) -> DatasetFetcher {
    DatasetFetcher(
      locator: searched ?? locator, cacheDirectory: DataCache.directory(environment: environment),
      mirrors: DatasetFetcher.mirrors(environment: environment), progress: progress)
  }
}
