import Conventions
import Datasets
import Foundation
import Reports
import Specs

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Finds every run under a results folder for `runner ls` (docs/results.md, "Listing and
/// comparing runs"): single-run folders, each complete trial of a sweep folder (named
/// `<sweep>/<trial>`; for `ls`, also those of an earlier version of its spec), and with
/// `history` the earlier runs kept in `.history/`. Folders the runner did not write are
/// searched a few levels deep (`results/baseline/cat`); hidden folders (staging, locks),
/// `runner compare` folders and links to folders are skipped, and a folder reached twice or
/// lying outside `root` (its links resolved) is left out, so `ls`, `export` and `compare` never
/// reach, or write, beyond the folder named. A folder whose name is not UTF-8 and that holds
/// results is listed unread, by its escaped name (`NotUTF8Folders`). Nothing is written.
public enum ResultsIndex {
  /// How deep folders the runner did not write are searched for results.
  static let maxDepth = 4

  /// A run folder found, not read yet.
  struct Found {
    var folder: URL
    var name: String
    var kind: ListedRun.RunKind
    var status: TrialStatus?
    /// A trial's sweep: its swept keys and objective.
    var sweptKeys: [String] = []
    var objective: String?
    /// An adaptive sweep's trial: its `bracket`, `rung` and `budget` (`trials(of:name:earlier:)`).
    var reached: [ListedRun.NamedValue] = []
    /// Why the folder cannot be read (a name that is not UTF-8, `NotUTF8Folders`): listed with
    /// blank cells and this problem.
    var unreadable: String? = nil
  }

  /// The runs under `root`, in folder-name order (trials in trial-ID order, then those of an
  /// earlier version of the sweep's spec, kind `earlier`); `root` may itself be a sweep (its
  /// trials) or a run. A run's unwritten defaults (`ListedRun.defaults`) are read when it has
  /// no value of one of `keys` (the columns `--where`, `--sort` and `--columns` name; nil: for
  /// every run) or, for a trial, of a swept key.
  public static func runs(
    under root: URL, history: Bool = false, answering keys: Set<String>? = nil
  ) -> [ListedRun] {
    read(found(under: root, history: history, earlier: true), answering: keys)
  }

  /// Refuses a results root in a kernel pseudo-filesystem (`/proc`, `/sys`, `/dev`).
  public static func check(root: URL) throws(FolderError) {
    if let reason = SystemFolder.reason(root.path) {
      throw .systemFolder(path: root.path, reason: reason)
    }
  }

  /// The run folders under `root` that `runs(under:history:)` lists, not read yet: each real
  /// folder once, none outside `root`; the trials of an earlier version of a sweep's spec only
  /// with `earlier`.
  static func found(under root: URL, history: Bool = false, earlier: Bool = false) -> [Found] {
    guard let real = PathEntry.realPath(root.path) else { return [] }
    var seen = Set<String>()
    return walk(root, history: history, earlier: earlier).filter { item in
      // Found by its bytes inside a folder already within `root`, not through a link.
      if item.unreadable != nil { return seen.insert(item.folder.path).inserted }
      guard let path = PathEntry.realPath(item.folder.path) else { return false }
      return (path == real || path.hasPrefix(real == "/" ? "/" : real + "/"))
        && seen.insert(path).inserted
    }
  }

  /// The run folders under `root`, as the walk meets them.
  private static func walk(_ root: URL, history: Bool, earlier: Bool) -> [Found] {
    var found: [Found] = []
    let rootName = root.standardizedFileURL.lastPathComponent
    switch ResultsFolderKind.of(root) {
    case .sweep: found = trials(of: root, name: rootName, earlier: earlier)
    case .run: found = [Found(folder: root, name: rootName, kind: .run)]
    default: collect(root, name: "", depth: 0, earlier: earlier, into: &found)
    }
    if history {
      let folder = root.appendingPathComponent(".history", isDirectory: true)
      for entry in subfolders(of: folder) {
        for time in subfolders(of: entry) where ResultsFolderKind.of(time) == .run {
          let name = ".history/\(entry.lastPathComponent)/\(time.lastPathComponent)"
          found.append(Found(folder: time, name: name, kind: .history))
        }
      }
    }
    return found
  }

  /// The run (or trial) in `folder`, named `name`; nil when it holds no run's results.
  public static func run(at folder: URL, name: String) -> ListedRun? {
    RunFolderReader.read(folder, name: name)
  }

  /// Reads the found folders, in parallel (each read is independent), keeping their order;
  /// the unwritten defaults of those lacking a value of `keys` or of their swept keys. Under a
  /// `ulimit -v` they are read on this thread: a worker thread that cannot map its stack is
  /// retried forever (`_dispatch_temporary_resource_shortage`), and `ls` hung there.
  static func read(_ found: [Found], answering keys: Set<String>? = nil) -> [ListedRun] {
    let lock = NSLock()
    nonisolated(unsafe) var runs = [ListedRun?](repeating: nil, count: found.count)
    let readOne: @Sendable (Int) -> Void = { index in
      let item = found[index]
      if let problem = item.unreadable {
        var run = ListedRun(name: item.name, kind: item.kind, path: item.folder.path)
        run.problems = [problem]
        lock.withLock { runs[index] = run }
        return
      }
      var run =
        RunFolderReader.read(
          item.folder, name: item.name, defaultsFor: keys?.union(item.sweptKeys))
        ?? ListedRun(name: item.name, kind: item.kind, path: item.folder.path)
      run.kind = item.kind
      (run.sweptKeys, run.objective) = (item.sweptKeys, item.objective)
      run.parameters = withSwept(run.parameters, keys: item.sweptKeys, defaults: run.defaults)
      run.metrics.insert(contentsOf: item.reached, at: 0)
      if let status = item.status {
        run.status = status.statusText + (item.kind == .earlier ? " (earlier)" : "")
        if status.failed { run.metrics.append(ListedRun.NamedValue("reason", status.reason)) }
      }
      lock.withLock { runs[index] = run }
    }
    if MemoryBudget.addressSpaceLeft() == nil {
      DispatchQueue.concurrentPerform(iterations: found.count, execute: readOne)
    } else {
      (0..<found.count).forEach(readOne)
    }
    return runs.compactMap { $0 }
  }

  private static func collect(
    _ folder: URL, name: String, depth: Int, earlier: Bool, into found: inout [Found]
  ) {
    for entry in subfolders(of: folder) {
      let entryName = name.isEmpty ? entry.lastPathComponent : name + "/" + entry.lastPathComponent
      switch ResultsFolderKind.of(entry) {
      case .run:
        found.append(Found(folder: entry, name: entryName, kind: .run))
      case .sweep:
        found += trials(of: entry, name: entryName, earlier: earlier)
      case .foreign:
        let isCompare = FileManager.default.fileExists(
          atPath: entry.appendingPathComponent(RunComparison.htmlFile).path)
        if depth + 1 < maxDepth && !isCompare {
          collect(entry, name: entryName, depth: depth + 1, earlier: earlier, into: &found)
        }
      case .empty:
        // A folder that cannot be listed may hold a run: listed with a warning, not dropped.
        if let reason = UnlistableFolder.reason(entry) {
          found.append(
            Found(
              folder: entry, name: entryName, kind: .run,
              unreadable: Self.unlistableProblem(entry, reason)))
        }
      case .missing, .file:
        break
      }
    }
    // Names the walk above cannot hold as text: listed, never skipped silently.
    for entry in NotUTF8Folders.holdingResults(in: folder, depth: maxDepth - depth - 1) {
      let path = folder.appendingPathComponent(entry, isDirectory: true)
      found.append(
        Found(
          folder: path, name: name.isEmpty ? entry : name + "/" + entry, kind: .run,
          unreadable: NotUTF8Folders.problem(path.path)))
    }
  }

  /// What `runner ls` says of a folder it cannot list (`Permission denied`).
  static func unlistableProblem(_ folder: URL, _ reason: String) -> String {
    "cannot read \(folder.path): \(reason); give read access (chmod u+rx) to list its results"
  }

  /// The complete trials of the sweep in `folder` (a `status.csv` written), by trial ID, each
  /// with the sweep's swept keys and objective. A successive-halving or Hyperband trial is
  /// listed once, at the largest budget it reached, with its `bracket` (Hyperband), `rung` and
  /// `budget`: its row of the sweep's `summary.csv`, which is as of the last rung a run wrote
  /// (a run writes it as each rung it trains completes, and when it stops); before a first one
  /// with a row, from its rung folders (`SweepFolderProgress.reached`, the budget its rung's trials
  /// recorded). With `earlier`, the complete trial folders the plan does not list follow
  /// (kind `earlier`).
  static func trials(of folder: URL, name: String, earlier: Bool = false) -> [Found] {
    let layout = SweepLayout(directory: folder)
    let plan = try? CSVTable(contentsOf: layout.plan)
    let strays = earlier ? plan.map { EarlierTrials.find(in: folder, plan: $0) } ?? [] : []
    var listed: [(name: String, path: String, kind: Kind)] = []
    var reached: [String: [ListedRun.NamedValue]] = [:]
    // A summary of no row (a sweep stopped gracefully inside its first rung, or one shard's
    // folder before a merge) is read as none: the rung folders hold its complete trials.
    if let summary = try? CSVTable(contentsOf: layout.summary), summary.columnIndex("rung") != nil,
      !summary.rows.isEmpty
    {
      let columns = ["bracket", "rung", "budget"].compactMap { c in
        summary.columnIndex(c).map { (c, $0) }
      }
      for row in summary.rows {
        guard let path = AdaptiveSweep.folder(of: row, in: summary) else { continue }
        listed.append((row[0], path, .trial))
        reached[row[0]] = columns.map { ListedRun.NamedValue($0.0, row[$0.1]) }
      }
      // A sweep killed after a rung's trial completed, before it wrote summary.csv again: the
      // trial as its rung folders hold it, at the rung it reached.
      if let progress = SweepFolderProgress(directory: folder, rungsOnly: true) {
        for (trial, path, part) in progress.ahead(of: summary) {
          listed.removeAll { $0.name == trial }
          listed.append((trial, path, .trial))
          reached[trial] = Self.reachedColumns(part, in: folder)
        }
      }
      listed.sort { $0.name < $1.name }
    } else if let progress = SweepFolderProgress(directory: folder, rungsOnly: true) {
      // Successive halving or Hyperband stopped before a run wrote its first summary.csv: each
      // complete trial of its rungs, at the largest budget it reached, with the columns that
      // summary gives it (a budget no trial of its rung recorded is blank).
      for (trial, path, part) in progress.reached {
        listed.append((trial, path, .trial))
        reached[trial] = Self.reachedColumns(part, in: folder)
      }
    } else if let plan {
      listed = SweepPlanFile.trialIDs(plan).sorted().map { ($0, $0, Kind.trial) }
    } else {
      return []
    }
    let objective = (try? CSVTable(contentsOf: layout.settings)).flatMap(
      SweepSettings.init(table:))?
      .objective
    return found(listed + strays.map { ($0, $0, .earlier) }, in: folder, name: name).map {
      var item = $0
      item.sweptKeys = Array(plan?.header.dropFirst() ?? [])
      item.objective = objective
      if item.kind == .trial { item.reached = reached[item.folder.lastPathComponent] ?? [] }
      return item
    }
  }

  private typealias Kind = ListedRun.RunKind

  /// The `bracket` (Hyperband), `rung` and `budget` a trial complete in rung folder `part` of
  /// sweep folder `folder` gets, as summary.csv gives them (a budget no trial of its rung
  /// recorded is blank).
  private static func reachedColumns(_ part: SweepFolderProgress.PlanProgress, in folder: URL)
    -> [ListedRun.NamedValue]
  {
    (part.bracket.map { [ListedRun.NamedValue("bracket", String($0))] } ?? [])
      + [
        ListedRun.NamedValue("rung", String(part.rung ?? 0)),
        ListedRun.NamedValue("budget", part.budget(in: folder).map(String.init) ?? ""),
      ]
  }

  /// `parameters` with each swept key the trial's resolved spec leaves out as a default (a
  /// layer's `dropout: 0`, `normalization: none`: one of its unwritten `defaults`) added after
  /// the other keys of its parent (`model.layers[0].…`), so the swept column shows its value
  /// as the other trials' (a key that does not apply in the trial stays out).
  static func withSwept(
    _ parameters: [ListedRun.NamedValue], keys: [String], defaults: [ListedRun.NamedValue]
  ) -> [ListedRun.NamedValue] {
    let swept = Set(keys)
    return SpecParameters.inserting(defaults.filter { swept.contains($0.name) }, into: parameters)
  }

  /// The trials (listed name under the sweep, folder path in it, kind) that hold a readable
  /// status, each path made of plain folder names.
  private static func found(
    _ trials: [(name: String, path: String, kind: Kind)], in folder: URL, name: String
  ) -> [Found] {
    trials.compactMap { trial in
      guard trial.path.split(separator: "/").allSatisfy({ FolderError.isSafeTrialID(String($0)) })
      else { return nil }
      let directory = folder.appendingPathComponent(trial.path)
      let marker = directory.appendingPathComponent(SweepLayout.markerFile)
      if let reason = UnlistableFolder.reason(directory) {
        return Found(
          folder: directory, name: name + "/" + trial.name, kind: trial.kind,
          unreadable: unlistableProblem(directory, reason))
      }
      return TrialStatus.readRanked(marker).map {
        Found(folder: directory, name: name + "/" + trial.name, kind: trial.kind, status: $0)
      }
    }
  }

  /// The visible subfolders of `folder`, sorted by name; links are not followed.
  static func subfolders(of folder: URL) -> [URL] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.sorted().filter { !$0.hasPrefix(".") }.compactMap { name in
      let url = folder.appendingPathComponent(name, isDirectory: true)
      return PathEntry.isPlainDirectory(url.path) ? url : nil
    }
  }
}
