import Conventions
import Foundation

extension MLflowExport {
  /// The MLflow run standing for this folder's run of `sweep` in `experiment` (its trials are
  /// nested under it, as MLflow shows a hyperparameter search), among the parents of the same
  /// name and version, in an order of their own (not the server's): the one holding the most
  /// of the folder's trials; else, for a shard's folder, one holding only trials of other
  /// shards of the same run of the sweep (`joins`: the shards of one run share one parent),
  /// and its own shard's earlier ones its trials supersede; else one holding no run yet but
  /// exports cut off (none a user deleted); else (with `create`) a new one. A parent an export
  /// left with no run under it before it was cut off (its process gone) is superseded by the
  /// one chosen. Its params, best trial and artifacts are sent when its fingerprint of the
  /// folder (`Sweep.fingerprintTag`) differs from the folder's; a shard's files go to a folder
  /// of its own; the best trial only when no other parent holds it. Nil when none is found or
  /// made.
  func parentRun(
    _ sweep: Sweep, experiment: String, specDescription: String, startTime: Int64,
    create: Bool
  ) async throws(ExportError) -> String? {
    let key = experiment + "\u{0}" + sweep.folder.path
    if let id = parents[key] { return id }
    let versions = try await client.runs(
      in: experiment, tag: "runner.sweep_version", equals: sweep.version)
    var candidates: [Candidate] = []
    for run in versions
    where run.tags["runner.kind"] == "sweep" && run.tags["runner.folder"] == sweep.name {
      // The deleted too: a parent whose trials a user deleted is no export's leftover.
      let children = try await client.runs(
        in: experiment, tag: "mlflow.parentRunId", equals: run.id, deleted: true)
      candidates.append(
        Candidate(
          run: run, children: children.filter { !$0.deleted },
          deletedChildren: children.contains(where: \.deleted)))
    }
    // In an order of their own, not the server's (another server may search in another).
    candidates.sort { $0.run.id < $1.run.id }
    // Exports cut off (no fingerprint, ended or their process gone) are superseded wherever
    // the folder's trials go.
    let live = { (child: MLflowClient.FoundRun) in
      child.tags["runner.fingerprint"] != nil || !Self.cutOff(child)
    }
    let held = { (candidate: Candidate) in
      candidate.children.count { sweep.trials.contains($0.tags["runner.fingerprint"] ?? "") }
    }
    // The one holding the most of the folder's trials.
    let found = candidates.filter { held($0) > 0 }.max { held($0) < held($1) }
    let shared = candidates.filter { Self.joins(sweep, live: $0.children.filter(live)) }
      .max { $0.children.count < $1.children.count }
    // One still being sent is another export's under way: its parent is not this one's.
    let empty = candidates.first {
      !$0.children.contains(where: live) && !$0.deletedChildren
    }
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
      parent = (
        created.id, [:], created.artifactURI, "FINISHED", sweep.span?.end ?? startTime, false
      )
    }
    guard let parent else { return nil }
    for other in candidates
    where other.run.id != parent.id && other.children.isEmpty && !other.deletedChildren
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
    if parent.tags[sweep.fingerprintTag] != sweep.fingerprint {
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

  /// A parent run of the sweep's name and version, with its trials: those not deleted, and
  /// whether any was deleted.
  struct Candidate {
    var run: MLflowClient.FoundRun
    var children: [MLflowClient.FoundRun]
    var deletedChildren: Bool
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
        try await client.upload(Array(data), to: "\(root)/\(sweep.artifactFolder)\(file)")
      }
    }
    // The last trial's end, as the sweep's files changed (more trials finished); never earlier
    // than it was (another shard's trials ended later).
    if let span = sweep.span, span.end > parent.endTime ?? .min {
      try await client.finish(run: id, status: "FINISHED", endTime: span.end)
    }
    try await client.logBatch(
      run: id, params: [], metrics: [], tags: [(sweep.fingerprintTag, sweep.fingerprint)])
  }
}
