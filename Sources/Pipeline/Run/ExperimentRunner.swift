import Conventions
import Datasets
import Engine
import Foundation
import Reports
import Specs

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Options of one run besides the spec itself.
public struct RunOptions: Sendable {
  /// How the spec is read (`--set` overrides, `--strict`, ...).
  public var spec: SpecOptions
  /// The process environment (`RUNNER_DATA_PATH`, ...); tests pass their own.
  public var environment: [String: String]
  /// Results root override (default: the project's `results_dir`, else `./results`).
  public var resultsRoot: String?
  /// Whether an existing run folder may be replaced (default: `RunFolderMode.isWritable`); a
  /// folder the user made read-only is refused before training. Tests pass their own.
  public var isWritable: @Sendable (URL) -> Bool = { RunFolderMode.isWritable($0) }
  /// Warnings about the process's numeric environment printed before the command ran (an
  /// `OPENBLAS_CORETYPE` overriding the BLAS policy), without `warning: `: counted as the run's
  /// warnings, so `--json` lists them and `--strict` fails on them.
  public var environmentWarnings: [String] = []
  /// The command's options besides the spec and its `--set`s, as typed (`--results-dir D`,
  /// `--strict`…): kept in a command a refusal tells the user to run instead.
  public var commandOptions: [String] = []

  /// Options for a run; the defaults read the spec as written, with this process's environment,
  /// into the project's results folder.
  public init(
    spec: SpecOptions = .init(),
    environment: [String: String] = ProcessInfo.processInfo.environment,
    resultsRoot: String? = nil
  ) {
    self.spec = spec
    self.environment = environment
    self.resultsRoot = resultsRoot
  }
}

/// Runs one experiment: spec → data → training → results.
public enum ExperimentRunner {
  /// Loads, validates and runs the spec at `specPath`, writing `results/<output>/`.
  ///
  /// Nothing is written unless the spec and its data are valid; a diverging run keeps the
  /// records up to the divergence and throws `.diverged` (exit code 1). Under `--strict`, a
  /// warning the data gives refuses the run before training (exit code 65, nothing written), and
  /// a run with warnings from training (`RunOutcome.warnings`) throws `.warnings` (exit code 1),
  /// results kept.
  public static func run(
    specPath: String, options: RunOptions = .init(), observer: @escaping RunObserver = { _ in }
  ) throws(PipelineError) -> RunOutcome {
    if let refusal = strictEnvironment(options.environmentWarnings, strict: options.spec.strict) {
      throw .environment(refusal)
    }
    let asked = try load(specPath: specPath, options: options)
    if let error = strictThreads(asked, strict: options.spec.strict) { throw .spec(error) }
    let (loaded, threadWarning) = capThreads(asked)
    // A sweep's folder is only ever written by `runner sweep` (never replaced by one run).
    if loaded.spec.sweep != nil {
      throw .folder(
        .sweepSpec(
          spec: specPath, sets: options.spec.overrides, options: options.commandOptions))
    }
    // Read once: the run starts from the arrays checked here, and digests those files only.
    let savedStart = SavedStart()
    let start = initParameters(loaded, start: savedStart)
    for warning in start.warnings + [threadWarning].compactMap({ $0 }) {
      observer(.warning(warning))
    }
    let context = try projectContext(specPath: specPath, options: options)
    for note in context.configurationNotes { observer(.note(note)) }
    if let refusal = start.refusal { throw refusal }
    // Before anything is allocated or locked: refused when it would not fit in memory.
    var admission = MemoryAdmission(budget: try memoryBudget(environment: context.environment))
    let estimate = try admission.admit(loaded, context: context)
    if let note = dataNote(loaded.spec.name, bytes: estimate.data) { observer(.note(note)) }
    do { try OutputRepeatingRoot.check(loaded, root: context.resultsRoot) } catch {
      throw .spec(error)
    }
    let destination = RunFolderName.folder(
      output: loaded.spec.output, overrides: loaded.folderOverrides(options.spec.overrides),
      root: context.resultsRoot,
      outputFromName: loaded.outputFromName)
    do {
      try GateBaselineOutput.check(loaded, destination: destination, root: context.resultsRoot)
    } catch { throw .spec(error) }
    try checkDestination(
      loaded, destination: destination, root: context.resultsRoot,
      isWritable: options.isWritable)
    // The results root exists from here on, so the folder is locked before any work: a second
    // run of the same folder is refused now, not after training, and so is an unusable root.
    let parent: ResultsParent
    do { parent = try ResultsParent.prepare(for: destination) } catch { throw .folder(error) }
    do throws(PipelineError) {
      let lock: FolderLock
      do { lock = try FolderLock.acquire(destination) } catch { throw .folder(error) }
      defer { lock.release() }
      // Under the lock: a run writing a folder around this one, or inside it, refuses this one
      // now, rather than one of the two at its commit after training.
      do { try checkLiveWriters(destination, sweep: false, root: context.resultsRoot) } catch {
        throw .folder(error)
      }
      for note in RunLeftovers.cleanBeside(destination) { observer(.note(note)) }
      let kind: ResultsFolderKind
      do { kind = try .require(.run, at: destination, for: "runner run") } catch {
        throw .folder(error)
      }
      if kind == .run, let protected = protectedPart(of: destination, options.isWritable) {
        throw .folder(.protected(protected.path))
      }
      try configureThreads(loaded.spec.threads)
      var outcome = try execute(
        loaded, context: context, destination: destination, keepHistory: true,
        continuation: nil, strict: options.spec.strict, savedStart: savedStart,
        admission: admission, observer: observer)
      outcome.warnings = options.environmentWarnings + outcome.warnings
      if options.spec.strict && !outcome.warnings.isEmpty {
        throw .warnings(outcome.warnings, results: outcome.directory)
      }
      return outcome
    } catch {
      // A bad spec or bad data writes nothing, not even the results root.
      parent.removeIfUnused()
      throw error
    }
  }

  /// `cat: preparing about 916 MB of data before training` for data of 256 MB or more, which
  /// takes seconds to read or generate before the first progress line; nil for less.
  static func dataNote(_ name: String, bytes: Double) -> String? {
    guard bytes >= 256 * 1024 * 1024 else { return nil }
    return "\(name): preparing about \(MemoryBudget.format(bytes)) of data before training"
  }

  /// What `runner run` and `runner validate` both refuse of a run's `destination` in the
  /// results folder `root`: one inside a sweep's folder, where only `runner sweep` writes, one
  /// inside another run's folder (`checkNotInsideRun`), a folder of another kind than a run's,
  /// a run's folder made write-protected, or holding a protected file (`protectedPart`), and one holding the run's own
  /// `model.init: {from: …}` source (`checkInitSource`).
  public static func checkDestination(
    _ loaded: LoadedSpec, destination: URL, root: URL,
    isWritable: (URL) -> Bool = { RunFolderMode.isWritable($0) }
  ) throws(PipelineError) {
    if case (let sweep, .sweep)? = enclosingResults(of: destination, root: root) {
      throw .folder(.insideSweep(path: destination.path, sweep: sweep.path))
    }
    do throws(FolderError) {
      // (The kind and the mode are checked again under the folder's lock before the run
      // writes.)
      let kind = try ResultsFolderKind.require(.run, at: destination, for: "runner run")
      if kind == .run, let protected = protectedPart(of: destination, isWritable) {
        throw FolderError.protected(protected.path)
      }
      if isMountPoint(destination) {
        throw FolderError.unusable(
          path: destination.path,
          reason: "it is a mount point (a bind mount or a volume), and a run puts its results "
            + "in place by renaming its folder, which a mount point cannot be; mount the folder "
            + "above it instead, or give --results-dir a folder inside the mount")
      }
      try checkNotInsideRun(destination, root: root)
    } catch { throw .folder(error) }
    try checkInitSource(loaded, destination: destination)
  }

  /// Whether `folder` is a mount point (another file system than its parent's, or a bind
  /// mount, listed in `/proc/self/mountinfo`): it cannot be renamed (EBUSY), which only showed
  /// once the run had trained (tester BU-11).
  static func isMountPoint(_ folder: URL) -> Bool {
    var own = stat()
    var parent = stat()
    guard lstat(folder.path, &own) == 0, own.st_mode & S_IFMT == S_IFDIR,
      stat(folder.deletingLastPathComponent().path, &parent) == 0
    else { return false }
    if own.st_dev != parent.st_dev { return true }
    guard let table = KernelFile.text("/proc/self/mountinfo") else { return false }
    let real = folder.resolvingSymlinksInPath().path
    // The fifth field is the mount point, with space, tab, newline and backslash escaped.
    return table.split(separator: "\n").contains { line in
      let fields = line.split(separator: " ")
      guard fields.count > 4 else { return false }
      let escapes = [("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")]
      let point = escapes.reduce(String(fields[4])) {
        $0.replacingOccurrences(of: $1.0, with: $1.1)
      }
      return point == real
    }
  }

  /// The part of an earlier run's folder `destination` that keeps the run from replacing it:
  /// the folder itself when not `isWritable`, else the first file or folder in it its owner
  /// write-protected (`RunFolderMode.protectedEntry`: the run replaces the folder as a whole,
  /// so its report, plots or summary would be replaced; tester BB F10); nil when none, or when
  /// there is no such folder.
  /// The `.history` folder that would keep the earlier run (its files of yours), write-protected
  /// or to be made inside a protected folder, counts too: refused before training (tester BB F4).
  static func protectedPart(of destination: URL, _ isWritable: (URL) -> Bool) -> URL? {
    guard FileManager.default.fileExists(atPath: destination.path) else { return nil }
    guard isWritable(destination) else { return destination }
    let history = PlannedWrites(receiving: [RunLeftovers.historyFolder(of: destination)])
    return RunFolderMode.protectedEntry(in: destination) ?? history.firstProtected()?.path
  }

  /// What `runner run`, `runner sweep` (a `sweep`'s folder) and `runner validate` refuse of a
  /// `destination` another live runner writes, or a folder around or inside it
  /// (`FolderLock.liveWriterRefusal`; a sweep's folder holds the locks of its own trials). Run
  /// and sweep call it holding the folder's lock, so that of two starting at once one sees the
  /// other; validate without it, writing nothing.
  /// `root`, the results root when known, makes the refusal's advice name --results-dir when
  /// the other folder holds it too.
  public static func checkLiveWriters(_ destination: URL, sweep: Bool, root: URL? = nil)
    throws(FolderError)
  {
    let inside = !sweep || ResultsFolderKind.of(destination) != .sweep
    if let refusal = FolderLock.liveWriterRefusal(
      of: destination, inside: inside, sweep: sweep, root: root)
    {
      throw refusal
    }
  }

  /// What `runner run`, `runner sweep` and `runner validate` refuse of the results root that
  /// `destination` goes into (`ResultsParent.prepare`: a file, a read-only or kernel folder, one
  /// that cannot be created), checked as they check it and leaving nothing behind: the folders
  /// made for the check are removed.
  public static func checkResultsParent(for destination: URL) throws(PipelineError) {
    do { try ResultsParent.prepare(for: destination).removeIfUnused() } catch {
      throw .folder(error)
    }
  }

  /// What `runner sweep` and `runner validate` both refuse of a sweep's `destination` in the
  /// results folder `root`: one inside another run's folder, a folder of another kind, and one
  /// whose own files are write-protected (`SweepLayout.protectedEntry`).
  public static func checkSweepDestination(_ destination: URL, root: URL) throws(FolderError) {
    try checkNotInsideRun(destination, root: root)
    try ResultsFolderKind.require(.sweep, at: destination, for: "runner sweep")
    try SweepLayout(directory: destination).refuseProtected()
  }

  /// Refuses a run's or a sweep's `destination` inside another run's folder below `root`: a
  /// rerun of that run moves its folder, this one included, to `.history`.
  public static func checkNotInsideRun(_ destination: URL, root: URL) throws(FolderError) {
    guard case (let run, .run)? = enclosingResults(of: destination, root: root) else { return }
    // The same place beside the run: `grp/a/b` inside the run `grp/a` is `grp/a-b`.
    let beside = run.deletingLastPathComponent().appendingPathComponent(
      run.lastPathComponent + "-" + destination.lastPathComponent)
    let relative = String(beside.path.dropFirst(root.standardizedFileURL.path.count + 1))
    throw .insideRun(path: destination.path, run: run.path, beside: relative)
  }

  /// The nearest folder above `destination` and below `root` that holds a sweep or a run, with
  /// its kind, if any (none for a destination outside `root`).
  static func enclosingResults(of destination: URL, root: URL) -> (URL, ResultsFolderKind)? {
    let top = root.standardizedFileURL.path
    var folder = destination.deletingLastPathComponent().standardizedFileURL
    while folder.path.hasPrefix(top + "/") {
      let kind = ResultsFolderKind.of(folder)
      if kind == .sweep || kind == .run { return (folder, kind) }
      folder = folder.deletingLastPathComponent()
    }
    return nil
  }

  /// Reads and validates a spec (no side effects).
  public static func load(specPath: String, options: RunOptions = .init()) throws(PipelineError)
    -> LoadedSpec
  {
    do { return try SpecLoader.load(file: specPath, options: options.spec) } catch {
      throw .spec(error)
    }
  }

  /// Where the spec at `specPath` finds its data and writes results; a broken `runner.yaml`
  /// is a spec error (located, exit 65).
  static func projectContext(specPath: String, options: RunOptions) throws(PipelineError)
    -> ProjectContext
  {
    do {
      return try ProjectContext(
        specPath: specPath, environment: options.environment, resultsRoot: options.resultsRoot)
    } catch { throw .spec(error) }
  }

  /// Sets the process's BLAS thread count (once per process; a different later value is an
  /// error); the first time, notes OpenBLAS thread variables it overrides.
  public static func configureThreads(_ threads: Int) throws(PipelineError) {
    let (first, used) = (BLAS.threads == nil, BLAS.threadsRun(requested: min(threads, cpuCount)))
    do { try BLAS.configure(threads: used) } catch {
      throw .environment(error.description)
    }
    if first,
      let note = BLASThreadVariables.note(
        threads: used, cpus: cpuCount, environment: ProcessInfo.processInfo.environment)
    {
      StandardStream.error(note + "\n")
    }
  }

  /// Runs a loaded spec, writing into `destination` (default: the spec's `output` under the
  /// context's results root).
  public static func execute(
    _ loaded: LoadedSpec, context: ProjectContext, destination: URL? = nil,
    keepHistory: Bool = false, observer: @escaping RunObserver = { _ in }
  ) throws(PipelineError) -> RunOutcome {
    try execute(
      loaded, context: context, destination: destination, keepHistory: keepHistory,
      continuation: nil, observer: observer)
  }

  /// `execute`, for a successive-halving trial that saves or goes on from a checkpoint, or under
  /// `strict`, where a warning the data gives refuses the run before training; `savedStart`
  /// holds the `model.init.from` arrays when a check before the run read them; `admission` is
  /// the memory check the run passed, made again once the labels are read.
  static func execute(
    _ loaded: LoadedSpec, context: ProjectContext, destination: URL?, keepHistory: Bool = false,
    continuation: TrialContinuation?, strict: Bool = false, savedStart: SavedStart = SavedStart(),
    admission: MemoryAdmission? = nil, observer: @escaping RunObserver
  ) throws(PipelineError) -> RunOutcome {
    func configured<T>(_ execution: RunExecution<T>) -> RunExecution<T> {
      var execution = execution
      execution.keepHistory = keepHistory
      execution.continuation = continuation
      execution.strict = strict
      execution.savedStart = savedStart
      execution.admission = admission
      return execution
    }
    switch loaded.spec.dtype {
    case .float64:
      return try configured(
        RunExecution<Double>(loaded: loaded, context: context, observer: observer)
      ).run(destination: destination)
    case .float32:
      return try configured(
        RunExecution<Float>(loaded: loaded, context: context, observer: observer)
      ).run(destination: destination)
    }
  }
}
