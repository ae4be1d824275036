import Conventions
import Foundation
import Specs

/// The data files one `runner sweep` invocation reads, each pinned at the content it had when
/// the invocation first digested it (`DataFilesRecord.files`, as a trial records its
/// `data_files.csv`). A later trial that finds another content (the file edited or replaced
/// while the sweep ran) is refused with a `SweepDataChange`, which stops the sweep: its trials
/// would otherwise train on two versions of the data, ranked together in one `summary.csv`.
/// A file only touched (same bytes) is no change: the identity (`FileIdentity`) is compared
/// first and the digest (`DigestCache`) only when it differs.
final class SweepDataPin: @unchecked Sendable {
  private let lock = NSLock()
  /// By path: the identity and SHA-256 of the content first digested.
  private var pinned: [String: (identity: FileIdentity, sha256: String)] = [:]

  /// Pins `path` at `sha256` (its content when its identity was `identity`) when it is not
  /// pinned yet; returns what was pinned when that is another content, nil otherwise.
  func pin(_ path: String, sha256: String, identity: FileIdentity) -> (
    identity: FileIdentity, sha256: String
  )? {
    lock.withLock {
      guard let first = pinned[path] else {
        pinned[path] = (identity, sha256)
        return nil
      }
      return first.sha256 == sha256 ? nil : first
    }
  }
}

/// A data file whose content changed while a sweep ran, after its trials had read it: the
/// trial that found it is not run, and the sweep stops (exit 65) keeping the trials completed.
public struct SweepDataChange: Sendable {
  /// The spec key naming the file (`dataset.file`, …).
  let key: String
  /// The file as written at `key`.
  let file: String
  /// The SHA-256 of the content the sweep first read.
  let then: String
  /// The SHA-256 of the content the file has now.
  let now: String
  /// The error, located at `key`.
  let error: Diagnostic
  /// The sweep folder and how many of its complete trials recorded the earlier content (set
  /// once the sweep has stopped; nil until then).
  var kept: (folder: String, trials: Int)? = nil

  /// The error with a note saying what was kept and what to do.
  var diagnostic: Diagnostic {
    var diagnostic = error
    guard let kept else {
      diagnostic.note = "the sweep stopped; this trial was not run"
      return diagnostic
    }
    let trials =
      kept.trials == 1
      ? "its 1 complete trial trained on the earlier version is"
      : "its \(kept.trials) complete trials trained on the earlier version are"
    diagnostic.note =
      "the sweep stopped; \(trials) kept in \(kept.folder): to train every trial on the "
      + "current data, sweep into a new folder (--results-dir DIR, or another output:) or move "
      + "\(kept.folder) away; to finish this sweep on the earlier data, put that version of "
      + "\(file) back and run the same command again"
    return diagnostic
  }
}

extension SweepDataChange {
  /// The change of the file `key` names (`name` as written, found at `path`), pinned at
  /// `first` and read now as `sha256` with identity `identity`, located in `loaded`.
  init(
    key: SpecPath, name: String, path: String, first: (identity: FileIdentity, sha256: String),
    sha256: String, identity: FileIdentity, in loaded: LoadedSpec
  ) {
    let change = first.identity.change(to: identity) ?? "its content differs"
    self.init(
      key: key.description, file: name, then: first.sha256, now: sha256,
      error: loaded.sourceMap.diagnostic(
        .error, at: key,
        "\(key): \(name) changed while the sweep ran (\(change); SHA-256 "
          + "\(RecordedDataFile.short(first.sha256)) when this sweep first read it, now "
          + "\(RecordedDataFile.short(sha256))), so its trials would train on two versions of "
          + "the data"))
  }

  /// This change with the count of complete trials below the sweep folder `folder` whose
  /// `data_files.csv` records the earlier content.
  func kept(in folder: URL) -> SweepDataChange {
    var change = self
    let earlier = StaleData.completeTrials(in: folder).filter { trial in
      (RecordedDataFile.recorded(in: trial.folder) ?? []).contains {
        $0.key == key && $0.file == file && $0.sha256 == then
      }
    }
    change.kept = (folder.path, Set(earlier.map(\.folder.lastPathComponent)).count)
    return change
  }
}
