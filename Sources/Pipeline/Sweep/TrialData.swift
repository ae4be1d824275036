import Conventions
import Foundation
import Reports

/// One data file a trial read, as its `data_files.csv` records it: the spec key naming it, the
/// file as written there and its SHA-256. A trial's ID covers its spec, not its data, so these
/// rows are what tells a sweep or a merge that two complete trials trained on different data.
struct TrialData: Hashable {
  /// The spec key naming the file (`dataset.file`, `dataset.train.target_file`, …).
  var key: String
  /// The file as written at `key`.
  var file: String
  /// The SHA-256 the trial recorded.
  var sha256: String

  /// The file `key` and `file` name, whatever its digest: two rows of one file differ only in
  /// their digests.
  var source: [String] { [key, file] }

  /// The rows of a `data_files.csv` table (nil when it lacks the columns).
  static func rows(_ table: CSVTable) -> [TrialData]? {
    guard let keys = table.column("key"), let files = table.column("file"),
      let digests = table.column("sha256")
    else { return nil }
    return keys.indices.map { TrialData(key: keys[$0], file: files[$0], sha256: digests[$0]) }
  }

  /// The rows of the `data_files.csv` in trial folder `folder`; nil when it has none (a run
  /// older than the file, or of generated data) or it cannot be read.
  static func recorded(in folder: URL) -> [TrialData]? {
    let url = folder.appendingPathComponent(ResultsFile.dataFiles)
    return (try? CSVTable(contentsOf: url)).flatMap(rows)
  }

  /// The first 12 hex digits of a digest, as messages show it.
  static func short(_ sha256: String) -> String { String(sha256.prefix(12)) + "…" }

  /// The complete trials among `ids` in `holders`, each holder's in the order of `ids`.
  static func complete(_ ids: [String], in holders: [SweepLayout]) -> [(id: String, folder: URL)] {
    holders.flatMap { holder in
      ids.filter { TrialStatus.read(holder.marker($0)) != nil }.map {
        (id: $0, folder: holder.trialDirectory($0))
      }
    }
  }

  /// Refuses, before `runner merge` writes anything, complete trials that recorded different
  /// digests of one data file (same key, same file as written): one summary would rank results
  /// of two datasets together. Names the first trial that recorded the file and the first that
  /// disagrees with it. Trials without `data_files.csv` are not compared.
  static func checkAgree(_ trials: [(id: String, folder: URL)]) throws(SweepError) {
    var first: [[String]: (row: TrialData, id: String, folder: URL)] = [:]
    for trial in trials {
      for row in recorded(in: trial.folder) ?? [] {
        guard let known = first[row.source] else {
          first[row.source] = (row, trial.id, trial.folder)
          continue
        }
        guard known.row.sha256 != row.sha256 else { continue }
        throw .differentData(
          key: row.key, file: row.file,
          first: (known.id, known.folder.deletingLastPathComponent().path, known.row.sha256),
          second: (trial.id, trial.folder.deletingLastPathComponent().path, row.sha256))
      }
    }
  }
}
