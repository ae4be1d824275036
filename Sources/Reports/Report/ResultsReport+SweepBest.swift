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

  /// `2 of 24 trials complete; 22 not started …` when a grid, random or bayes sweep's
  /// `summary.csv` holds fewer trials than its `plan.csv` (bayes: of those suggested so far, its
  /// plan growing a batch at a time); for successive halving and Hyperband, that not every rung
  /// has run; nil when all are complete.
  private func unfinishedLine(_ summary: CSVTable) -> String? {
    if adaptive != nil {
      guard !adaptiveComplete else { return nil }
      return "Not every rung has run: the sweep stopped early (its --timeout budget was spent, "
        + "or it was interrupted: re-run the same command to resume), or this is one shard's "
        + "folder (runner merge joins the shards' folders; the next round runs the next rung)"
    }
    guard let planned = plan?.rows.count, summary.rows.count < planned else {
      return nil
    }
    let complete = summary.rows.count
    return
      "\(complete) of \(planned) trials\(planGrows ? " suggested so far" : "") complete; "
      + "\(planned - complete) not started: the sweep stopped early (its --timeout budget was "
      + "spent, or it was interrupted: re-run the same command to resume), or this is one "
      + "shard's folder (runner merge joins the shards' folders)"
  }
}
