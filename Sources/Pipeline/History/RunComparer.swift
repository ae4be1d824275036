import Conventions
import Foundation
import Reports

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `runner compare RUN... --into DIR`: reads the chosen runs and writes their comparison
/// (`compare.html`, the CSVs and `plots/compare_*.svg`) into a folder it creates, or into one
/// an earlier comparison wrote; any other folder is refused (exit 73).
public enum RunComparer {
  /// Reads each run: a results folder path, else a name under `root` (`cat`,
  /// `moons-grid/1c2dfcba9587`, a name `runner ls` prints); a sweep's folder stands for its
  /// finished trials, as in `runner export`. A trial its folder's `plan.csv` lists comes with
  /// its swept values, which label it. A folder that a run replaces while it is read (its
  /// device and inode differ after the reading) is read again, so a comparison never mixes
  /// two runs' files; no lock is taken, so a comparison never waits for a run's training.
  public static func entries(_ runs: [String], root: URL) throws(CompareError)
    -> [RunComparison.ComparedRun]
  {
    try entries(runs, root: root, afterReading: { _ in })
  }

  /// `entries(_:root:)`; `afterReading` runs after each reading of a run folder, before it is
  /// checked for a replacement (a test hook for a run replacing it meanwhile).
  static func entries(_ runs: [String], root: URL, afterReading: (URL) -> Void)
    throws(CompareError) -> [RunComparison.ComparedRun]
  {
    func locate(_ text: String) -> URL {
      let direct = URL(fileURLWithPath: text, isDirectory: true).standardizedFileURL
      if isDirectory(direct) { return direct }
      let named = root.appendingPathComponent(text, isDirectory: true)
      // An adaptive sweep's trial as `runner ls` names it (`hb/07f88a924bfb`): in a rung folder.
      let sweep = named.deletingLastPathComponent()
      guard !isDirectory(named), ResultsFolderKind.of(sweep) == .sweep else { return named }
      let trial = ResultsIndex.trials(of: sweep, name: "").first {
        $0.folder.lastPathComponent == named.lastPathComponent
      }
      return trial?.folder ?? named
    }
    // Each run as given (a sweep's trials by their paths) with its folder, located once.
    let runs = runs.flatMap { text in
      let folder = locate(text)
      guard ResultsFolderKind.of(folder) == .sweep else { return [(text, folder)] }
      let trials = ResultsIndex.found(under: folder).map {
        ($0.folder.path, $0.folder.standardizedFileURL)
      }
      return trials.isEmpty ? [(text, folder)] : trials
    }
    guard runs.count >= 2 else { throw .tooFew }
    var plans: [URL: CSVTable?] = [:]
    return try runs.map { (text, folder) throws(CompareError) in
      // Its files all from one run: read again when a run replaced the folder meanwhile.
      let compared = try FileIdentity.unreplaced([folder.path]) {
        () throws(CompareError) in
        let compared = try read(text, folder: folder, root: root, plans: &plans)
        afterReading(folder)
        return compared
      }
      if let compared { return compared }
      throw .unreadable(
        text,
        "a run replaced \(folder.path) each of the \(FileIdentity.rereads) times it was read; compare again"
      )
    }
  }

  /// Reads run `text` from `folder`, with its swept values from its sweep's plan (`plans`
  /// holds the plans read so far).
  private static func read(
    _ text: String, folder: URL, root: URL, plans: inout [URL: CSVTable?]
  ) throws(CompareError) -> RunComparison.ComparedRun {
    guard isDirectory(folder) else { throw .notFound(text, root: root.path) }
    guard ResultsFolderKind.of(folder) == .run, var run = ResultsIndex.run(at: folder, name: text)
    else {
      throw ResultsFolderKind.incompleteRun(folder).map { .unreadable(text, $0) }
        ?? .notARun(text)
    }
    run.name = label(of: folder, given: text, root: root)
    if let problem = run.problems.first { throw .unreadable(text, problem) }
    let metrics = folder.appendingPathComponent(ResultsFile.metrics)
    var history: CSVTable?
    if FileManager.default.fileExists(atPath: metrics.path) {
      do throws(ResultsFileError) { history = try CSVTable(contentsOf: metrics) } catch {
        throw .unreadable(text, error.description)
      }
    }
    let sweep = folder.deletingLastPathComponent()
    let plan = plans[sweep] ?? EarlierTrials.plan(sweep)
    plans[sweep] = plan
    let swept = plan.map { Self.swept(in: $0, trial: folder.lastPathComponent) } ?? []
    return RunComparison.ComparedRun(run: run, history: history, swept: swept)
  }

  /// The swept key paths of `plan` (a sweep's or a rung's `plan.csv`) with the values of its
  /// row for `trial`, empty ones left out; none when it does not list `trial`.
  static func swept(in plan: CSVTable, trial: String) -> [ListedRun.NamedValue] {
    guard let row = plan.rows.first(where: { $0[0] == trial }) else { return [] }
    return zip(plan.header, row).dropFirst().filter { !$0.1.isEmpty }.map {
      ListedRun.NamedValue($0.0, $0.1)
    }
  }

  /// A run's label: the name as given under `root` (as `runner ls` prints it), the path
  /// relative to `root` for a folder inside it, else the folder's own name.
  static func label(of folder: URL, given text: String, root: URL) -> String {
    let given = text.hasSuffix("/") ? String(text.dropLast()) : text
    let path = folder.standardizedFileURL.path
    let rootPath = root.standardizedFileURL.path + "/"
    if path.hasPrefix(rootPath) { return String(path.dropFirst(rootPath.count)) }
    return given.contains("/") ? folder.lastPathComponent : given
  }

  /// Writes `comparison` into `folder`; returns the written paths relative to it. Charts an
  /// earlier comparison wrote in `plots/` (one per column of its `compare_curves.csv`) that are
  /// no longer made are removed; any other file in the way is refused, never replaced. A page or
  /// table there that differs from the new one and from what the runner recorded writing (one
  /// you annotated) is first kept in `.history/<name>/<UTC time>/`, and `note` handed the note.
  @discardableResult
  public static func write(
    _ comparison: RunComparison, into folder: URL, note: (String) -> Void
  ) throws(CompareError) -> [String] {
    if let reason = SystemFolder.reason(folder.path) {
      throw .folder(.systemFolder(path: folder.path, reason: reason))
    }
    // The temporaries a comparison killed before its renames left (`kill -9`) go first: a
    // folder holding only those was refused for good as not the runner's (tester BO-12).
    OwnedOutput.removeStaleTemporaries(in: folder) {
      $0.hasPrefix("compare") || $0 == WrittenRecord.name
    }
    OwnedOutput.removeStaleTemporaries(in: folder.appendingPathComponent(ResultsFile.plots)) {
      $0.hasSuffix(".svg")
    }
    let kind = ResultsFolderKind.of(folder)
    // An earlier comparison's folder: its page with the record of what it wrote, or (written
    // before the record was kept) with all its tables. A folder of yours holding a page of that
    // name is not taken over (tester BU-5): its page was moved to `.history` and the folder
    // adopted.
    let ours =
      kind == .foreign
      && ([RunComparison.htmlFile, WrittenRecord.name].allSatisfy(exists)
        || [
          RunComparison.htmlFile, RunComparison.parametersFile, RunComparison.metricsFile,
          RunComparison.curvesFile,
        ].allSatisfy(exists))
    func exists(_ name: String) -> Bool {
      FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path)
    }
    guard kind == .missing || kind == .empty || ours else {
      throw .folder(
        FolderError.wrongKind(path: folder.path, found: kind, command: "runner compare"))
    }
    let files = comparison.files
    let plots = folder.appendingPathComponent(ResultsFile.plots, isDirectory: true)
    let kept = Set(files.map(\.path))
    let earlier = ours ? earlierCharts(in: folder) : []
    for file in files where file.path.hasPrefix(ResultsFile.plots + "/") {
      let url = folder.appendingPathComponent(file.path)
      var info = stat()
      if lstat(url.path, &info) == 0 && !earlier.contains(url.lastPathComponent) {
        throw .foreignFile(path: url.path)
      }
    }
    // Nothing is written when a file it writes or a chart it removes is protected (tester BD
    // F-j: a 444 chart of the earlier comparison was removed).
    let stale = earlier.filter { !kept.contains(ResultsFile.plots + "/" + $0) }.sorted()
    let planned = PlannedWrites(
      written: (files.map(\.path) + [WrittenRecord.name]).map(folder.appendingPathComponent),
      removed: stale.map(plots.appendingPathComponent))
    if let refusal = planned.firstProtected() {
      throw planned.removed.contains(refusal.planned)
        ? .staleChartProtected(path: refusal.planned.path, reason: refusal.reason)
        : .write(.cannotWrite(path: refusal.planned.path, reason: refusal.reason))
    }
    // The page and tables (not the charts) are yours to annotate: kept when edited, and what
    // is written recorded, so that the next comparison tells its own from yours.
    let pages = files.filter { !$0.path.contains("/") }.map {
      (name: $0.path, bytes: Data($0.text.utf8))
    }
    do throws(ResultsFileError) {
      if ours,
        let kept = try RunLeftovers.keepReplaced(
          pages, in: folder, writer: "this comparison")
      {
        note(kept)
      }
    } catch {
      guard case .cannotWrite(let path, let reason) = error else { throw .write(error) }
      throw .write(
        .cannotWrite(
          path: path, reason: "your edited comparison files could not be kept there (\(reason))"))
    }
    // All or nothing: a write that fails (a full disk) leaves the earlier comparison whole,
    // and no folder of this one; an interrupt comes before the files are put in place or after
    // the charts no longer made are removed. An earlier comparison's record names its pages'
    // new digests too before they are put in place (a `kill -9` between two renames).
    do {
      let record =
        ours
        ? try WrittenRecord.prepared(with: pages, in: folder)
        : WrittenRecord.updated(with: pages, in: folder)
      try AtomicFile.write(
        files.map { (folder.appendingPathComponent($0.path), Data($0.text.utf8)) }
          + [(folder.appendingPathComponent(record.name), record.bytes)],
        placed: {
          for name in stale {
            try? FileManager.default.removeItem(at: plots.appendingPathComponent(name))
          }
        })
    } catch {
      if kind == .missing {
        rmdir(plots.path)
        rmdir(folder.path)
      }
      throw .write(error)
    }
    return files.map(\.path)
  }

  /// The charts in `folder/plots/` that the comparison written there made: one per curve
  /// column of its `compare_curves.csv` (none when that file cannot be read).
  static func earlierCharts(in folder: URL) -> Set<String> {
    let url = folder.appendingPathComponent(RunComparison.curvesFile)
    guard let curves = try? CSVTable(contentsOf: url) else { return [] }
    let made = Set(curves.header.dropFirst(3).map { "compare_\($0).svg" })
    let plots = folder.appendingPathComponent(ResultsFile.plots, isDirectory: true)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: plots.path)) ?? []
    return Set(
      names.filter {
        made.contains($0) && PathEntry.isPlainFile(plots.appendingPathComponent($0).path)
      })
  }

  private static func isDirectory(_ url: URL) -> Bool {
    var directory: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &directory)
      && directory.boolValue
  }
}

/// Why `runner compare` could not compare.
public enum CompareError: UserFacingError, Equatable {
  /// Fewer than two runs named.
  case tooFew
  /// A name that is neither a folder nor a run under the results root.
  case notFound(String, root: String)
  /// A folder that is neither a run's nor a sweep's results (files the runner did not write).
  case notARun(String)
  /// A run whose results file cannot be read or is malformed (`problem` names it).
  case unreadable(String, String)
  /// The output folder is not one `runner compare` wrote.
  case folder(FolderError)
  /// A file could not be written.
  case write(ResultsFileError)
  /// A file where a chart goes that no earlier comparison wrote (the user's).
  case foreignFile(path: String)
  /// A chart of the earlier comparison this one does not make, to be removed, that is
  /// write-protected (`reason` names the protected entry).
  case staleChartProtected(path: String, reason: String)

  /// 64 for too few runs, 66 for a missing run, 65 for a folder that is not a run or a
  /// malformed results file, 73 for an output folder of another kind, a file in the way, or
  /// one that cannot be created or written.
  public var exitCode: ExitStatus {
    switch self {
    case .tooFew: .usage
    case .notFound: .noInput
    case .notARun, .unreadable: .dataError
    case .folder(let error): error.exitCode
    case .foreignFile, .write, .staleChartProtected: .cannotCreate
    }
  }

  /// The message for the user, starting `error:`.
  public var description: String {
    switch self {
    case .tooFew:
      "error: name two or more runs to compare (folders, names "
        + "`\(Invocation.commandLine(["ls"]))` prints, or a sweep's folder for its trials)"
    case .notFound(let name, let root):
      "error: no run '\(name)': neither a folder nor a run under \(root) "
        + "(see `\(Invocation.commandLine(["ls"]))`)"
    case .notARun(let name):
      "error: \(name) is neither a run's nor a sweep's results folder (name those, or runs as "
        + "`\(Invocation.commandLine(["ls"]))` prints them)"
    case .unreadable(let name, let problem): "error: cannot compare \(name): \(problem)"
    case .folder(let error): error.description
    case .write(let error):
      "error: \(error); the comparison folder is as it was: "
        + "\(WriteFailureAdvice.action(for: error)), then compare again"
    case .staleChartProtected(let path, let reason):
      "error: cannot remove \(path), a chart of the earlier comparison this one does not make: "
        + "\(reason); the comparison folder is as it was"
    case .foreignFile(let path):
      "error: \(path) was not written by `runner compare` (no earlier comparison there made "
        + "it); refusing to replace it (move it away, or choose another --into)"
    }
  }
}
