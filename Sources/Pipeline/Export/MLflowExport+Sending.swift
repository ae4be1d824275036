import Conventions
import Foundation

extension MLflowExport {
  /// Sends a created run's params, metric history and (when the server serves them) files;
  /// returns how many files were uploaded (nil: none, the server does not serve artifacts).
  func send(_ read: FolderRead, to created: MLflowClient.CreatedRun, start: Int64)
    async throws(ExportError) -> Int?
  {
    let run = read.run
    let params = run.parameters.map { (Self.metricName($0.name), Self.paramText($0.text)) }
    for chunk in stride(from: 0, to: params.count, by: 100) {
      try await client.logBatch(
        run: created.id, params: Array(params[chunk..<min(chunk + 100, params.count)]),
        metrics: [])
    }
    let metrics = Self.metrics(run, timestamp: start)
    for chunk in stride(from: 0, to: metrics.count, by: 1000) {
      try await client.logBatch(
        run: created.id, params: [],
        metrics: Array(metrics[chunk..<min(chunk + 1000, metrics.count)]))
    }
    guard let root = Self.artifactPath(created.artifactURI) else { return nil }
    var uploaded = 0
    for file in read.files {
      guard let bytes = file.bytes else {
        let path = run.folder.appendingPathComponent(file.name).path
        throw .unreadable(path: path, reason: "cannot read the file")
      }
      try await client.upload(bytes, to: "\(root)/\(file.name)")
      uploaded += 1
    }
    return uploaded
  }

  /// Tags `runner.superseded_by` = `id` on, and deletes, the earlier runs of the same folder
  /// (`earlier`) that run `id` replaces, once it is complete. A sweep's trial under parent
  /// `parent`: its earlier child there (a successive-halving trial promoted since, a failed
  /// trial retried, an export cut off), never one that is still a trial of the folder (its
  /// fingerprint in `trials`). A run of no sweep: an export of it cut off before its end (no
  /// fingerprint, ended `FAILED`); a complete one (a rerun of the spec) is kept. A run without
  /// a fingerprint is replaced only once it was cut off (`cutOff`): while `RUNNING` and its
  /// process runs (or is another host's) it may be another export of the same folder under way
  /// (a shared server, a second terminal).
  func supersede(
    _ earlier: [MLflowClient.FoundRun], by id: String, parent: String?, trials: Set<String>
  ) async throws(ExportError) {
    let replaced = earlier.filter { old in
      let fingerprint = old.tags["runner.fingerprint"]
      guard fingerprint != nil || Self.cutOff(old) else { return false }
      guard let parent else {
        return fingerprint == nil && old.tags["mlflow.parentRunId"] == nil
      }
      return old.tags["mlflow.parentRunId"] == parent && !trials.contains(fingerprint ?? "")
    }
    for old in replaced where old.id != id {
      try await client.logBatch(
        run: old.id, params: [], metrics: [], tags: [("runner.superseded_by", id)])
      try await client.delete(run: old.id)
    }
  }

  /// Whether `run`, an export without its fingerprint, was cut off: it ended (`FAILED` or
  /// `KILLED`), or the process that created it is gone (`MLflowExporter.isGone`: a Ctrl-C, a
  /// kill, a `runs/create` that timed out yet landed left it `RUNNING`), so no export is
  /// sending it any more.
  static func cutOff(_ run: MLflowClient.FoundRun) -> Bool {
    run.status == "FAILED" || run.status == "KILLED"
      || MLflowExporter.isGone(run.tags[MLflowExporter.tag])
  }
}
