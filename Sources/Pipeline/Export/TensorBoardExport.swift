import Conventions
import Foundation
import Reports

/// Writes a run as a TensorBoard event file: every value of its timeline as a scalar at its
/// step (tag = the column name, `train_loss`), and its parameters through the HParams plugin
/// (session start at step 0, session end at the final step), so `tensorboard --logdir` shows
/// the runs, their curves and the HParams table.
///
/// Every record's wall time is the run's start time (`environment.csv`'s `started_at`, 0 when
/// absent), so exporting one folder twice writes the same bytes. The file is named
/// `events.out.tfevents.<start seconds>.runner`; an export then removes the earlier `*.runner`
/// event files it wrote in that folder, and no other file (and from an adaptive sweep's trial's
/// other rung folders, see `otherRungs(of:)`). A folder holds one run's events: a
/// folder holding another writer's event files is refused (TensorBoard would read them as the
/// same run), and so is one where another run's events appear while the export writes.
public enum TensorBoardExport {
  /// The name ending of the event files the runner writes.
  public static let suffix = ".runner"

  /// The event file's bytes for `run`, the params named in `textKeys` (see `textKeys(_:)`)
  /// written as text.
  public static func events(_ run: ExportedRun, textKeys: Set<String> = []) -> [UInt8] {
    let time = run.startedAt ?? 0
    var bytes = TensorBoardEvents.record(TensorBoardEvents.fileVersionEvent(wallTime: time))
    let hparams = run.parameters.map { param in
      // A seed is always text, as a sweep trial's derived 64-bit seed must be (and as every
      // `--json` writes seeds), so a run's small seed and a trial's share one HParams type.
      let text = textKeys.contains(param.name) || JSONValue.isSeed(param.name)
      return (param.name, text ? .string(param.text) : TensorBoardEvents.HParam(text: param.text))
    }
    bytes += TensorBoardEvents.record(
      TensorBoardEvents.sessionStartEvent(wallTime: time, group: run.name, hparams: hparams))
    for row in run.timeline {
      bytes += TensorBoardEvents.record(
        TensorBoardEvents.scalarsEvent(wallTime: time, step: row.step, values: row.values))
    }
    bytes += TensorBoardEvents.record(
      TensorBoardEvents.sessionEndEvent(
        wallTime: time, step: run.timeline.last?.step ?? 0, succeeded: run.succeeded))
    return bytes
  }

  /// The params written as text in every run of one export: those whose values are numbers (or
  /// booleans) in some runs and words in others (`dataset.split.train`: `0.6`, `rest`).
  /// TensorBoard gives an HParams column one type, text when its values mix: this keeps the
  /// numbers' own texts rather than TensorBoard's renderings (`7.0`).
  static func textKeys(_ runs: [ExportedRun]) -> Set<String> {
    var kinds: [String: Set<String>] = [:]
    for run in runs {
      for param in run.parameters {
        let kind =
          switch TensorBoardEvents.HParam(text: param.text) {
          case .number: "number"
          case .string: "text"
          case .bool: "bool"
          }
        kinds[param.name, default: []].insert(kind)
      }
    }
    return Set(kinds.filter { $0.value.count > 1 }.keys)
  }

  /// The names in `directory` (none when it is missing); refuses it when it would be created
  /// inside a write-protected folder, or holds event files
  /// this runner did not write (another writer's, e.g. a training script's `--logdir`):
  /// TensorBoard reads every event file of a folder as one run, so their scalars would mix
  /// with the export's.
  static func checkFolder(_ directory: URL) throws(ExportError) -> [String] {
    // `--logdir` naming a file (or a path through one): said so, before anything is written
    // (it gave the system's "Not a directory" with advice about free space).
    if let (entry, what) = PathEntry.blocking(atOrAbove: directory.standardizedFileURL.path) {
      throw .notAFolder(path: directory.path, entry: entry, what: what)
    }
    // The folder write-protected, or a missing one inside a write-protected one (`--logdir`
    // made `chmod a-w`): refused before any run's events are written (tester BB F8: a sweep's
    // other trials got theirs first).
    // So is an event file of the runner's there, which the export replaces or removes.
    let names = listing(directory)
    let events = names.filter(ExportedFiles.isEventFile).map {
      directory.appendingPathComponent($0)
    }
    if let refusal = PlannedWrites(written: events, receiving: [directory]).firstProtected() {
      throw .cannotWrite(path: refusal.planned.path, reason: refusal.reason)
    }
    if let other = names.sorted().first(where: {
      $0.hasPrefix(ExportedFiles.eventPrefix) && !ExportedFiles.isEventFile($0)
    }) {
      throw .foreignEvents(path: directory.appendingPathComponent(other).path)
    }
    return names
  }

  /// Writes each run's event file into its directory (created when missing), telling `wrote`
  /// each path. Every directory is checked first, once (`checkFolder`): one holding another
  /// writer's event files is refused before anything is written. A folder gets one run's
  /// events: an event file that appears in it after its check (another run exported into the
  /// same folder, by this export or one at the same time) is refused (`checkUnchanged`).
  /// Each run is read (again if replaced since) and its event file written under its folder's
  /// lock (`ExportedRun.locked`); `waiting` is told when the export waits for it.
  public static func write(
    _ exports: [(run: ExportedRun, directory: URL)],
    waiting: @escaping ExportedRun.Waiting = { _ in }, wrote: (String) -> Void = { _ in }
  ) throws(ExportError) {
    try write(exports, waiting: waiting, wrote: wrote, midway: nil)
  }

  /// `write(_:wrote:)`; `midway` runs inside each event file's write, after the folder was
  /// checked again and before the file is in place (a test hook for a writer at the same time).
  static func write(
    _ exports: [(run: ExportedRun, directory: URL)],
    waiting: @escaping ExportedRun.Waiting = { _ in }, wrote: (String) -> Void,
    midway: (() -> Void)?
  ) throws(ExportError) {
    var listings: [[String]] = []
    for export in exports { listings.append(try checkFolder(export.directory)) }
    let textKeys = textKeys(exports.map(\.run))
    for (listed, names) in zip(exports, listings) {
      // Events written elsewhere (--logdir): the run is read and nothing is written beside it,
      // no lock file either (a read-only folder, the gate's baselines; tester BI-4).
      if !isInside(listed.directory, listed.run.folder) {
        let (run, bytes) = try listed.run.unlocked { run throws(ExportError) in
          (run, events(run, textKeys: textKeys))
        }
        ExportedFiles.removeStaleTemporaries(in: listed.directory)
        wrote(try write(bytes, of: run, into: listed.directory, listed: names, midway: midway))
        continue
      }
      let path = try listed.run.locked(waiting: waiting) { run throws(ExportError) in
        // A run folder replaced since its check (read again) is checked again.
        let replaced =
          run.folderFile != listed.run.folderFile
          && listed.directory.standardizedFileURL == run.folder.standardizedFileURL
        let current = try replaced ? checkFolder(listed.directory) : names
        ExportedFiles.removeStaleTemporaries(in: listed.directory)
        let bytes = events(run, textKeys: textKeys)
        let path = try write(
          bytes, of: run, into: listed.directory, listed: current, midway: midway)
        if listed.directory.standardizedFileURL == run.folder.standardizedFileURL {
          try removeEvents(below: otherRungs(of: run))
        }
        return path
      }
      wrote(path)
    }
  }

  /// Whether `directory` is `folder` or inside it, links followed (a `--logdir` linking into
  /// the run's folder is inside it).
  static func isInside(_ directory: URL, _ folder: URL) -> Bool {
    let directory = directory.standardizedFileURL.resolvingSymlinksInPath().path
    let folder = folder.standardizedFileURL.resolvingSymlinksInPath().path
    return directory == folder || directory.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
  }

  /// The trial `run`'s other folders in its successive-halving or Hyperband sweep: the same
  /// trial ID in another rung (`…/rung-0/<trial>` beside `…/rung-2/<trial>`) or another
  /// bracket's. The trial is exported at the largest budget it reached; an export made before
  /// the sweep went on wrote its events in one of these, and TensorBoard would show both files,
  /// of one HParams group, as one trial with their metrics averaged. None for a run of no rung.
  static func otherRungs(of run: ExportedRun) -> [URL] {
    let rung = run.folder.deletingLastPathComponent()
    let isRung = { (name: String) in
      name.hasPrefix("rung-") && AdaptiveSweep.isRungOrBracketFolder(name)
    }
    guard run.sweep != nil, isRung(rung.lastPathComponent) else { return [] }
    var parents = [rung.deletingLastPathComponent()]
    let bracket = parents[0].lastPathComponent
    if bracket.hasPrefix("bracket-") && AdaptiveSweep.isRungOrBracketFolder(bracket) {
      let sweep = parents[0].deletingLastPathComponent()
      parents = AdaptiveSweep.brackets(in: sweep).map {
        sweep.appendingPathComponent(AdaptiveSweep.bracketFolder($0))
      }
    }
    let own = run.folder.standardizedFileURL.path
    return parents.flatMap { parent in
      ResultsIndex.subfolders(of: parent).filter { isRung($0.lastPathComponent) }
        .map { $0.appendingPathComponent(run.folder.lastPathComponent) }
    }.filter { $0.standardizedFileURL.path != own && PathEntry.isPlainDirectory($0.path) }
  }

  /// Removes the event files this runner wrote (`*.runner`) from `folders`, and no other file.
  static func removeEvents(below folders: [URL]) throws(ExportError) {
    for folder in folders {
      for name in listing(folder) where ExportedFiles.isEventFile(name) {
        let url = folder.appendingPathComponent(name)
        if PathEntry.isPlainDirectory(url.path) { continue }
        do { try FileManager.default.removeItem(at: url) } catch {
          if (try? FileManager.default.attributesOfItem(atPath: url.path)) == nil { continue }
          throw .writing(url, error)
        }
      }
    }
  }

  /// Writes `run`'s event file, `events`, into the checked `directory` holding `names`, then
  /// removes the earlier event files the runner wrote there. The folder is checked again just before the
  /// write and once the file is in place: an event file that was not there at the check (not
  /// in `names`) is another run's, so the export is refused, and the file it made removed
  /// (the same export of the same run made at the same time, byte for byte, is no clash).
  private static func write(
    _ events: [UInt8], of run: ExportedRun, into directory: URL, listed names: [String],
    midway: (() -> Void)?
  ) throws(ExportError) -> String {
    let fm = FileManager.default
    let name = ExportedFiles.eventPrefix + "\(Int((run.startedAt ?? 0).rounded(.down)))\(suffix)"
    let file = directory.appendingPathComponent(name)
    do { try RunFolderMode.createFolders(directory) } catch { throw .writing(file, error) }
    let earlier = Set(names)
    let bytes = Data(events)
    // The same file, with the same bytes, from the same export run at the same time is no clash.
    let same =
      ResultsFile.irregularity(atPath: file.path) == nil && fm.contents(atPath: file.path) == bytes
    try checkUnchanged(directory, known: same ? earlier.union([name]) : earlier)
    do { try AtomicFile.write(bytes, to: file, midway: midway) } catch {
      throw .writing(file, error)
    }
    do throws(ExportError) {
      try checkUnchanged(directory, known: earlier.union([name]))
    } catch {
      if !earlier.contains(name) { try? fm.removeItem(at: file) }
      throw error
    }
    for old in names where ExportedFiles.isEventFile(old) && old != name {
      let url = directory.appendingPathComponent(old)
      do { try fm.removeItem(at: url) } catch {
        // Already removed by the same export running at the same time: nothing left to do.
        if (try? fm.attributesOfItem(atPath: url.path)) == nil { continue }
        throw .writing(file, error)
      }
    }
    return file.path
  }

  /// Refuses `directory` when it holds an event file not among `known`: another writer's
  /// (`foreignEvents`), or another run's export (`sharedFolder`).
  static func checkUnchanged(_ directory: URL, known: Set<String>) throws(ExportError) {
    let added = listing(directory).sorted().filter {
      $0.hasPrefix(ExportedFiles.eventPrefix) && !known.contains($0)
    }
    guard let other = added.first else { return }
    let path = directory.appendingPathComponent(other).path
    throw ExportedFiles.isEventFile(other) ? .sharedFolder(path: path) : .foreignEvents(path: path)
  }

  /// The names in `directory`; none when it is missing.
  private static func listing(_ directory: URL) -> [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
  }
}
