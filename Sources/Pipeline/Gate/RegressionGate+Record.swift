import Conventions
import Foundation
import Reports

extension RegressionGate {
  /// The hidden file `record` puts in a baseline before moving it aside as
  /// `.previous-<name>`: a leftover holding it is provably the runner's own temporary.
  static let asideMark = ".moved-aside-by-runner-gate"

  /// The hidden file `record` puts in the folder it copies a new baseline into,
  /// `.recording-<name>`, when it makes it: a leftover holding it is provably the runner's.
  static let recordingMark = ".recorded-by-runner-gate"

  /// Where `record` keeps `entry`'s earlier baseline while the new one goes in place.
  func previous(_ entry: GateEntry) -> URL {
    baselineRoot.appendingPathComponent(".previous-\(entry.name)")
  }

  /// Removes the earlier baseline `record` moved aside as `previous`: a folder its mark last (a
  /// removal cut short leaves it marked, so `recover` knows it), a link as the link.
  static func removeAside(_ previous: URL) throws {
    guard GateMark.holds(previous, asideMark) else {
      return try FileManager.default.removeItem(at: previous)
    }
    try GateMark.remove(previous, asideMark)
  }

  /// Where `record` copies `entry`'s new baseline before moving it in place.
  public func staging(_ entry: GateEntry) -> URL {
    baselineRoot.appendingPathComponent(".recording-\(entry.name)")
  }

  /// Replaces `entry`'s baseline with the compared files of `fresh` (its CSVs, resolved specs
  /// and environment record), copied first into `.recording-<name>` (marked; a marked leftover
  /// is removed, anything else there refused). The old baseline is marked and moved aside until
  /// the new one is in place. The moves run under `ResultsCommits`' lock, so that Ctrl-C waits
  /// for them; a kill in between is repaired by `recover` (`environment` may arm `CrashHook`'s
  /// `gate-record-aside`, `gate-record-placed`). Files of yours in the earlier baseline (those
  /// it does not record: a `NOTES.md`) are copied into the new one, never deleted, and named
  /// in the outcome's note. A baseline whose compared files are `fresh`'s byte for byte is left
  /// untouched, its `environment.csv` included (`.unchanged`; a folder in the way is still
  /// refused).
  @discardableResult
  public func record(
    _ entry: GateEntry, fresh: URL,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(GateError) -> GateRecording {
    let target = baseline(entry)
    let files: [String]
    do { files = try Self.comparedFiles(in: fresh) + Self.environmentFiles(in: fresh) } catch {
      throw .unreadable(path: fresh.path, reason: AtomicFile.reason(error))
    }
    // A baseline that is a link is replaced as the link: the folder it names is left whole.
    let yours: [String]
    do {
      yours = GateMark.type(of: target) == .typeDirectory ? try Self.yourEntries(in: target) : []
    } catch let error as GateError {
      throw error
    } catch {
      throw .unreadable(path: target.path, reason: AtomicFile.reason(error))
    }
    let fm = FileManager.default
    let (staging, previous) = (staging(entry), previous(entry))
    // Not the runner's (`recover` removes its own): never replaced, a dangling link included.
    if GateMark.type(of: previous) != nil { throw .inTheWay(path: previous.path) }
    // A marked leftover of a record stopped while copying goes, and an empty one (stopped
    // before it was marked); anything else there is not.
    if GateMark.type(of: staging) != nil, !GateMark.holds(staging, Self.recordingMark),
      !GateMark.removeIfEmpty(staging)
    {
      throw .inTheWay(path: staging.path)
    }
    // (After the folders in the way are said: they would be in the way of the next change.)
    if isUnchanged(entry, fresh: fresh) {
      // A marked leftover of a stopped record is the runner's own: it goes, as a record's would.
      if GateMark.type(of: staging) != nil { try? GateMark.remove(staging, Self.recordingMark) }
      return .unchanged
    }
    var made = false
    do {
      if GateMark.type(of: staging) != nil { try GateMark.remove(staging, Self.recordingMark) }
      try fm.createDirectory(at: staging, withIntermediateDirectories: false)
      made = true
      try Data().write(to: staging.appendingPathComponent(Self.recordingMark))
      for file in files {
        let destination = staging.appendingPathComponent(file)
        try fm.createDirectory(
          at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        if (file as NSString).lastPathComponent == ResultsFile.environment {
          try relativeToRoot(fresh.appendingPathComponent(file)).write(to: destination)
        } else {
          try fm.copyItem(at: fresh.appendingPathComponent(file), to: destination)
        }
      }
      try Self.carry(yours, from: target, into: staging)
    } catch {
      if made { try? GateMark.remove(staging, Self.recordingMark) }
      if let error = error as? GateError { throw error }
      throw .cannotRecord(path: target.path, reason: AtomicFile.reason(error))
    }
    // A failed placing throws inside the commit, so an interrupt never counts it as recorded.
    try ResultsCommits.shared.committing(target) { () throws(GateError) in
      let hook = CrashHook(environment: environment)
      if let failure = place(staging, at: target, aside: previous, hook: hook) {
        throw .cannotRecord(path: target.path, reason: AtomicFile.reason(failure))
      }
    }
    guard !yours.isEmpty else { return .recorded(note: nil) }
    let listed = yours.prefix(5).joined(separator: ", ") + (yours.count > 5 ? ", …" : "")
    return .recorded(
      note: "note: \(entry.name): kept \(listed) (not written by the runner) in the new baseline")
  }

  /// The environment record at `file` with the project root's path left out of its values
  /// (`spec_file,experiments/cat.yaml`): a committed baseline names no recorder's checkout.
  /// The root is matched as given and with its links resolved, in every cell of the table.
  private func relativeToRoot(_ file: URL) throws -> Data {
    let table = try CSVTable(parsing: String(contentsOf: file, encoding: .utf8))
    // The longest form first (one may be a prefix of the other), in a fixed order.
    let prefixes = [root.standardizedFileURL, root.resolvingSymlinksInPath()].map { $0.path + "/" }
      .sorted { $0.count > $1.count }
    let rows = table.rows.map { row in
      row.map { cell in
        prefixes.first { cell.hasPrefix($0) }.map { String(cell.dropFirst($0.count)) } ?? cell
      }
    }
    return Data(try CSVTable(header: table.header, rows: rows).rendered.utf8)
  }

  /// Moves `staging` in place as `target`, the earlier `target` marked and moved aside as
  /// `previous` meanwhile; on a failure, puts the earlier one back and returns the error.
  private func place(_ staging: URL, at target: URL, aside previous: URL, hook: CrashHook)
    -> (any Error)?
  {
    let fm = FileManager.default
    var movedAside = false
    do {
      if fm.fileExists(atPath: target.path) {
        // A baseline that is a link is moved aside as the link, unmarked: nothing is written
        // into the folder it names (a leftover of it is kept as the user's).
        let link = (try? fm.destinationOfSymbolicLink(atPath: target.path)) != nil
        if !link { try Data().write(to: target.appendingPathComponent(Self.asideMark)) }
        try fm.moveItem(at: target, to: previous)
        movedAside = true
        hook.reach("gate-record-aside")
      }
      try fm.moveItem(at: staging, to: target)
      try? fm.removeItem(at: target.appendingPathComponent(Self.recordingMark))
      hook.reach("gate-record-placed")
      if movedAside { try? Self.removeAside(previous) }
      return nil
    } catch {
      // Nothing half-recorded is left: the earlier baseline goes back in place.
      try? GateMark.remove(staging, Self.recordingMark)
      if movedAside { try? fm.moveItem(at: previous, to: target) }
      try? fm.removeItem(at: target.appendingPathComponent(Self.asideMark))
      return error
    }
  }
}
