import Conventions
import Foundation
import Reports

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Leftovers of single runs killed while committing, and the history of replaced runs.
///
/// A run stages its files in `.staging-<name>-<pid>-<time>` beside its folder, then moves the
/// previous folder aside to the same name + `-old`, moves the staging folder into place and
/// retires the old one. At the next start, leftovers of processes that are gone are settled:
/// an `-old` folder goes back into place when the kill came between the two moves (so the
/// previous results are never lost), or is retired; other staging folders are removed.
public enum RunLeftovers {
  /// Settles dead processes' leftovers of `folder`; returns notes on folders kept in history.
  /// `keepHistory` as for `retire` (false for a sweep's trial folders).
  @discardableResult
  public static func clean(_ folder: URL, keepHistory: Bool = true) -> [String] {
    let parent = folder.deletingLastPathComponent()
    let prefix = ".staging-\(folder.lastPathComponent)-"
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [])
      .filter { $0.hasPrefix(prefix) }.sorted { $0.hasSuffix("-old") && !$1.hasSuffix("-old") }
    var notes: [String] = []
    for name in names {
      let rest = name.dropFirst(prefix.count)
      guard let pid = rest.split(separator: "-", maxSplits: 1).first.flatMap({ pid_t(String($0)) }),
        !ProcessLiveness.isRunning(pid)
      else { continue }
      let url = parent.appendingPathComponent(name)
      if name.hasSuffix("-old") {
        if ResultsFolderKind.of(folder) == .missing {
          try? FileManager.default.moveItem(at: url, to: folder)
        } else if let note = settleOld(url, replacedBy: folder, keepHistory: keepHistory) {
          notes.append(note)
        }
      } else {
        try? FileManager.default.removeItem(at: url)
      }
    }
    moveKept(of: folder)
    return notes
  }

  /// Removes the temporaries (`.<file>.tmp-<pid>-…`) that a `runner report` or `runner export`
  /// killed mid-write left in results folder `folder` (a run's or a sweep's) and its `plots/`,
  /// and the copies under way (`.<time>.tmp-<pid>-…`) of the edited reports it was keeping in
  /// the folder's history, those of processes that are gone, as a sweep does at its start.
  public static func removeTemporaries(in folder: URL) {
    StaleFiles.removeTemporaries(in: folder)
    StaleFiles.removeTemporaries(in: historyFolder(of: folder))
  }

  /// Removes a replaced run folder `old` when it holds nothing but the runner's files, as this
  /// run wrote them, and the same spec as `current` (same spec and seed give the same results;
  /// a sweep trial, without `keepHistory`, whatever its spec and files), else keeps it in
  /// `.history/<name>/<UTC time>/` beside it, so that files a user added or edited are never
  /// deleted; returns a note naming where, and why.
  @discardableResult
  public static func retire(_ old: URL, replacedBy current: URL, keepHistory: Bool = true)
    -> String?
  {
    if let link = PathEntry.linkTarget(old.path) {
      // The folder was a link to one elsewhere (a scratch disk): the run is local now, so the
      // link is kept, not dropped unsaid; the folder it names is never touched.
      let kept = moveToHistory(old, of: current).map { "it is kept in \($0.path)" }
      return "note: \(current.path) was a symbolic link to \(link); this run is in a folder "
        + "there instead, and the folder the link names is left as it is; "
        + (kept ?? "the link could not be moved to \(historyFolder(of: current).path), so it is "
          + "kept in \(old.path)")
    }
    let spec = ResultsFile.resolvedSpec
    // An earlier run this user cannot read (another user's, made under umask 077), or a spec
    // that cannot be opened now (no file descriptor left), is kept, and said to be unreadable,
    // not to have had another spec.
    let specs = FileComparison.of(
      old.appendingPathComponent(spec).path, current.appendingPathComponent(spec).path)
    let same = specs == .same
    carryToolFiles(from: old, to: current)
    let added = addedFiles(in: old, besides: current)
    let changed = keepHistory && !same
    let (differing, uncompared) =
      keepHistory && same ? differingFiles(in: old, from: current) : ([], [])
    guard changed || !added.isEmpty || !differing.isEmpty || !uncompared.isEmpty else {
      // Another user's leftover, say: said, not left silently beside the results.
      return removeLeftover(old, of: current)
    }
    var why: [String] = []
    if changed, case .uncompared(let path, let reason) = specs {
      let which = path.hasPrefix(old.path + "/") ? spec : path
      why.append(
        "could not be read (\(which): \(reason)), so whether its spec was the same is unknown")
    } else if changed {
      why.append("had a different spec")
    }
    if !added.isEmpty {
      why.append("held files this run does not write (\(listed(added)))")
    }
    if !differing.isEmpty {
      why.append(
        "held files that differ from this run's (\(listed(differing))): "
          + differenceCause(differing, old: old, current: current))
    }
    if let reason = uncompared.first?.reason {
      // A file that could not be opened is not said to differ, nor its cause guessed.
      why.append(
        "held files that could not be compared with this run's "
          + "(\(listed(uncompared.map(\.path))): \(reason)), so whether they differ is unknown")
    }
    let previous = "note: the previous run in \(current.path) \(why.joined(separator: " and "))"
    guard let target = moveToHistory(old, of: current) else {
      // `.history` cannot be written (a full disk, a file in its place, a folder of another
      // user's that only its owner may move elsewhere): said, not hidden, and kept beside the
      // folder under a name that says so, not a staging folder's.
      let kept = keepBeside(old, of: current) ?? old
      return "\(previous); it could not be moved to \(historyFolder(of: current).path), so it "
        + "is kept in \(kept.path) until a run there can move it"
    }
    return "\(previous); it is kept in \(target.path)"
  }

  /// Moves run folder `folder`, which a failed attempt leaves with nothing of its own, into
  /// `.history/<name>/<UTC time>/` beside it, whole: the earlier attempt's results and any
  /// files a user added there are kept, never deleted. Returns a note naming where.
  public static func keepFailedAttempt(_ folder: URL) -> String? {
    guard let target = moveToHistory(folder, of: folder) else { return nil }
    return "note: \(folder.path) held an earlier attempt's results (and any files of yours); "
      + "this attempt failed before writing any, so they are kept in \(target.path)"
  }

  /// Copies the files `names` of `folder` into a new folder of `history` named by the UTC time
  /// now, whole or not at all: they are copied into a hidden temporary folder there, renamed
  /// into place once every byte is written; a copy that fails (a full disk) removes it, and the
  /// history folders it made, and throws `.cannotWrite` naming `history`, in the system's
  /// words. Returns the new folder.
  static func keepCopies(of names: [String], from folder: URL, in history: URL)
    throws(ResultsFileError) -> URL
  {
    let fm = FileManager.default
    let made = PathText.missingFolders(upTo: history.path).map {
      URL(fileURLWithPath: $0, isDirectory: true)
    }
    let target = freeTarget(in: history)
    let temporary = history.appendingPathComponent(
      ".\(target.lastPathComponent)\(AtomicFile.temporaryMark)\(getpid())-\(UUID().uuidString)")
    do {
      try fm.createDirectory(at: history, withIntermediateDirectories: true)
      // Recorded as it is made, so that an interrupt ending the process removes it.
      try OwnTemporaries.creating(temporary) {
        try fm.createDirectory(at: temporary, withIntermediateDirectories: false)
      }
      // Written as results are (`AtomicFile`), so that a failure is said in the system's
      // words ("No space left on device"), not Foundation's.
      try AtomicFile.write(
        try names.map { name in
          (
            temporary.appendingPathComponent(name),
            try Data(contentsOf: folder.appendingPathComponent(name))
          )
        })
      guard rename(temporary.path, target.path) == 0 else {
        throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
      }
      OwnTemporaries.forget(temporary)
      return target
    } catch {
      try? fm.removeItem(at: temporary)
      OwnTemporaries.forget(temporary)
      for url in made { rmdir(url.path) }
      if case .cannotWrite(_, let reason) = error as? ResultsFileError {
        throw .cannotWrite(path: history.path, reason: reason)
      }
      throw .cannotWrite(path: history.path, reason: AtomicFile.reason(error))
    }
  }

  /// A folder in `history` named by the UTC time now, or `stamp` (and a count when taken).
  static func freeTarget(in history: URL, stamp: String = timestamp()) -> URL {
    var target = history.appendingPathComponent(stamp)
    var n = 1
    while FileManager.default.fileExists(atPath: target.path) {
      n += 1
      target = history.appendingPathComponent("\(stamp)-\(n)")
    }
    return target
  }

  /// Moves `old` into `current`'s history folder under the UTC time now, or `stamp` (and a
  /// count when taken); returns where, or nil when it cannot be moved.
  static func moveToHistory(_ old: URL, of current: URL, stamp: String = timestamp()) -> URL? {
    let fm = FileManager.default
    let history = historyFolder(of: current)
    let target = freeTarget(in: history, stamp: stamp)
    do {
      try fm.createDirectory(at: history, withIntermediateDirectories: true)
      if let link = PathEntry.linkTarget(old.path) {
        // A link to a folder elsewhere (the run's folder was one): kept pointing at the same
        // place from its new one, the folder it names untouched (its event files too).
        let resolved =
          link.hasPrefix("/")
          ? URL(fileURLWithPath: link)
          : old.deletingLastPathComponent().appendingPathComponent(link)
        try fm.createSymbolicLink(
          atPath: target.path, withDestinationPath: resolved.standardizedFileURL.path)
        try fm.removeItem(at: old)
      } else {
        try fm.moveItem(at: old, to: target)
        removeEventFiles(in: target)
      }
    } catch { return nil }
    return target
  }

  /// Files other tools keep in a run folder (DVC's `.gitignore` of the outputs it tracks) stay
  /// with the folder: moved into the run now in `current` when it has none, so that they make
  /// no earlier run "hold files this run does not write" at every `dvc repro`.
  private static func carryToolFiles(from old: URL, to current: URL) {
    for name in [".gitignore"] {
      let (was, now) = (old.appendingPathComponent(name), current.appendingPathComponent(name))
      guard PathEntry.isPlainFile(was.path), !FileManager.default.fileExists(atPath: now.path)
      else { continue }
      try? FileManager.default.moveItem(at: was, to: now)
    }
  }

  /// Removes the runner's TensorBoard event files from a run kept in history (TensorBoard reads
  /// hidden folders too, and would list the kept run beside the current one); `runner export
  /// tensorboard` on the kept folder writes them again.
  private static func removeEventFiles(in folder: URL) {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    for name in names where ExportedFiles.isEventFile(name) {
      try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
    }
  }

  /// The entries of run folder `old` (relative paths, a foreign folder as one entry) that the
  /// run now in `current` did not write: files a user added. Besides what the new run wrote,
  /// the runner's own are `runner export`'s files (a `summary.json` only when the export wrote
  /// it) and temporaries of an interrupted write.
  static func addedFiles(in old: URL, besides current: URL) -> [String] {
    let fm = FileManager.default
    guard let entries = fm.enumerator(atPath: old.path) else { return [] }
    var added: [String] = []
    while let path = entries.nextObject() as? String {
      let name = (path as NSString).lastPathComponent
      let runners = ExportedFiles.isExported(path, in: old) || AtomicFile.isTemporary(name)
      guard !runners, !fm.fileExists(atPath: current.appendingPathComponent(path).path) else {
        continue
      }
      added.append(path)
      entries.skipDescendants()
    }
    return added.sorted()
  }

  /// The files of run folder `old` (relative paths) that the run now in `current` also wrote,
  /// with other bytes: a user's edits, or another version's or machine's results; and those
  /// that could not be read to tell (with why). The timing files differ on every run and are
  /// not compared.
  static func differingFiles(in old: URL, from current: URL) -> (
    differing: [String], uncompared: [(path: String, reason: String)]
  ) {
    let fm = FileManager.default
    guard let entries = fm.enumerator(atPath: old.path) else { return ([], []) }
    var differing: [String] = []
    var uncompared: [(path: String, reason: String)] = []
    while let path = entries.nextObject() as? String {
      let (was, now) = (old.appendingPathComponent(path), current.appendingPathComponent(path))
      guard !ResultsFile.timingFiles.contains(path), PathEntry.isPlainFile(was.path),
        PathEntry.isPlainFile(now.path)
      else { continue }
      switch FileComparison.of(was.path, now.path) {
      case .same: continue
      case .different: differing.append(path)
      case .uncompared(_, let reason): uncompared.append((path, reason))
      }
    }
    return (differing.sorted(), uncompared.sorted { $0.path < $1.path })
  }

  /// The first five of `paths`, then how many more.
  static func listed(_ paths: [String]) -> String {
    paths.prefix(5).joined(separator: ", ")
      + (paths.count > 5 ? " and \(paths.count - 5) more" : "")
  }

  /// `<results root>/.history/<name>/`: the earlier runs of folder `folder`, newest last.
  public static func historyFolder(of folder: URL) -> URL {
    folder.deletingLastPathComponent().appendingPathComponent(".history", isDirectory: true)
      .appendingPathComponent(folder.lastPathComponent, isDirectory: true)
  }

  /// The UTC time now, as history folders are named (`20261201T110605Z`).
  static func timestamp() -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
    return formatter.string(from: Date())
  }
}
