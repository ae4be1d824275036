import Conventions
import Foundation
import Reports

extension MLflowExport {
  /// What the export knows of a sweep folder, read once per export: its version, the
  /// fingerprints of its complete trials and the facts its parent run carries.
  struct Sweep: Sendable {
    /// The sweep's name (its folder as shown, `moons-grid`).
    var name: String
    /// The sweep folder.
    var folder: URL
    /// The sweep's version, tag `runner.sweep_version` (see `version(of:)`).
    var version: String
    /// The fingerprints of the folder's complete trials: a parent run holding one of them
    /// stands for this folder's run of the sweep.
    var trials: Set<String>
    /// The names its complete trials are exported under (`sweep/trial`).
    var names: Set<String> = []
    /// The shard (`1/4`) whose own folder it is (`ShardRecord.recorded(in:)`); nil for a whole
    /// or merged sweep's.
    var shard: String?
    /// The data its complete trials read: each file's SHA-256 by `key file` (`data(of:)`).
    var data: [String: String] = [:]
    /// A checksum of the sweep folder's own files: the parent's `runner.fingerprint`.
    var fingerprint: String
    /// The parent's params: `sweep.csv`'s keys and each swept key's planned values.
    var params: [(String, String)]
    /// The parent's facts that grow with a bayes sweep's plan, as tags (MLflow refuses to
    /// change a param): `runner.trials` and `runner.values.<key>` in place of the params
    /// `trials` and `<key>`; none for another sweep.
    var tags: [(String, String)] = []
    /// The best trial (`summary.csv`'s first row, when it succeeded) and its objective; nil for
    /// a shard's folder, whose best is only its own trials'.
    var best: (trial: String, metric: String, value: Double)?
    /// Whether `best` is only the best so far (tag `runner.best_trial_so_far`): the sweep is
    /// unfinished (`SweepCompletion`: a trial of its plan not complete, a bayes batch not run,
    /// or, successive halving and Hyperband, a rung not run), as its report says above its
    /// best trial.
    var bestSoFar = false
    /// The sweep folder's own files (not its trials'), relative to it: the parent's artifacts.
    var files: [String]
    /// When its complete trials ran, in ms since 1970: the first start and the last end (start
    /// and `timings.csv`'s total); nil when no trial has a start time.
    var span: (start: Int64, end: Int64)?
  }

  /// The parent runs found so far, by experiment and sweep folder.
  final class Parents: @unchecked Sendable {
    private let lock = NSLock()
    private var sweeps: [String: Sweep] = [:]
    private var ids: [String: String] = [:]

    func sweep(_ key: String, _ read: () -> Sweep) -> Sweep {
      lock.withLock {
        if let sweep = sweeps[key] { return sweep }
        let sweep = read()
        sweeps[key] = sweep
        return sweep
      }
    }

    subscript(key: String) -> String? {
      get { lock.withLock { ids[key] } }
      set { lock.withLock { ids[key] = newValue } }
    }
  }

  /// The sweep folder of the trial `run` (`sweep/trial`): the folder named as the sweep among
  /// its parent, its rung folder's parent and its bracket folder's parent (a successive-halving
  /// or Hyperband trial's rung folder is a sweep folder too); nil for a run of no sweep.
  static func sweepFolder(of run: ExportedRun) -> URL? {
    guard let slash = run.name.lastIndex(of: "/") else { return nil }
    let name = run.name[..<slash].split(separator: "/").last.map(String.init) ?? ""
    var folder = run.folder.deletingLastPathComponent()
    for _ in 0..<3 {
      if folder.lastPathComponent == name && ResultsFolderKind.of(folder) == .sweep {
        return folder
      }
      folder = folder.deletingLastPathComponent()
    }
    return nil
  }

  /// Reads the sweep folder `folder`, shown as `name`.
  static func readSweep(_ folder: URL, name: String) -> Sweep {
    let layout = SweepLayout(directory: folder)
    let table = { (url: URL) in try? CSVTable(contentsOf: url) }
    let version = Self.version(of: folder)
    let found = ResultsIndex.trials(of: folder, name: name)
    let trials = found.map { fingerprint(of: $0.folder) }
    // As each trial's run is timed (`export`): its start, and its start plus its duration.
    let times = found.compactMap { trial in
      ExportedRun.startTime(in: trial.folder).map(milliseconds).map {
        (start: $0, end: $0 + milliseconds(ExportedRun.duration(in: trial.folder) ?? 0))
      }
    }
    let span =
      times.isEmpty ? nil : (start: times.map(\.start).min()!, end: times.map(\.end).max()!)
    // Its own files: those beside the trial folders, and the report's plots.
    let plots =
      (ResultsFile.visibleFiles(below: folder.appendingPathComponent(ResultsFile.plots))
      ?? []).map { ResultsFile.plots + "/" + $0 }
    let top = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
      var isFolder: ObjCBool = false
      return !$0.hasPrefix(".")
        && FileManager.default.fileExists(
          atPath: folder.appendingPathComponent($0).path, isDirectory: &isFolder)
        && !isFolder.boolValue
    }
    let own = (top + plots).filter {
      ResultsFile.irregularity(atPath: folder.appendingPathComponent($0).path) == nil
    }.sorted()

    var params: [(String, String)] = []
    let settingsTable = table(layout.settings)
    for row in settingsTable?.rows ?? [] where row.count > 1 {
      params.append((metricName(row[0]), row[1]))
    }
    if let plan = table(layout.plan) {
      params.append(("trials", String(plan.rows.count)))
      for (index, key) in plan.header.enumerated().dropFirst() {
        var values: [String] = []
        // A cell left empty is a value the trial's others make not apply; numbers ascending.
        for row in plan.rows
        where index < row.count && !row[index].isEmpty && !values.contains(row[index]) {
          values.append(row[index])
        }
        let numbers = values.compactMap(Double.init)
        if numbers.count == values.count {
          values = zip(numbers, values).sorted { $0.0 < $1.0 }.map(\.1)
        }
        params.append((metricName(key), paramList(values)))
      }
    }
    var best: (String, String, Double)?
    var bestSoFar = false
    let shard = ShardRecord.recorded(in: folder)
    if shard == nil, let settings = settingsTable.flatMap(SweepSettings.init(table:)),
      let summary = table(layout.summary), let row = summary.rows.first,
      let column = summary.columnIndex(settings.objective),
      summary.columnIndex("status").map({ row[$0] == "ok" }) ?? true,
      let value = CSVCell.number(from: row[column])
    {
      best = (row[0], settings.objective, value)
      bestSoFar = SweepCompletion(directory: folder).map { !$0.isFinished } ?? false
    }
    var sweep = Sweep(
      name: name, folder: folder, version: version, trials: Set(trials),
      names: Set(found.map(\.name)), shard: shard, data: data(of: found.map(\.folder)),
      fingerprint: checksum(in: folder, own),
      params: params, best: best, bestSoFar: bestSoFar, files: own, span: span)
    if grows(folder) {
      let fixed = settingsTable?.rows.count(where: { $0.count > 1 }) ?? 0
      sweep.tags = params.dropFirst(fixed).map {
        ($0.0 == "trials" ? "runner.trials" : "runner.values." + $0.0, $0.1)
      }
      sweep.params = Array(params.prefix(fixed))
    }
    return sweep
  }

  /// The version of the sweep in `folder`: what fixes its trials. A checksum of `plan.csv`,
  /// `sweep.csv` and `brackets.csv` (the trials planned, their swept values and the objective);
  /// for a bayes sweep, whose `plan.csv` grows a batch at a time, of `sweep.csv` and the
  /// `settings` that `batches.csv` records its suggestions under (the spec without
  /// `sweep.trials`) instead of the plan, so a sweep resumed, or given more trials, keeps its
  /// version and its trials exported before stay unchanged.
  static func version(of folder: URL) -> String {
    guard grows(folder),
      let table = try? CSVTable(
        contentsOf: folder.appendingPathComponent(ResultsFile.bayesBatches)),
      let column = table.columnIndex("settings")
    else {
      return checksum(
        in: folder, [ResultsFile.plan, ResultsFile.sweepSettings, AdaptiveSweep.bracketsFile])
    }
    // A row standing for a batch not yet suggested records no settings.
    let settings = Set(
      table.rows.compactMap { column < $0.count && !$0[column].isEmpty ? $0[column] : nil })
    return checksum(
      in: folder, [ResultsFile.sweepSettings, AdaptiveSweep.bracketsFile],
      extra: ResultsFile.bayesBatches + "\u{0}" + settings.sorted().joined(separator: ","))
  }

  /// Whether the sweep in `folder` is a bayes sweep, whose `plan.csv` grows a batch at a time
  /// (it has `batches.csv`).
  static func grows(_ folder: URL) -> Bool {
    FileManager.default.fileExists(
      atPath: folder.appendingPathComponent(ResultsFile.bayesBatches).path)
  }

  /// `seconds` since 1970 in whole milliseconds, as MLflow keeps times.
  static func milliseconds(_ seconds: Double) -> Int64 { Int64((seconds * 1000).rounded()) }

  /// The bytes of `file` that fix a sweep's version: `sweep.csv` without its last row `seed`,
  /// which a runner records since tester BM-12 (the seed fixes the trial IDs, so the plan, or a
  /// bayes sweep's settings, already): a folder of an earlier runner resumed by this one keeps
  /// its version, so its MLflow parent.
  static func versioned(_ file: String, _ bytes: [UInt8]) -> [UInt8] {
    guard file == ResultsFile.sweepSettings, bytes.last == UInt8(ascii: "\n") else { return bytes }
    let body = bytes.dropLast()
    let start = body.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? body.startIndex
    guard body[start...].starts(with: Array("seed,".utf8)) else { return bytes }
    return Array(bytes[..<start])
  }

  /// A checksum of `files` of `folder` (a missing one counts as empty) and `extra`,
  /// `crc-length`.
  static func checksum(in folder: URL, _ files: [String], extra: String = "") -> String {
    var bytes: [UInt8] = Array(extra.utf8)
    for file in files {
      let path = folder.appendingPathComponent(file).path
      let data =
        ResultsFile.irregularity(atPath: path) == nil
        ? FileManager.default.contents(atPath: path) : nil
      bytes += Array(file.utf8) + [0] + versioned(file, Array(data ?? Data())) + [0]
    }
    let crc = String(CRC32C.checksum(bytes), radix: 16)
    return String(repeating: "0", count: 8 - crc.count) + crc + "-\(bytes.count)"
  }
}
