import Datasets
import Specs

/// Points a data error at the spec value that caused it, so that a missing file or a wrong
/// dataset name is reported as `cat.yaml:15:11: error: …` with the offending line.
struct DataErrorLocator {
  let loaded: LoadedSpec

  /// The spec's data references: (key path, value as written).
  private var references: [(path: SpecPath, value: String)] {
    var out: [(SpecPath, String)] = []
    func add(_ base: SpecPath, _ file: DataFile) {
      out.append((base.appending("file"), file.file))
      if let t = file.targetFile { out.append((base.appending("target_file"), t)) }
      if let t = file.target { out.append((base.appending("target"), t)) }
      for (i, f) in (file.features ?? []).enumerated() {
        out.append(((file.features?.count ?? 0) == 1 ? base.appending("features") : base.appending("features").appending(index: i), f))
      }
    }
    let dataset = SpecPath.root.appending("dataset")
    switch loaded.spec.dataset.source {
    case .files(let train, let dev, let test):
      add(dataset.appending("train"), train)
      if let dev { add(dataset.appending("dev"), dev) }
      if let test { add(dataset.appending("test"), test) }
    case .file(let file):
      add(dataset, file)
    case .named(let named):
      out.append((dataset.appending("name"), named.rawValue))
    case .generator:
      break
    }
    return out
  }

  /// The path of the reference whose value is `value` (or whose file name ends like it).
  private func path(of value: String) -> SpecPath? {
    references.first { $0.value == value }?.path
      ?? references.first { value.hasSuffix("/" + $0.value) || $0.value.hasSuffix("/" + value) }?.path
  }

  /// The located diagnostic for `error`.
  func diagnostic(_ error: DataError) -> Diagnostic {
    let map = loaded.sourceMap
    let fallback = SpecPath.root.appending("dataset")
    switch error {
    case .fileNotFound(let name, let searched):
      // The message stays on one line above the source snippet; the places searched and the
      // remedy go in the note below it.
      let places = searched.isEmpty ? " nowhere (no search directories configured)" : ":\n" + searched.map { "  \($0)" }.joined(separator: "\n")
      let note = "looked in\(places)\n"
        + "give an absolute path, put the file beside the spec, set RUNNER_DATA_PATH (colon-separated directories), or add its directory to `data_path` in runner.yaml"
      return map.diagnostic(.error, at: path(of: name) ?? fallback, "data file '\(name)' not found", note: note)
    case .namedDatasetMissing(_, let file, _, _, _, _):
      // One line above the snippet; where it looked, the mirrors tried and the remedies below.
      let headline = error.description.prefix { $0 != "\n" }
      return map.diagnostic(
        .error, at: path(of: file) ?? fallback, String(headline),
        note: error.namedDatasetMissingDetails)
    case .datasetNotFound(let file, let dataset, _):
      return map.diagnostic(.error, at: path(of: dataset) ?? path(of: file) ?? fallback, error.description)
    case .malformed(let file, _, _), .invalidValues(let file, _, _), .unreadable(let file, _),
      .checksumMismatch(let file, _, _):
      return map.diagnostic(.error, at: path(of: file) ?? fallback, error.description)
    default:
      return map.diagnostic(.error, at: fallback, error.description)
    }
  }
}
