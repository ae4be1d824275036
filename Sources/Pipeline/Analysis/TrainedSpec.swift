import Conventions
import Foundation
import Reports
import Specs

/// The spec a run's saved parameters were trained with: the run folder's `spec.resolved.yaml`,
/// beside its `params/`. `runner predict` refuses a spec that differs from it on anything
/// predictions depend on (the data and its preprocessing, fitted again on the training rows; the
/// model; the loss; the dtype), and reads a run's own resolved spec with the data paths the run
/// used (`environment.csv`'s `spec_file`).
public enum TrainedSpec {
  /// The top-level keys predictions depend on, given the saved parameters.
  static let compared = ["dtype", "dataset", "model", "loss"]
  /// Keys under those that cannot change predictions given the saved parameters.
  static let ignored: Set<String> = [
    "model.init", "model.solver", "model.layers[].dropout",
    "model.layers[].normalization.momentum", "loss.delta",
  ]

  /// One key on which the given spec and the run's differ, with both values as flow YAML
  /// (`not set` where a side has no such key).
  struct Difference: Equatable {
    var path: String
    var run: String
    var here: String
  }

  /// `path` where a spec is expected: a run's folder stands for its `spec.resolved.yaml`; any
  /// other path is returned as given.
  public static func specFile(_ path: String) -> String {
    let resolved = (path.hasSuffix("/") ? path : path + "/") + ResultsFile.resolvedSpec
    guard isFolder(path), FileManager.default.fileExists(atPath: resolved) else { return path }
    return resolved
  }

  /// Whether `path` is a folder (a link to one counts).
  static func isFolder(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
      && isDirectory.boolValue
  }

  /// The spec whose folder the data of the spec at `specPath` are found from: for a run's
  /// `spec.resolved.yaml`, the spec the run was made from (as its `environment.csv` records it,
  /// when that folder is still there; a rerun's, that of the run it reran), so its data paths
  /// resolve as in the run; else `specPath`.
  static func dataAnchor(_ specPath: String) -> String {
    var anchor = specPath
    for _ in 0..<8 {
      let url = URL(fileURLWithPath: anchor)
      guard url.lastPathComponent == ResultsFile.resolvedSpec,
        let recorded = RunEnvironment.read(from: url.deletingLastPathComponent())?[
          RunEnvironment.specFileKey],
        recorded.hasPrefix("/"), isFolder(PathText.folder(of: recorded)),
        recorded != anchor
      else { break }
      anchor = recorded
    }
    return anchor
  }

  /// Refuses `loaded` (exit 65) when it differs from the spec the parameters in `directory`
  /// (given as `parameters`) were trained with on anything predictions depend on; the note to
  /// show when the run's spec cannot be read (an older run without `spec.resolved.yaml`, a
  /// `params/` folder outside a run), nil when the specs agree.
  static func check(_ loaded: LoadedSpec, _ request: PredictionRequest, directory: URL)
    throws(PipelineError) -> String?
  {
    let parameters = request.parameters
    let spec =
      request.options.spec.overrides.isEmpty
      ? loaded.file : "\(loaded.file) with its --set options"
    let runFolder = directory.deletingLastPathComponent()
    let file = runFolder.appendingPathComponent(ResultsFile.resolvedSpec)
    // As the user named it: the folder of `--params` as given when that is where it was found.
    let given = URL(fileURLWithPath: parameters).standardizedFileURL.path == directory.path
    let shownFolder =
      given ? PathText.folder(of: parameters) : runFolder.path
    let shown =
      shownFolder.isEmpty ? file.lastPathComponent : shownFolder + "/" + file.lastPathComponent
    let unchecked =
      "predictions are right only if \(spec) is the spec the run was trained with"
    // A run's own folder without params/: the parameters are what is missing, not its spec.
    let ownSpec = directory.appendingPathComponent(ResultsFile.resolvedSpec).path
    if !FileManager.default.fileExists(atPath: file.path),
      FileManager.default.fileExists(atPath: ownSpec),
      !isFolder(directory.appendingPathComponent(SavedParameters.folder).path)
    {
      throw .analysis(
        .parameters(
          "\(parameters) is a run's folder without \(SavedParameters.folder)/ (its parameters "
            + "were not saved, or were removed): give a run's folder that holds "
            + "\(SavedParameters.folder)/, or run its spec again"),
        spec: loaded.file)
    }
    guard FileManager.default.fileExists(atPath: file.path) else {
      return "note: no \(ResultsFile.resolvedSpec) beside \(parameters) (a run of an older "
        + "runner, or parameters copied out of their run's folder), so the spec could not be "
        + "checked: \(unchecked)"
    }
    let run: LoadedSpec
    do {
      run = try SpecLoader.load(file: file.path, options: .init(allowOutsideResults: true))
    } catch {
      let reason = error.diagnostics.first?.message ?? "\(error)"
      return "note: \(shown) could not be read (\(reason)), so the spec could not be checked: "
        + unchecked
    }
    let differences = self.differences(run: run.spec, here: loaded.spec)
    guard let first = differences.first else { return nil }
    let listed = differences.prefix(3).enumerated().map { i, d in
      "\(d.path): \(d.run) in the run\(i == 0 ? " (\(shown))" : ""), \(d.here) here"
    }
    let more = differences.count > 3 ? "; and \(differences.count - 3) more keys" : ""
    let name = runFolder.lastPathComponent
    let sets =
      name.contains("@")
      ? "the --set options the run was given (its folder name, \(name), lists them after @)"
      : "the --set options the run was given"
    throw .spec(
      .invalid([
        Diagnostic(
          .error, at: loaded.sourceMap.origin(of: SpecPath(stringLiteral: first.path))?.location,
          "\(spec) is not the spec the parameters in \(parameters) were trained with: "
            + listed.joined(separator: "; ") + more,
          note: otherExperiment(run: run.spec, here: loaded.spec, differences, parameters),
          fixIt: "predict with \(sets), or from the run's resolved spec: "
            + Invocation.commandLine(
              ["predict", shown, "--params", parameters, "--data", request.data]
                + (request.features.map { ["--features", $0] } ?? []) + request.otherOptions))
      ]))
  }

  /// When the run looks like another experiment's (another `name`, or data from another
  /// source), the note that `--params` may be the mistake rather than the spec.
  static func otherExperiment(
    run: ExperimentSpec, here: ExperimentSpec, _ differences: [Difference], _ parameters: String
  ) -> String? {
    let sources = ["dataset.generator", "dataset.name", "dataset.file", "dataset.files"]
    let otherData = differences.contains { d in
      sources.contains { d.path == $0 || d.path.hasPrefix($0 + ".") }
    }
    guard run.name != here.name || otherData else { return nil }
    let named =
      run.name != here.name
      ? "it holds a run of '\(run.name)', the spec is '\(here.name)'"
      : "the run read its data from another source"
    return "--params may name another experiment's run (\(named)): give it a run "
      + "folder of this spec's (`runner ls` lists the runs)"
  }

  /// Where `here` differs from `run` on the keys predictions depend on, in the spec's order.
  /// The split (which rows are the training set) matters only to a step fitted on those rows.
  static func differences(run: ExperimentSpec, here: ExperimentSpec) -> [Difference] {
    let fitted = [run, here].contains(where: fitsOnTrainingRows)
    let ignored = fitted ? ignored : ignored.union(["dataset.split"])
    func tree(_ spec: ExperimentSpec) -> [SpecValue.Pair] {
      guard case .mapping(let pairs)? = SpecValue(flowText: SpecWriter.canonical(spec)) else {
        return []
      }
      return pairs.filter { compared.contains($0.key) }.map {
        SpecValue.Pair(
          key: $0.key, value: pruned($0.value, at: SpecPath([.key($0.key)]), ignoring: ignored))
      }
    }
    var found: [Difference] = []
    diff(.mapping(tree(run)), .mapping(tree(here)), at: .root, into: &found)
    return found
  }

  /// Whether `spec`'s preprocessing has a step fitted on the training rows (`standardize`,
  /// `min_max`), which predict fits again.
  static func fitsOnTrainingRows(_ spec: ExperimentSpec) -> Bool {
    spec.dataset.preprocessing.contains(where: \.isFitted)
  }

  /// Refuses (exit 65) to fit preprocessing again on data files that changed since the run in
  /// `runFolder` read them (its `data_files.csv` gives each one's SHA-256): the fitted
  /// statistics, and so the predictions, would not be the run's. The note to show when the run
  /// recorded no digests to check (an older runner's); nil otherwise. A file digested as another
  /// than in `read` (the files before predict read them) is refused as changed.
  static func checkData(
    _ loaded: LoadedSpec, context: ProjectContext, runFolder: URL, read: DataFilesRead? = nil
  ) throws(PipelineError) -> String? {
    guard fitsOnTrainingRows(loaded.spec) else { return nil }
    // The run's own parameters are predicted with, not the ones it started from.
    let current = try DataFilesRecord.files(
      loaded, context: context, read: read, startingParameters: false
    ).map(\.row)
    guard !current.isEmpty else { return nil }
    guard let recorded = RecordedDataFile.recorded(in: runFolder) else {
      return "note: no \(ResultsFile.dataFiles) in \(runFolder.path) (a run of an older runner), "
        + "so the data could not be checked: predictions are right only if the training data "
        + "is the run's, since the preprocessing is fitted on it again"
    }
    for row in current {
      guard let old = recorded.first(where: { $0.source == row.source }), old.sha256 != row.sha256
      else { continue }
      let steps = loaded.spec.dataset.preprocessing.filter(\.isFitted).map(\.key)
      throw .spec(
        .invalid([
          Diagnostic(
            .error, at: loaded.sourceMap.location(of: SpecPath(stringLiteral: row.key)),
            "\(row.file) changed since the run in \(runFolder.path) read it (SHA-256 "
              + "\(RecordedDataFile.short(old.sha256)), now \(RecordedDataFile.short(row.sha256)), "
              + "in \(ResultsFile.dataFiles)): \(steps.joined(separator: " and ")) would be "
              + "fitted again on other rows than the run's, so the predictions would not be its",
            note: "restore the data the run read, or run the spec again on this data and predict "
              + "with that run's params/")
        ]))
    }
    return nil
  }

  /// `value` without the `ignored` keys below `path`.
  static func pruned(_ value: SpecValue, at path: SpecPath, ignoring ignored: Set<String>)
    -> SpecValue
  {
    switch value {
    case .mapping(let pairs):
      return .mapping(
        pairs.compactMap { pair in
          let inner = path.appending(pair.key)
          guard !ignored.contains(inner.schemaPattern) else { return nil }
          return SpecValue.Pair(
            key: pair.key, value: pruned(pair.value, at: inner, ignoring: ignored))
        })
    case .list(let items):
      return .list(
        items.enumerated().map { pruned($1, at: path.appending(index: $0), ignoring: ignored) })
    default: return value
    }
  }

  /// Appends to `found` every key below `path` where `a` (the run's) and `b` differ: mappings
  /// key by key, lists of mappings of the same length item by item, other values whole.
  static func diff(
    _ a: SpecValue?, _ b: SpecValue?, at path: SpecPath, into found: inout [Difference]
  ) {
    guard a != b else { return }
    switch (a, b) {
    case (.mapping(let x)?, .mapping(let y)?):
      var keys = x.map(\.key)
      keys += y.map(\.key).filter { !keys.contains($0) }
      for key in keys {
        diff(
          x.first { $0.key == key }?.value, y.first { $0.key == key }?.value,
          at: path.appending(key), into: &found)
      }
    case (.list(let x)?, .list(let y)?)
    where x.count == y.count && x.contains(where: { if case .mapping = $0 { true } else { false } }):
      for i in x.indices { diff(x[i], y[i], at: path.appending(index: i), into: &found) }
    default:
      found.append(
        Difference(
          path: path.description, run: a.map(SpecParameters.text) ?? "not set",
          here: b.map(SpecParameters.text) ?? "not set"))
    }
  }
}
