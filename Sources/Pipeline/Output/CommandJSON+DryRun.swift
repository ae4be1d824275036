import Conventions
import Reports

extension CommandJSON {
  /// `runner sweep --dry-run --json`: what the listing shows, as data. The shard's trials (ID,
  /// state, swept values, operations), the counts, the rung, bracket or batch plan, and the
  /// notes the listing prints, the estimated cost, and whether it fits `timeout` (the
  /// `--timeout` budget in seconds, when given); nothing was run.
  public static func dryRun(_ preview: SweepPreview, timeout: Double? = nil) -> JSONValue {
    let trials = preview.trials.map { trial -> JSONValue in
      var state: (name: String, reason: String?) = ("to_run", nil)
      if trial.state == .done { state = ("done", nil) }
      if case .failed(let reason) = trial.state { state = ("failed", reason) }
      return .object([
        ("trial", .string(trial.id)), ("state", .string(state.name)),
        ("reason", .optional(state.reason)),
        (
          "values",
          .object(trial.values.map { ($0.key, JSONValue.field($0.value, column: $0.key)) })
        ),
        ("operations", .optional(trial.flops)),
        ("too_big", trial.tooBig.map(JSONValue.number) ?? .null),
        ("fails_on_data", .optional(trial.failsOnData)),
      ])
    }
    let brackets = preview.brackets.map { bracket -> JSONValue in
      .object([
        ("bracket", .integer(bracket.s)), ("rungs", rungs(bracket.plan, bracket.complete)),
      ])
    }
    let adaptive = preview.rungs != nil || !preview.brackets.isEmpty
    return .object([
      ("command", .string("sweep")), ("status", .string("dry_run")), ("exit_code", .integer(0)),
      ("name", .string(preview.name)), ("directory", .string(preview.directory)),
      ("shard", .string(preview.shard.description)),
      ("trials_in_sweep", .integer(preview.sweepTrials)),
      ("drawn_from_grid", preview.drawnFrom.map(JSONValue.integer) ?? .null),
      ("trials_in_shard", .integer(preview.trials.count)),
      ("to_run", .integer(preview.pending.count)),
      ("operations_at", .string(adaptive ? "largest_budget" : "whole_run")),
      ("trials", .array(trials)),
      ("unit", adaptive ? .string(preview.rungs?.unit ?? preview.unit) : .null),
      ("rungs", preview.rungs.map { rungs($0.plan, $0.complete) } ?? .null),
      ("brackets", brackets.isEmpty ? .null : .array(brackets)),
      ("batches", .optional(preview.batches)),
      ("notes", .array(preview.notes.map(JSONValue.string))),
      ("timeout_seconds", timeout.map(JSONValue.number) ?? .null),
      (
        "estimated_cost",
        preview.cost.map { cost in
          .object([
            ("operations", .number(cost.flops)), ("seconds", .number(cost.seconds)),
            ("rate", .number(cost.rate)), ("measured", .bool(cost.measured)),
            ("fits_timeout", timeout.map { .bool(cost.seconds <= $0) } ?? .null),
          ])
        } ?? .null
      ),
    ])
  }

  /// A rung plan: each rung's trials, budget, units trained and complete trials (null while
  /// its trials are not chosen).
  private static func rungs(_ plan: HalvingRungs, _ complete: [Int?]) -> JSONValue {
    .array(
      zip(plan.rungs, complete).map { rung, done in
        .object([
          ("rung", .integer(rung.index)), ("trials", .integer(rung.trials)),
          ("budget", .integer(rung.budget)), ("trained", .integer(rung.cost)),
          ("complete", done.map(JSONValue.integer) ?? .null),
        ])
      })
  }
}
