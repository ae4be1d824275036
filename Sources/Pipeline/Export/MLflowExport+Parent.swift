import Conventions
import Foundation

extension MLflowExport {
  /// The MLflow run standing for this folder's run of `sweep` in `experiment` (its trials are
  /// nested under it, as MLflow shows a hyperparameter search), among the parents of the same
  /// name and version: one already holding one of the folder's trials; else, for a shard's
  /// folder, one holding only other trials of the sweep (another shard's: the shards of one
  /// sweep share one parent); else one holding no run yet but exports cut off; else (with
  /// `create`) a new one. A parent an export left with no run under it before it was cut off
  /// (its process gone) is superseded by the one chosen. Its params, best trial and artifacts
  /// are sent when its `runner.fingerprint` differs from the sweep folder's; the best trial
  /// only when no other parent holds it. Nil when none is found or made.
  func parentRun(
    _ sweep: Sweep, experiment: String, specDescription: String, startTime: Int64,
    create: Bool
  ) async throws(ExportError) -> String? {
    let key = experiment + "\u{0}" + sweep.folder.path
    if let id = parents[key] { return id }
    let versions = try await client.runs(
      in: experiment, tag: "runner.sweep_version", equals: sweep.version)
    var candidates: [(run: MLflowClient.FoundRun, children: [MLflowClient.FoundRun])] = []
    for run in versions
    where run.tags["runner.kind"] == "sweep" && run.tags["runner.folder"] == sweep.name {
      let children = try await client.runs(
        in: experiment, tag: "mlflow.parentRunId", equals: run.id)
      candidates.append((run, children))
    }
    // Exports cut off (no fingerprint, ended or their process gone) are superseded wherever
    // the folder's trials go.
    let live = { (child: MLflowClient.FoundRun) in
      child.tags["runner.fingerprint"] != nil || !Self.cutOff(child)
    }
    let found = candidates.first { candidate in
      candidate.children.contains { sweep.trials.contains($0.tags["runner.fingerprint"] ?? "") }
    }
    let shared =
      sweep.shard == nil
      ? nil
      : candidates.first { candidate in
        candidate.children.contains(where: live)
          && !candidate.children.contains {
            live($0) && sweep.names.contains($0.tags["runner.folder"] ?? "")
          }
      }
    // One still being sent is another export's under way: its parent is not this one's.
    let empty = candidates.first { !$0.children.contains(where: live) }
    var parent = (found ?? shared ?? empty)?.run
    if parent == nil && create {
      var tags = [
        ("runner.folder", sweep.name), ("runner.kind", "sweep"),
        ("runner.sweep_version", sweep.version), ("mlflow.source.name", "runner"),
        (MLflowExporter.tag, exporter.value),
      ]
      if !specDescription.isEmpty { tags.append(("mlflow.note.content", specDescription)) }
      let created = try await client.createRun(
        experiment: experiment, name: sweep.name, startTime: sweep.span?.start ?? startTime,
        tags: tags)
      try await client.finish(
        run: created.id, status: "FINISHED", endTime: sweep.span?.end ?? startTime)
      parent = (created.id, [:], created.artifactURI, "FINISHED")
    }
    guard let parent else { return nil }
    for other in candidates
    where other.run.id != parent.id && other.children.isEmpty
      && MLflowExporter.isGone(other.run.tags[MLflowExporter.tag])
    {
      // Housekeeping, best effort: a server that lets this user log but not delete (MLflow's
      // basic auth gives delete to MANAGE only) must not stop every export of the sweep.
      do {
        try await client.logBatch(
          run: other.run.id, params: [], metrics: [], tags: [("runner.superseded_by", parent.id)])
        try await client.delete(run: other.run.id)
      } catch {}
    }
    if parent.tags["runner.fingerprint"] != sweep.fingerprint {
      // A best trial another parent holds (a shard exported under a parent of its own before
      // shards shared one) is not named here: this parent does not hold it.
      let best = sweep.best.map { "\(sweep.name)/\($0.trial)" }
      let elsewhere = candidates.contains { other in
        other.run.id != parent.id
          && other.children.contains {
            $0.tags["runner.folder"] == best
              && sweep.trials.contains($0.tags["runner.fingerprint"] ?? "")
          }
      }
      try await sendFacts(of: sweep, to: parent, best: !elsewhere)
    }
    parents[key] = parent.id
    return parent.id
  }

  /// Sends the sweep's params, best trial (with `best`: tag `runner.best_trial`, the objective
  /// as a metric of its own name, and `runner.best_trial_so_far`) and own files to its parent
  /// run, then tags the sweep's fingerprint.
  private func sendFacts(of sweep: Sweep, to parent: MLflowClient.FoundRun, best withBest: Bool)
    async throws(ExportError)
  {
    let id = parent.id
    for chunk in stride(from: 0, to: sweep.params.count, by: 100) {
      let params = Array(sweep.params[chunk..<min(chunk + 100, sweep.params.count)])
      try await client.logBatch(run: id, params: params, metrics: [])
    }
    for chunk in stride(from: 0, to: sweep.tags.count, by: 100) {
      let tags = Array(sweep.tags[chunk..<min(chunk + 100, sweep.tags.count)])
      try await client.logBatch(run: id, params: [], metrics: [], tags: tags)
    }
    if withBest, let best = sweep.best {
      let metric = JSONValue.object([
        ("key", .string(Self.metricName(best.metric))), ("value", Self.number(best.value)),
        ("timestamp", .integer(Int(Date().timeIntervalSince1970 * 1000))), ("step", .integer(0)),
      ])
      try await client.logBatch(
        run: id, params: [], metrics: [metric],
        tags: [
          ("runner.best_trial", best.trial),
          ("runner.best_trial_so_far", sweep.bestSoFar ? "true" : "false"),
        ])
    }
    if let root = Self.artifactPath(parent.artifactURI) {
      for file in sweep.files {
        let url = sweep.folder.appendingPathComponent(file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
          throw .unreadable(path: url.path, reason: "cannot read the file")
        }
        try await client.upload(Array(data), to: "\(root)/\(file)")
      }
    }
    // The last trial's end, as the sweep's files changed (more trials finished).
    if let span = sweep.span {
      try await client.finish(run: id, status: "FINISHED", endTime: span.end)
    }
    try await client.logBatch(
      run: id, params: [], metrics: [], tags: [("runner.fingerprint", sweep.fingerprint)])
  }
}
