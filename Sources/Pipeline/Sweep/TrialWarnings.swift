import Conventions
import Foundation
import Reports

/// The warnings a trial gave while it trained (L-BFGS out of budget, a curve point recorded as
/// failed), kept in its folder as the hidden `.warnings.csv` (one `warning` column, in the
/// order given; none when it gave none), so that a later `runner sweep` skipping the complete
/// trial (a resume, a CI retry, a merged shard's folder) says them again and `--strict` fails
/// on them as it did for the run that trained it (tester BD F-d). A folder without the file
/// (an earlier runner's) reads as a trial without warnings.
final class TrialWarnings: @unchecked Sendable {
  /// The file's name in the trial folder.
  static let name = ".warnings.csv"
  private static let header = ["warning"]
  private let log = WarningLog()

  /// An empty record.
  init() {}

  /// Records `event` when it is a `warning: …` note (the text after the prefix, each once).
  func record(_ event: RunEvent) {
    if case .note(let text) = event { log.record(note: text) }
  }

  /// Writes the warnings recorded into trial folder `folder`, or removes an earlier record
  /// when there are none (the folder is left as it is when it does not exist).
  func write(in folder: URL) throws(ResultsFileError) {
    let file = folder.appendingPathComponent(Self.name)
    let given = log.recorded
    guard !given.isEmpty else { return Self.remove(in: folder) }
    guard FileManager.default.fileExists(atPath: folder.path) else { return }
    // One column and one cell a row: the table is always well formed.
    let table = try! CSVTable(header: Self.header, rows: given.map { [$0] })
    try AtomicFile.write(table.rendered, to: file)
  }

  /// Removes the record of trial folder `folder`, if any.
  static func remove(in folder: URL) {
    let file = folder.appendingPathComponent(name)
    guard FileManager.default.fileExists(atPath: file.path) else { return }
    try? FileManager.default.removeItem(at: file)
  }

  /// The warnings recorded in trial folder `folder` (without their `warning: ` prefix); none
  /// when it holds no readable record.
  static func read(in folder: URL) -> [String] {
    let file = folder.appendingPathComponent(name)
    guard FileManager.default.fileExists(atPath: file.path),
      let text = try? AtomicFile.read(file),
      let table = try? CSVTable(parsing: text), table.header == header
    else { return [] }
    return table.rows.compactMap(\.first).filter { !$0.isEmpty }
  }
}

extension TrialWarnings {
  /// Says again, as the run that trained them said them (`warning: trial <id>: …`), the
  /// recorded warnings of the complete trials among `ids` in `layout` that this process did not
  /// run (`ran`): skipped as complete, or finished by another process.
  static func sayAgain(
    _ ids: [String], ran: Set<String>, in layout: SweepLayout, observer: SweepObserver
  ) {
    for id in ids where !ran.contains(id) && TrialStatus.marker(layout.marker(id)) != nil {
      for warning in read(in: layout.trialDirectory(id)) {
        observer(.note("warning: trial \(id): " + warning))
      }
    }
  }
}
