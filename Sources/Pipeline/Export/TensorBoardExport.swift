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
/// event files it wrote in that folder, and no other file. A folder holds one run's events: a
/// folder holding another writer's event files is refused (TensorBoard would read them as the
/// same run), and so is one where another run's events appear while the export writes.
public enum TensorBoardExport {
  /// The name ending of the event files the runner writes.
  public static let suffix = ".runner"

  /// The event file's bytes for `run`.
  public static func events(_ run: ExportedRun) -> [UInt8] {
    let time = run.startedAt ?? 0
    var bytes = TensorBoardEvents.record(TensorBoardEvents.fileVersionEvent(wallTime: time))
    let hparams = run.parameters.map { ($0.name, TensorBoardEvents.HParam(text: $0.text)) }
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

  /// The names in `directory` (none when it is missing); refuses it when it holds event files
  /// this runner did not write (another writer's, e.g. a training script's `--logdir`):
  /// TensorBoard reads every event file of a folder as one run, so their scalars would mix
  /// with the export's.
  static func checkFolder(_ directory: URL) throws(ExportError) -> [String] {
    let names = listing(directory)
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
  public static func write(
    _ exports: [(run: ExportedRun, directory: URL)], wrote: (String) -> Void = { _ in }
  ) throws(ExportError) {
    try write(exports, wrote: wrote, midway: nil)
  }

  /// `write(_:wrote:)`; `midway` runs inside each event file's write, after the folder was
  /// checked again and before the file is in place (a test hook for a writer at the same time).
  static func write(
    _ exports: [(run: ExportedRun, directory: URL)], wrote: (String) -> Void,
    midway: (() -> Void)?
  ) throws(ExportError) {
    var listings: [[String]] = []
    for export in exports { listings.append(try checkFolder(export.directory)) }
    for (export, names) in zip(exports, listings) {
      ExportedFiles.removeStaleTemporaries(in: export.directory)
      wrote(try write(export.run, into: export.directory, listed: names, midway: midway))
    }
  }

  /// Writes `run`'s event file into the checked `directory` holding `names`, then removes the
  /// earlier event files the runner wrote there. The folder is checked again just before the
  /// write and once the file is in place: an event file that was not there at the check (not
  /// in `names`) is another run's, so the export is refused, and the file it made removed
  /// (the same export of the same run made at the same time, byte for byte, is no clash).
  private static func write(
    _ run: ExportedRun, into directory: URL, listed names: [String], midway: (() -> Void)?
  ) throws(ExportError) -> String {
    let fm = FileManager.default
    let name = ExportedFiles.eventPrefix + "\(Int((run.startedAt ?? 0).rounded(.down)))\(suffix)"
    let file = directory.appendingPathComponent(name)
    do {
      try fm.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw .writing(file, error)
    }
    let earlier = Set(names)
    let bytes = Data(events(run))
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
