import Conventions

extension ResultsReport {
  /// A sweep's best trial (the first row of its ranked summary, when ok with a finite
  /// objective), how the trials are ranked, and a warning when the choice was made on the test
  /// (or training) set. Empty for a single run or a sweep folder without `sweep.csv`.
  var sweepBestBlocks: [ReportBlock] {
    guard plan != nil, let settings = sweepSettings, let summary,
      let value = summary.columnIndex(settings.objective)
    else { return [] }
    let extreme = settings.lowerIsBetter ? "lowest" : "highest"
    var blocks: [ReportBlock] = [.heading("Best trial")]
    let unfinished = unfinishedLine(summary)
    if let unfinished { blocks.append(.emphasis(unfinished)) }
    if let best = settings.results(summary).first {
      // A key that does not apply to the trial (an empty cell) is left out.
      let axes = plan!.header.dropFirst().compactMap { axis in
        summary.columnIndex(axis).flatMap { best[$0].isEmpty ? nil : "`\(axis)` = \(best[$0])" }
      }
      let rivals = SweepSettings.rivals(in: summary).count
      let unit = adaptive?.unit ?? "epochs"
      // Before every rung has run, the best so far trained less than the full budget.
      let budget = summary.columnIndex("budget").map { column in
        adaptiveComplete
          ? " at the full budget of \(best[column]) \(unit); trials stopped at a "
            + "smaller budget are not compared"
          : " at \(Self.amount(Int(best[column]) ?? 0, unit)) of the full "
            + "\(Self.amount(adaptive?.fullBudget ?? 0, unit)): not the sweep's result, which is "
            + "named once every rung has run"
      }
      let title = adaptiveComplete ? "Best trial" : "Best trial so far"
      blocks.append(
        .emphasis(
          "\(title): `\(best[0])` with \(settings.objective) = \(Self.display(best[value])) (the \(extreme) of \(rivals) ok trials\(unfinished == nil ? "" : " complete so far")\(budget ?? ""))"
        ))
      if !axes.isEmpty {
        blocks.append(
          .bullets(axes + ["folder: `\(adaptive?.folder(of: best[0], in: summary) ?? best[0])/`"]))
      }
    } else {
      blocks.append(.paragraph("No complete trial recorded \(settings.objective)."))
    }
    switch settings.split {
    case "test":
      blocks.append(
        .emphasis(
          "Warning: the best trial was chosen on the test set (the data has no dev split), so its test figures are optimistic. Add `dataset.split.dev` to choose on a dev split."
        ))
    case "train":
      blocks.append(
        .emphasis(
          "Warning: the best trial was chosen on the training set (the data has no dev or test split)."
        ))
    default: break
    }
    blocks.append(
      .paragraph(
        "Trials are ranked by \(summary.columnIndex("budget") == nil ? "" : "the budget they reached (the largest first), then by ")`\(settings.objective)` (`sweep.objective`, \(settings.lowerIsBetter ? "lower" : "higher") is better); ties go to the smaller swept values (axis by axis, in the spec's order) and failed trials come last. The summary below is in that order."
      ))
    return blocks
  }

  /// `2 of 24 trials complete; 22 not started …` when a grid, random or bayes sweep has not
  /// finished (`SweepCompletion`; bayes: of the trials suggested so far, its plan growing a
  /// batch at a time, and which batches have not run); for successive halving and Hyperband,
  /// that not every rung has run; nil when all are complete. While a sweep still writes the
  /// folder (`runningSweep`), the line says the report is a snapshot of it, not a stopped sweep.
  private func unfinishedLine(_ summary: CSVTable) -> String? {
    let snapshot = runningSweep.map {
      "a snapshot taken while the sweep writing this folder ran (pid \($0)), which rewrites "
        + "this report when it ends (if it no longer runs, it was stopped: the same command "
        + "resumes it)"
    }
    if adaptive != nil {
      guard !adaptiveComplete else { return nil }
      if let snapshot { return "Not every rung has run yet: " + snapshot }
      return "Not every rung has run: the sweep stopped early (its --timeout budget was spent, "
        + "or it was interrupted: re-run the same command to resume), or this is one shard's "
        + "folder (runner merge joins the shards' folders; the next round runs the next rung)"
    }
    guard let completion, !completion.isFinished else { return nil }
    let (complete, planned) = (completion.complete, completion.planned)
    if let batches = completion.batches,
      let line = Self.batchesLine(batches, complete: complete, suggested: planned)
    {
      if let snapshot { return line + ": " + snapshot }
      return line + ": " + Self.stopped + " or the merge of one round of shards (each round runs "
        + "one batch: runner merge joins the shards' folders, and each shard runs the next batch "
        + "from a copy of the merged folder)"
    }
    let trials = "\(complete) of \(planned) trials\(planGrows ? " suggested so far" : "") complete"
    if let snapshot {
      return "\(trials)\(planGrows ? "" : " so far"); \(planned - complete) still to run: "
        + snapshot
    }
    return "\(trials); \(planned - complete) not started: " + Self.stopped
      + " (runner merge joins the shards' folders)"
  }

  /// Why a sweep folder no sweep is writing has trials (batches) not run.
  private static let stopped =
    "the sweep stopped early (its --timeout budget was spent, or it was interrupted: re-run "
    + "the same command to resume), or this is one shard's folder"

  /// `7 of 7 trials suggested so far complete; of batches 0-4, batches 3-4 not started` (or
  /// `batch 2 partly run and batch 3 not started`): how far a bayes sweep's batches got; nil
  /// when every batch has run.
  static func batchesLine(
    _ batches: SweepCompletion.BatchProgress, complete: Int, suggested: Int
  ) -> String? {
    func named(_ indices: [Int]) -> String {
      let contiguous = indices.last! - indices.first! == indices.count - 1
      return indices.count == 1
        ? "batch \(indices[0])"
        : "batches "
          + (contiguous
            ? "\(indices.first!)-\(indices.last!)" : indices.map(String.init).listed())
    }
    var states: [String] = []
    if !batches.partlyRun.isEmpty { states.append(named(batches.partlyRun) + " partly run") }
    if !batches.notStarted.isEmpty { states.append(named(batches.notStarted) + " not started") }
    guard !states.isEmpty else { return nil }
    let all = batches.count == 1 ? "batch 0" : "batches 0-\(batches.count - 1)"
    return "\(complete) of \(suggested) trials suggested so far complete; of \(all), "
      + states.listed()
  }
}
