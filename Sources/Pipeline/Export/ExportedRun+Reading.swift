import Conventions
import Foundation
import Reports
import Specs

extension ExportedRun {
  /// Reads the run folder `folder`, shown as `name`.
  public init(folder: URL, name: String) throws(ExportError) {
    func table(_ file: String) throws(ExportError) -> CSVTable? {
      let url = folder.appendingPathComponent(file)
      guard FileManager.default.fileExists(atPath: url.path) else { return nil }
      do { return try CSVTable(contentsOf: url) } catch {
        throw .reading(url, error)
      }
    }
    // Taken first: a run replacing the folder during the reading gives it another.
    self.folderFile = FileIdentity(path: folder.path)?.file
    let specURL = folder.appendingPathComponent(ResultsFile.resolvedSpec)
    let specText: String
    do { specText = try AtomicFile.read(specURL) } catch {
      throw .reading(specURL, error)
    }
    guard let tree = SpecValue(yamlText: specText) else {
      throw .unreadable(path: specURL.path, reason: "it is not valid YAML")
    }
    // The same flat parameters as `runner ls` lists (`SpecParameters`).
    let leaves = SpecParameters.flatten(tree)
    let spec = Dictionary(leaves.map { ($0.name, $0.text) }, uniquingKeysWith: { a, _ in a })
    self.name = name
    self.folder = folder
    let parent = folder.deletingLastPathComponent()
    self.sweep =
      name.contains("/") && ResultsFolderKind.of(parent) == .sweep
      ? String(name[..<name.lastIndex(of: "/")!]) : nil
    self.specName = spec["name"] ?? name
    self.specDescription = spec["description"] ?? ""
    self.parameters = leaves.filter { !RunFolderReader.nonParameters.contains($0.name) }
      .map { (name: $0.name, text: $0.text) }

    let metrics = try table(ResultsFile.metrics)
    self.stepColumn = metrics?.header.first ?? "iteration"
    self.history = (metrics?.rows ?? []).compactMap { row in
      guard let step = Int(row[0]) else { return nil }
      let values = zip(metrics!.header, row).dropFirst().compactMap { column, text in
        CSVCell.number(from: text).map { (name: column, value: $0) }
      }
      return (step, values)
    }

    guard let summary = try table(ResultsFile.summary), !summary.rows.isEmpty else {
      throw .unreadable(
        path: folder.appendingPathComponent(ResultsFile.summary).path, reason: "it has no row")
    }
    var finals: [Value] = []
    var integers: [String: Int] = [:]
    var outcomes: [(name: String, text: String)] = []
    for (column, text) in RunSummary.figures(of: summary) {
      if let value = CSVCell.number(from: text) {
        finals.append((column, value))
        integers[column] = Int(text)
      } else {
        outcomes.append((column, text))
      }
    }
    self.finals = finals
    self.integers = integers
    self.outcomes = outcomes
    let stopReason = outcomes.first { $0.name == "stop_reason" }?.text
    self.finalStep = Self.finalStep(
      stepColumn: stepColumn, lastStep: history.last?.step,
      iterations: finals.first { $0.name == "iterations" }.map { Int($0.value) },
      epochs: spec["optimizer.epochs"].flatMap { Int($0) }, completed: stopReason == "completed")

    self.startedAt = Self.startTime(in: folder)
    self.duration = Self.duration(in: folder)
    self.succeeded =
      TrialStatus.readRanked(folder.appendingPathComponent(SweepLayout.markerFile))?.failed
      != true
  }

  /// What an export says when it waits for a run folder's lock: the line
  /// `FolderLock.acquireBriefly(_:shownAs:say:)` gives, the folder shown as its path.
  public typealias Waiting = (String) -> Void

  /// Runs `body` with the run as its folder holds it now, under the folder's lock
  /// (`FolderLock.acquireBriefly`, `waiting` told when it waits), which a run holds until its
  /// results are in place: read again when a run replaced the folder since it was read, so an
  /// export never writes the previous run's figures into the next run's folder. A run not read
  /// from a folder is handed as it is.
  func locked<T>(
    waiting: @escaping Waiting, _ body: (ExportedRun) throws(ExportError) -> T
  ) throws(ExportError) -> T {
    let (lock, run) = try lockedNow(waiting: waiting)
    defer { lock?.release() }
    return try body(run)
  }

  /// Runs `body` with the run as its folder holds it, without the folder's lock, for an export
  /// that writes nothing into the folder (`--logdir` elsewhere, MLflow): reading a run writes
  /// nothing beside it, so a read-only folder or the gate's baselines export as any other.
  /// Read again, as `runner compare` reads, when a run replaced the folder while it was read or
  /// since (`folderFile`); a run still writing writes elsewhere until it swaps its folder in.
  func unlocked<T>(_ body: (ExportedRun) throws(ExportError) -> T) throws(ExportError) -> T {
    guard folderFile != nil else { return try body(self) }
    var run = self
    for attempt in 0..<FileIdentity.rereads {
      if attempt > 0 {
        let again = try FileIdentity.unreplaced([folder.path]) {
          () throws(ExportError) in try ExportedRun(folder: folder, name: name)
        }
        guard let again else { break }
        run = again
      }
      let result = Result { () throws(ExportError) -> T in try body(run) }
      if FileIdentity(path: folder.path)?.file == run.folderFile { return try result.get() }
    }
    throw .unreadable(
      path: folder.path,
      reason:
        "a run replaced it each of the \(FileIdentity.rereads) times it was read; export again")
  }

  /// The lock of the run's folder, taken (nil: none, for a run not read from a folder or a
  /// folder whose parent takes no lock file), and the run as the folder holds it under the lock.
  private func lockedNow(waiting: @escaping Waiting) throws(ExportError) -> (
    lock: FolderLock?, run: ExportedRun
  ) {
    guard let readFrom = folderFile else { return (nil, self) }
    // No lock file among the gate's baselines, which no run writes.
    let lock =
      Self.liesInGateBaselines(folder)
      ? nil : FolderLock.acquireBriefly(folder, shownAs: folder.path, say: waiting)
    guard FileIdentity(path: folder.path)?.file != readFrom else { return (lock, self) }
    do { return (lock, try ExportedRun(folder: folder, name: name)) } catch {
      lock?.release()
      throw error
    }
  }

  /// When the run in `folder` started (`environment.csv`'s `started_at`), in seconds since 1970.
  static func startTime(in folder: URL) -> Double? {
    RunFolderReader.startTime(folder).flatMap { ISO8601DateFormatter().date(from: $0) }?
      .timeIntervalSince1970
  }

  /// How long the run in `folder` took (`timings.csv`'s `total`), in seconds. Not a result (it
  /// differs between runs): an unreadable one is no duration, not an error.
  static func duration(in folder: URL) -> Double? {
    let timings = try? CSVTable(contentsOf: folder.appendingPathComponent(ResultsFile.timings))
    return timings?.rows.last { $0.first == "total" && $0.count > 1 }
      .flatMap { CSVCell.number(from: $0[1]) }.flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }
  }
}
