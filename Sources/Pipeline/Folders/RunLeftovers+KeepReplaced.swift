import Conventions
import Foundation
import Reports

/// Keeping the report files a command replaces or removes: those it did not write as they are.

extension RunLeftovers {
  /// Copies the files of folder `folder` that a command is about to replace with other bytes
  /// (`replacements`: name inside `folder`, new bytes), such as a `report.md` you annotated that
  /// `runner report` rewrites, into `.history/<name>/<UTC time>/`; a file the runner recorded
  /// writing there itself (`WrittenRecord`) is its own, replaced without a copy. `writer` names
  /// the command's output in the note (`this report`). Returns a note naming where (nil when no
  /// file differs), or throws when they cannot be kept: the caller then replaces nothing.
  /// `along`: files the replaced ones show that the command then removes (a report's stale
  /// `plots/<name>.svg`, one you added to your annotated report among them), copied with them;
  /// when no replaced file differs, those of them the runner did not record writing as they are
  /// (a plot you edited) are kept on their own.
  public static func keepReplaced(
    _ replacements: [(name: String, bytes: Data)], in folder: URL, writer: String = "this report",
    along: [String] = []
  ) throws(ResultsFileError) -> String? {
    let fm = FileManager.default
    let differing = replacements.map(\.name).filter { name in
      isYours(name, in: folder)
        && fm.contents(atPath: folder.appendingPathComponent(name).path)
          != replacements.first { $0.name == name }?.bytes
    }
    let shown = along.filter { PathEntry.isPlainFile(folder.appendingPathComponent($0).path) }
    // The runner's own report is replaced without a copy; a file it shows that is removed and
    // that the runner did not write as it is (a plot you edited) is kept, on its own.
    guard !differing.isEmpty else {
      let edited = shown.filter { isYours($0, in: folder) }
      guard !edited.isEmpty else { return nil }
      return try keepRemoved(edited, in: folder, writer: writer)
    }
    let with =
      shown.isEmpty
      ? ""
      : ", with \(listed(shown)), which \(differing.count == 1 ? "it shows" : "they show") "
        + "and \(writer) does not"
    let history = historyFolder(of: folder)
    if let newest = keptAlready(differing + shown, of: folder, in: history) {
      return "note: \(listed(differing)) in \(folder.path) differed from what \(writer) "
        + "writes: kept already in \(newest.path)\(with)"
    }
    let target = try keepCopies(of: differing + shown, from: folder, in: history)
    return "note: \(listed(differing)) in \(folder.path) differed from what \(writer) writes "
      + "(edited, or written by another runner version): kept in \(target.path)\(with)"
  }

  /// Copies the files `removed` of `folder`, which the earlier report showed and the new one
  /// (`writer`) does not and which differ from what the runner recorded writing, into
  /// `.history/<name>/<UTC time>/`; returns the note naming where.
  private static func keepRemoved(_ removed: [String], in folder: URL, writer: String)
    throws(ResultsFileError) -> String
  {
    let history = historyFolder(of: folder)
    let what =
      "\(listed(removed)) in \(folder.path), which the earlier report showed and \(writer) "
      + "does not, differed from what the runner wrote there (edited, or made under that name)"
    if let newest = keptAlready(removed, of: folder, in: history) {
      return "note: \(what): kept already in \(newest.path)"
    }
    let target = try keepCopies(of: removed, from: folder, in: history)
    return "note: \(what): kept in \(target.path)"
  }

  /// Whether `name` in `folder` is a plain file the runner did not record writing as it is
  /// (`WrittenRecord`): edited, made by hand, or written by another runner version.
  static func isYours(_ name: String, in folder: URL) -> Bool {
    PathEntry.isPlainFile(folder.appendingPathComponent(name).path)
      && !WrittenRecord.isOwn(name, in: folder)
  }

  /// The newest copy in `history` that holds `names` of `folder` as they are (a retry after a
  /// failed write: no second copy); nil when there is none. A hidden name is a copy under way,
  /// not one kept.
  private static func keptAlready(_ names: [String], of folder: URL, in history: URL) -> URL? {
    let fm = FileManager.default
    guard
      let newest = ((try? fm.contentsOfDirectory(atPath: history.path)) ?? [])
        .filter({ !$0.hasPrefix(".") }).max().map({ history.appendingPathComponent($0) }),
      names.allSatisfy({ name in
        fm.contentsEqual(
          atPath: folder.appendingPathComponent(name).path,
          andPath: newest.appendingPathComponent(name).path)
      })
    else { return nil }
    return newest
  }
}
