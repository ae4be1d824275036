import Conventions
import Foundation
import Reports

/// Sends runs to an MLflow tracking server over its REST API: one MLflow run per results folder,
/// in the experiment named after the spec (or `experiment`), with the resolved spec's keys as
/// params, every `metrics.csv` row as metric history (step = iteration or epoch) and the final
/// figures at the step after training, and the folder's files as artifacts when the server
/// serves them. A sweep's trials are nested under a parent run named after the sweep, one per
/// version of its plan and folder it ran in (see `parentRun`). A folder already exported
/// unchanged (same `runner.fingerprint` tag) is skipped.
public struct MLflowExport: Sendable {
  /// The client of the server.
  public var client: MLflowClient
  /// The experiment for every run; nil: each run's spec name.
  public var experiment: String?
  /// The sweeps read and parent runs found so far (an export is made once per run).
  let parents = Parents()
  /// The process tagged on the runs the export creates (`MLflowExporter.tag`).
  var exporter = MLflowExporter.current

  /// An export through `client`.
  public init(client: MLflowClient, experiment: String? = nil) {
    self.client = client
    self.experiment = experiment
  }

  /// What happened to one run.
  public enum Outcome: Sendable, Equatable {
    /// Created as MLflow run `id` in experiment `experiment`; `artifacts` files uploaded
    /// (nil: the server does not serve the experiment's artifact location, `unserved`, so none
    /// were sent).
    case created(id: String, experiment: String, artifacts: Int?, unserved: String? = nil)
    /// Already exported unchanged as run `id`; `unserved`: without its artifacts, the
    /// experiment's artifact location being one the server does not serve; `updatedArtifacts`:
    /// the files sent into it again, the folder's having changed since (an export's own files).
    case unchanged(id: String, unserved: String? = nil, updatedArtifacts: Int? = nil)
  }

  /// Exports `run` (at `now`, ms since 1970, when the run has no start time). Its folder is
  /// read (again if replaced since) under its lock (`ExportedRun.locked`), as the other exports
  /// read it, so a run replacing the folder meanwhile never has the previous run's files sent
  /// as its own; `waiting` is told when the export waits for it. The lock is let go before
  /// anything is sent: a run waiting for the folder waits for the reading, not the upload.
  /// Another export of the folder (its sweep's, for a trial) under way on this machine is
  /// waited for first (`MLflowExportQueue`), so that the runs it sent are found, not sent again.
  public func export(
    _ run: ExportedRun, now: Int64, waiting: @escaping ExportedRun.Waiting = { _ in }
  ) async throws(ExportError) -> Outcome {
    let queued = MLflowExportQueue.acquire(run, waiting: waiting)
    defer { queued?.release() }
    let read = try run.locked(waiting: waiting) { run throws(ExportError) in FolderRead(run) }
    return try await export(read, now: now)
  }

  /// A run's folder as the export sends it, read at once: the run, its fingerprint and the
  /// bytes of its files (nil for one that cannot be read: an error only if it is to be sent).
  struct FolderRead {
    let run: ExportedRun
    let fingerprint: String
    let files: [(name: String, bytes: [UInt8]?)]

    init(_ run: ExportedRun) {
      self.run = run
      fingerprint = MLflowExport.fingerprint(of: run.folder)
      files = run.files().map { file in
        let url = run.folder.appendingPathComponent(file)
        return (file, FileManager.default.contents(atPath: url.path).map { Array($0) })
      }
    }
  }

  /// `export(_:now:waiting:)` of a run as its folder was read, its exports' lock held.
  func export(_ read: FolderRead, now: Int64) async throws(ExportError) -> Outcome {
    let run = read.run
    let (experimentID, location) = try await client.experiment(named: experiment ?? run.specName)
    let fingerprint = read.fingerprint
    let start = run.startedAt.map(Self.milliseconds) ?? now
    let sweep = Self.sweepFolder(of: run).map { folder in
      let name = String(run.name[..<run.name.lastIndex(of: "/")!])
      return parents.sweep(experimentID + "\u{0}" + folder.path) {
        Self.readSweep(folder, name: name)
      }
    }
    let earlier = try await client.runs(in: experimentID, tag: "runner.folder", equals: run.name)
    // A trial is unchanged only in its sweep's version: a trial of an earlier plan (the grid
    // extended in place) is sent again under the parent of this one.
    let same = earlier.first {
      $0.tags["runner.fingerprint"] == fingerprint
        && $0.tags["runner.sweep_version"] == sweep?.version
    }
    // Sent again when its artifacts can be sent now (tester BL-4): the new run supersedes it.
    let resent = same.flatMap { Self.resends($0, location: location) ? $0 : nil }
    if let same, resent == nil {
      // The parent's facts (a best trial found since) follow.
      if let sweep {
        _ = try await parentRun(
          sweep, experiment: experimentID, specDescription: run.specDescription,
          startTime: start, create: false)
      }
      // The earlier runs it replaces, again: a supersede that failed once the run was complete
      // (a server error on `runs/delete`) was never retried, the runs left for good. Idempotent.
      let parent = same.tags["mlflow.parentRunId"]
      if sweep == nil || parent != nil {
        try await supersede(earlier, by: same.id, parent: parent, trials: sweep?.trials ?? [])
      }
      let unserved = Self.artifactPath(same.artifactURI) == nil
      // Files the folder got or changed since (an event file, `summary.json` exported after
      // it; tester BL-3) go into the same run: nothing it measured changed, and a new run would
      // leave the user's tags and registered models on a deleted one (tester BM-13).
      let updated = try await refreshArtifacts(of: same, with: read)
      return .unchanged(
        id: same.id, unserved: unserved ? Self.location(same) : nil, updatedArtifacts: updated)
    }
    // The fingerprint is tagged last, once everything is sent: a run cut off by an error is
    // not taken for a complete export next time, and is exported again.
    var tags: [(String, String)] = [
      ("runner.folder", run.name), ("runner.spec", run.specName),
      ("mlflow.source.name", "runner"), (MLflowExporter.tag, exporter.value),
    ]
    if !run.specDescription.isEmpty { tags.append(("mlflow.note.content", run.specDescription)) }
    var parentID: String?
    if let sweep,
      let parent = try await parentRun(
        sweep, experiment: experimentID, specDescription: run.specDescription,
        startTime: start, create: true)
    {
      tags += [("mlflow.parentRunId", parent), ("runner.sweep_version", sweep.version)]
      tags += Self.trialTags(run.folder)
      parentID = parent
    }
    tags += run.outcomes.map { ("runner.\($0.name)", $0.text) }
    let created = try await client.createRun(
      experiment: experimentID, name: run.name, startTime: start, tags: tags)
    let end = start + Self.milliseconds(run.duration ?? 0)
    let uploaded: Int?
    do {
      uploaded = try await send(read, to: created, start: start)
      try await client.finish(
        run: created.id, status: run.succeeded ? "FINISHED" : "FAILED", endTime: end)
      // The files sent, to tell when they change (an event file or `summary.json` exported
      // since); none for a run sent without them (its artifact URI says so).
      let sent = uploaded.map { _ in [(Self.filesTag, Self.filesChecksum(read))] } ?? []
      try await client.logBatch(
        run: created.id, params: [], metrics: [],
        tags: [("runner.fingerprint", fingerprint)] + sent)
    } catch {
      // As MLflow's client ends a run on an exception: FAILED, not RUNNING forever; best effort
      // (the server may be what failed). The next export supersedes it (`supersede`).
      try? await client.finish(run: created.id, status: "FAILED", endTime: end)
      throw error
    }
    try await supersede(earlier, by: created.id, parent: parentID, trials: sweep?.trials ?? [])
    if let resent, resent.id != created.id {
      try await client.logBatch(
        run: resent.id, params: [], metrics: [], tags: [("runner.superseded_by", created.id)])
      try await client.delete(run: resent.id)
    }
    return .created(
      id: created.id, experiment: experimentID, artifacts: uploaded,
      unserved: uploaded == nil ? Self.location(created.id, created.artifactURI) : nil)
  }

  /// Every value of the run's timeline as an MLflow metric (`key`, `value`, `timestamp`, `step`).
  static func metrics(_ run: ExportedRun, timestamp: Int64) -> [JSONValue] {
    run.timeline.flatMap { row in
      row.values.map { value in
        JSONValue.object([
          ("key", .string(metricName(value.name))), ("value", number(value.value)),
          ("timestamp", .integer(Int(timestamp))), ("step", .integer(row.step)),
        ])
      }
    }
  }

  /// `value` as protobuf's JSON mapping (MLflow's REST API) reads a double: the shortest
  /// round-trip text, so MLflow stores the same bits; `"NaN"`, `"Infinity"`, `"-Infinity"`.
  static func number(_ value: Double) -> JSONValue {
    if value.isNaN { return .string("NaN") }
    if value.isInfinite { return .string(value < 0 ? "-Infinity" : "Infinity") }
    return .number(value)
  }

  /// The longest param value MLflow keeps (`MAX_PARAM_VAL_LENGTH`).
  static let paramLimit = 6000

  /// `text` as a param value: whole when it fits `paramLimit`, else visibly cut, saying how long
  /// the whole value is (it stays whole in the run's `spec.resolved.yaml`).
  static func paramText(_ text: String) -> String {
    guard text.count > paramLimit else { return text }
    let tail = "… (cut: \(text.count) characters, MLflow keeps \(paramLimit))"
    return String(text.prefix(paramLimit - tail.count)) + tail
  }

  /// A list of `values` as a param: `[a, b, c]` whole when it fits `paramLimit`, else its first
  /// values, how many are left out and its last, `[a, b, … 397 more …, z]`, so that the list
  /// still shows where it ends.
  static func paramList(_ values: [String]) -> String {
    let whole = "[" + values.joined(separator: ", ") + "]"
    guard whole.count > paramLimit, let last = values.last else { return whole }
    var kept: [String] = []
    func shortened(_ first: [String]) -> String {
      let omitted = values.count - 1 - first.count
      return "[" + (first + ["… \(omitted) more …", last]).joined(separator: ", ") + "]"
    }
    for value in values.dropLast() where shortened(kept + [value]).count <= paramLimit {
      kept.append(value)
    }
    return paramText(shortened(kept))
  }

  /// A name MLflow accepts (letters, digits, `_ - . / space`): a list index `layers[0]`
  /// becomes `layers.0`.
  static func metricName(_ name: String) -> String {
    name.replacingOccurrences(of: "[", with: ".").replacingOccurrences(of: "]", with: "")
  }

  /// The path under the server's artifact proxy for a run's artifact URI
  /// (`mlflow-artifacts:/1/<id>/artifacts` or `mlflow-artifacts://host:port/1/<id>/artifacts`
  /// → `1/<id>/artifacts`); nil for a store the server does not serve (a local path, S3, …).
  static func artifactPath(_ uri: String) -> String? {
    let scheme = "mlflow-artifacts:"
    guard uri.hasPrefix(scheme) else { return nil }
    var rest = Substring(uri.dropFirst(scheme.count))
    if rest.hasPrefix("//") {
      rest = rest.dropFirst(2)
      rest = rest.drop { $0 != "/" }
    }
    let path = rest.split(separator: "/").joined(separator: "/")
    return path.isEmpty ? nil : path
  }

  /// A fingerprint of the files of the run folder `folder` that define it (spec, history,
  /// summary, environment): the same folder exported twice has the same one. A pipe or device
  /// there is not opened.
  static func fingerprint(of folder: URL) -> String {
    checksum(
      in: folder,
      [ResultsFile.resolvedSpec, ResultsFile.metrics, ResultsFile.summary, ResultsFile.environment])
  }
}
