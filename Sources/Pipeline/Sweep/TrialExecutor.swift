import Datasets
import Foundation
import Reports
import Specs

/// Runs one trial into its folder and writes its completion marker last.
struct TrialExecutor: Sendable {
  let sweep: PreparedSweepSnapshot
  let hook: CrashHook
  /// Called once a trial's `model.init.from` is checked, before it runs (tests change a file
  /// there).
  var initChecked: @Sendable () -> Void = {}

  /// Runs `trial`; returns its status and whether this process ran it (false: another process
  /// finished it while this one waited), nil when another process holds it locked and
  /// `waiting` is nil (do not wait) or ended the wait (see `FolderLock.acquire(_:waiting:)`),
  /// or throws the error that stops the whole sweep (an unwritable results folder, a BLAS
  /// thread conflict).
  func run(
    _ trial: SweepTrial, waiting: ((Int32) -> Bool)?, observer: @escaping RunObserver
  ) throws(PipelineError) -> (status: TrialStatus, ran: Bool)? {
    hook.reach("trial-start")
    // Kept with the trial, so that a sweep skipping it later says them again.
    let warnings = TrialWarnings()
    let observer: RunObserver = { event in
      warnings.record(event)
      observer(event)
    }
    let layout = sweep.layout
    try layout.checkPresent()
    let folder = layout.trialDirectory(trial.id)
    // Another process running the same trial (two sweeps of one spec, overlapping shards):
    // wait for it, then take its finished result instead of writing the same files again.
    let lock: FolderLock
    do {
      if let waiting {
        lock = try FolderLock.acquire(folder, waiting: waiting)
      } else {
        lock = try FolderLock.acquire(folder)
      }
    } catch {
      if case .inUse = error { return nil }
      throw .folder(error)
    }
    defer { lock.release() }
    if let done = TrialStatus.read(layout.marker(trial.id)), !done.failed { return (done, false) }
    // A trial folder to run again that its owner write-protected (or a file in it): left as it
    // is, as `runner run` leaves a protected run folder (tester BB F4); the sweep stops, 73.
    if let protected = ExperimentRunner.protectedPart(of: folder, RunFolderMode.isWritable) {
      throw .folder(.protected(protected.path))
    }
    for note in StaleFiles.settleStaging(of: trial.id, in: layout) { observer(.note(note)) }
    // Not complete from here until the new marker is written.
    try? FileManager.default.removeItem(at: layout.marker(trial.id))
    // An earlier attempt's warnings are not this run's (nor a file a user added).
    TrialWarnings.remove(in: folder)
    let outcome: TrialStatus.Outcome
    do {
      let loaded = sweep.loaded(trial)
      // A trial too large for its share of the memory fails here, before allocating.
      var admission = MemoryAdmission(
        budget: sweep.budget, checkpoint: sweep.continuation != nil, trial: .this)
      try admission.admit(loaded, context: sweep.context)
      // Parameters `init.from` names that this trial's model cannot start from, said at the key;
      // read once: the trial starts from the arrays checked here.
      let start = SavedStart()
      let saved = try ExperimentRunner.checkInitParameters(loaded, start: start)
      for note in TrialStartNotes.zeroed(saved?.zeroed ?? [], of: trial, loaded, base: sweep.base)
      where sweep.said.first(note.description) {
        observer(.warning(note))
      }
      initChecked()
      var continuation = sweep.continuation
      continuation?.trial = trial.id
      _ = try ExperimentRunner.execute(
        loaded, context: sweep.context, destination: folder, continuation: continuation,
        strict: sweep.strict, savedStart: start, admission: admission, observer: observer)
      outcome = .ok
    } catch {
      switch error {
      case .diverged(let divergence, _, _, let causes, let scheduled):
        // With the single run's remedy (the inputs' scale, a lower rate), in summary.csv too;
        // without where the rate is set (the spec's path as typed: results would differ by it).
        let remedy = PipelineError.remedy(
          of: divergence, rateOrigin: nil, causes: causes, scheduled: scheduled)
        outcome = .failed(reason: "\(divergence); \(remedy)")
      case .results, .unsaved, .environment, .folder(.removed), .dataChangedInSweep:
        throw error
      default:
        // Nothing was written for this run: its folder keeps only the marker. An earlier
        // attempt's results (diverged, or killed before its marker), with any file a user put
        // beside them, are kept in the sweep's `.history/<trial>/`, never deleted.
        switch ResultsFolderKind.of(folder) {
        case .empty: try? FileManager.default.removeItem(at: folder)
        case .run: RunLeftovers.keepFailedAttempt(folder).map { observer(.note($0)) }
        default: break
        }
        outcome = .failed(reason: Self.failureReason(error))
      }
    }
    hook.reach("trial-committed")
    try layout.checkPresent()
    // Which shard ran it: a command naming the sweep's own for this folder gives the option.
    // Its `--set` as given (the name of the sweep's folder cannot always give it back), and
    // the warnings it gave, said again when a later sweep skips it.
    do {
      try ShardRecord.write(sweep.shard, in: folder)
      try SweepSetRecord.write(sweep.overrides, in: folder)
      try warnings.write(in: folder)
    } catch { throw .results(error) }
    let status = TrialStatus(trial: trial.id, outcome: outcome)
    do {
      try SweepFile.write(
        status.table.rendered, to: layout.marker(trial.id), point: "marker", hook: hook)
    } catch {
      throw .results(error)
    }
    return (status, true)
  }

  /// The first non-empty line of a message, without an `error: ` prefix.
  static func oneLine(_ text: String) -> String {
    let line = text.split(separator: "\n").first.map(String.init) ?? text
    if let range = line.range(of: "error: ") { return String(line[range.upperBound...]) }
    return line
  }
}

/// The parts of a prepared sweep a trial needs (shared by the worker threads).
struct PreparedSweepSnapshot: Sendable {
  let base: LoadedSpec
  let layout: SweepLayout
  let context: ProjectContext
  /// Each running trial's share of the memory.
  let budget: MemoryBudget
  /// BLAS threads (the spec's, capped at the CPU count).
  let threads: Int
  /// The shard running the trials (`ShardRecord`).
  var shard = Shard.whole
  /// The sweep's `--set` overrides as given (`SweepSetRecord`).
  var overrides: [String] = []
  /// A successive-halving rung's checkpoints (nil for other sweeps).
  var continuation: TrialContinuation? = nil
  /// `--strict`: a trial whose data gives a warning fails before training (a trial the sweep
  /// did not know up front, e.g. one TPE suggests, is checked as it starts).
  var strict = false
  /// The notes said once per sweep (every rung, bracket and batch), whichever trial gives them.
  var said = SaidOnce()

  func loaded(_ trial: SweepTrial) -> LoadedSpec {
    var loaded = base
    loaded.spec = trial.spec
    loaded.spec.threads = threads
    loaded.sourceMap = trial.sourceMap
    return loaded
  }
}

extension SweepLayout {
  /// Throws when the sweep's folder (its `plan.csv`) was removed while the sweep ran, so that
  /// nothing re-creates it piecemeal around one trial.
  func checkPresent() throws(PipelineError) {
    guard FileManager.default.fileExists(atPath: plan.path) else {
      throw .folder(.removed(path: directory.path))
    }
  }
}
