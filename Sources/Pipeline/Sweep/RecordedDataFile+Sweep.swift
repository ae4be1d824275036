import Conventions
import Foundation
import Reports

/// What a sweep's complete trials recorded of their data (`data_files.csv`): a trial's ID
/// covers its spec, not its data.
extension RecordedDataFile {
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
    var first: [[String]: (row: RecordedDataFile, id: String, folder: URL)] = [:]
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
