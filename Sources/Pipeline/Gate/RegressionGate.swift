import Conventions
import Foundation
import Reports

/// The regression gate: re-runs the experiments of `results/baseline/gate.csv` and compares
/// their results with the committed baselines in `results/baseline/<name>/`.
///
/// When the fresh run's numeric environment (`environment.csv`, `numeric_environment`) is the
/// baseline's, the files must be identical byte for byte; otherwise they are compared within
/// the entry's tolerances (`GateEntry.toleranceOptions`). Timings and environment records are
/// never compared.
public struct RegressionGate: Sendable {
  /// The project root (the folder holding `results/baseline/`).
  public let root: URL

  /// A gate over the baselines under `root/results/baseline/`.
  public init(root: URL) { self.root = root }

  /// `results/baseline/`.
  public var baselineRoot: URL { root.appendingPathComponent("results/baseline") }

  /// The manifest's entries.
  public func entries() throws(GateError) -> [GateEntry] {
    try GateEntry.load(baselineRoot.appendingPathComponent("gate.csv"))
  }

  /// The committed results of `entry`.
  public func baseline(_ entry: GateEntry) -> URL {
    baselineRoot.appendingPathComponent(entry.name)
  }

  /// Runs `entry`'s spec under `resultsRoot` and returns its results folder. Sweeps run whole,
  /// whatever shard variables the environment holds.
  public func runFresh(
    _ entry: GateEntry, resultsRoot: URL,
    environment: [String: String] = ProcessInfo.processInfo
      .environment
  ) throws(PipelineError) -> URL {
    let spec = root.appendingPathComponent(entry.spec).path
    let run = RunOptions(environment: environment, resultsRoot: resultsRoot.path)
    if entry.command == "sweep" {
      do {
        let outcome = try SweepRunner.run(
          specPath: spec, options: SweepOptions(run: run, jobs: 2, shard: "0/1"))
        return URL(fileURLWithPath: outcome.directory)
      } catch {
        throw .environment("\(entry.name): the sweep did not run: \(error)")
      }
    }
    return URL(fileURLWithPath: try ExperimentRunner.run(specPath: spec, options: run).directory)
  }

  /// Compares `fresh` with `entry`'s baseline.
  public func check(_ entry: GateEntry, fresh: URL) throws(GateError) -> GateVerdict {
    let baseline = self.baseline(entry)
    let (old, new) = (
      RunEnvironment.numericEnvironment(of: baseline), RunEnvironment.numericEnvironment(of: fresh)
    )
    if let old, old == new {
      return GateVerdict(
        entry: entry, comparison: .bytes(environment: old),
        differences: try Self.byteDifferences(baseline, fresh))
    }
    let diff: ResultsDiff
    do {
      diff = try ResultsDiff(
        baseline, fresh, options: entry.toleranceOptions, specReader: SpecParameters.reader)
    } catch {
      throw .unreadable(path: fresh.path, reason: error.description)
    }
    // A spec edit that was not re-recorded fails on every machine, not only the baseline's.
    var differences = diff.specChanges.flatMap { change in
      change.files.map { "\($0): \(change.summary)" }
    }
    differences += diff.files.filter(\.differs).map { $0.rendered() }
    differences += diff.onlyInA.map { "\($0): only in the baseline" }
    differences += diff.onlyInB.map { "\($0): only in the fresh results" }
    return GateVerdict(
      entry: entry, comparison: .tolerance(baseline: old ?? "unknown", fresh: new ?? "unknown"),
      differences: differences)
  }

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

  /// Repairs what a `record` killed between its moves left, and returns one line per repair:
  /// a `.previous-<name>` whose `<name>` is missing is put back; one whose `<name>` exists is
  /// removed when it holds `asideMark` (the new baseline was in place), else kept and named.
  /// A `.recording-<name>` holding `recordingMark` (a record stopped while copying) is removed.
  /// When `recording`, an unmarked one is never put back (`record` would replace, and so
  /// delete, what the runner did not write): it is kept and named, and `record` refuses.
  public func recover(_ entries: [GateEntry], recording: Bool = false) throws(GateError)
    -> [String]
  {
    let fm = FileManager.default
    var lines: [String] = []
    for entry in entries {
      let (target, previous) = (baseline(entry), previous(entry))
      let mark = previous.appendingPathComponent(Self.asideMark)
      do {
        if fm.fileExists(atPath: previous.path) {
          let marked = fm.fileExists(atPath: mark.path)
          if !fm.fileExists(atPath: target.path), marked || !recording {
            try fm.moveItem(at: previous, to: target)
            lines.append(
              marked
                ? "\(entry.name): put back the baseline an interrupted --record left in "
                  + "\(previous.lastPathComponent)"
                : "\(entry.name): put \(previous.lastPathComponent), which the runner did not "
                  + "mark, back as the missing baseline; check it (git diff results/baseline)")
          } else if marked {
            try Self.removeAside(previous)
          } else {
            lines.append(
              "\(entry.name): \(previous.path) is not a baseline the runner moved aside; "
                + "left as it is (move it away before recording \(entry.name))")
          }
        }
        // Killed after marking, before moving aside (or just put back), or before unmarking
        // the new baseline: the mark goes.
        for name in [Self.asideMark, Self.recordingMark] {
          let placed = target.appendingPathComponent(name)
          if fm.fileExists(atPath: placed.path) { try fm.removeItem(at: placed) }
        }
        let staging = staging(entry)
        if GateMark.holds(staging, Self.recordingMark) {
          try GateMark.remove(staging, Self.recordingMark)
        }
      } catch {
        throw .cannotRecord(path: target.path, reason: AtomicFile.reason(error))
      }
    }
    return lines
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
    let prefixes = Set(
      [root.standardizedFileURL, root.resolvingSymlinksInPath()].map { $0.path + "/" })
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

  /// Files whose bytes differ, or that exist on one side only, among the compared files.
  static func byteDifferences(_ baseline: URL, _ fresh: URL) throws(GateError) -> [String] {
    let (old, new): ([String], [String])
    do { (old, new) = (try comparedFiles(in: baseline), try comparedFiles(in: fresh)) } catch {
      throw .unreadable(path: fresh.path, reason: "\(error)")
    }
    var differences: [String] = []
    for file in old {
      guard new.contains(file) else {
        differences.append("\(file): only in the baseline")
        continue
      }
      let a = FileManager.default.contents(atPath: baseline.appendingPathComponent(file).path)
      let b = FileManager.default.contents(atPath: fresh.appendingPathComponent(file).path)
      if a != b {
        let details =
          file.hasSuffix(ResultsFile.resolvedSpec)
          ? specChanges(file, baseline, fresh)
          : cellChanges(file, baseline, fresh)
        let reason = details.isEmpty ? GateByteReason.of(a ?? Data(), b ?? Data()) : nil
        differences.append(
          "\(file): bytes differ" + (reason.map { ": " + $0 } ?? "")
            + details.map { "\n" + $0 }.joined())
      }
    }
    differences += new.filter { !old.contains($0) }.map { "\($0): only in the fresh results" }
    return differences
  }

  /// For a CSV file that differs, the first changed cells as `runner diff` lists them (indented
  /// lines), so a failing gate says what moved; none when a side does not read as a table.
  static func cellChanges(_ file: String, _ baseline: URL, _ fresh: URL) -> [String] {
    guard file.hasSuffix(".csv"),
      let old = try? CSVTable(contentsOf: baseline.appendingPathComponent(file)),
      let new = try? CSVTable(contentsOf: fresh.appendingPathComponent(file)),
      let diff = try? TableDiff(name: file, old: old, new: new)
    else { return [] }
    return diff.rendered(maxListedChanges: 5).split(separator: "\n").dropFirst()
      .map { "    " + $0 }
  }

  /// For a resolved spec that differs, its changed keys (indented lines).
  static func specChanges(_ file: String, _ baseline: URL, _ fresh: URL) -> [String] {
    let pair = (
      name: file, a: baseline.appendingPathComponent(file), b: fresh.appendingPathComponent(file)
    )
    return SpecChange.changes([pair], reader: SpecParameters.reader, ignoreSeed: false)
      .map { "    " + $0.summary }
  }

  /// Relative paths of the files the gate compares: every CSV but the timing and environment
  /// records, and the resolved specs; hidden files skipped. Sorted.
  static func comparedFiles(in folder: URL) throws -> [String] {
    try files(in: folder) { name in
      (name.hasSuffix(".csv") && !ResultsFile.timingFiles.contains(name))
        || name == ResultsFile.resolvedSpec
    }
  }

  /// Relative paths of the `environment.csv` files below `folder`.
  public static func environmentFiles(in folder: URL) throws -> [String] {
    try files(in: folder) { $0 == ResultsFile.environment }
  }

  private static func files(in folder: URL, where keep: (String) -> Bool) throws -> [String] {
    guard let files = ResultsFile.visibleFiles(below: folder) else {
      throw GateError.unreadable(path: folder.path, reason: "cannot list the folder")
    }
    return files.filter { keep(($0 as NSString).lastPathComponent) }
  }
}
