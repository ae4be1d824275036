import Conventions
import Datasets
import Reports
import Specs

/// The arrays `model.init.from` holds at the digest against those the run started from.
extension DataFilesRead {
  /// The refusal when the arrays `model.init.from` holds now are not the ones `start` read for
  /// the run (`layer3_weights.npy` added since): the run starts from the networks read, and
  /// `data_files.csv` would record arrays it did not start from; nil when they are the same, or
  /// nothing was read.
  func startChange() -> PipelineError? {
    guard let read = start?.filesRead, let first = read.first else { return nil }
    let now = SavedParameters.initFiles(for: loaded.spec, specFile: loaded.file)
    guard now.map(\.path) != read.map(\.path) else { return nil }
    func names(_ files: [(name: String, path: String)]) -> [String] {
      files.map { String($0.path.split(separator: "/").last ?? "") }
    }
    let (was, found) = (names(read), names(now))
    let added = found.filter { !was.contains($0) }
    let removed = was.filter { !found.contains($0) }
    let said = [
      added.isEmpty ? nil : "\(added.listed()) added",
      removed.isEmpty ? nil : "\(removed.listed()) removed",
    ].compactMap { $0 }
    let folder = PathText.folder(of: first.name) + "/"
    let change =
      said.isEmpty
      ? "now found at \(PathText.folder(of: now.first?.path ?? ""))" : said.joined(separator: ", ")
    let key = SpecPath("model.init.from")
    return .data(
      .invalidValues(
        file: PathText.folder(of: first.path), location: nil, reason: "changed while it was read"),
      diagnostic: loaded.sourceMap.diagnostic(
        .error, at: key,
        "\(key): \(folder) changed while the runner was reading it (\(change)), so the networks "
          + "the run starts from and the arrays recorded in \(ResultsFile.dataFiles) might not be "
          + "the same",
        note: "nothing was written; run again once \(folder) is no longer being written (write "
          + "the arrays elsewhere and move the folder into place before a run, not during one)"))
  }
}
