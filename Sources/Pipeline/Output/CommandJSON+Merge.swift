import Conventions
import Foundation
import Reports

extension CommandJSON {
  /// A finished `runner merge`: `status` `complete` (every trial run of the sweep is there,
  /// exit 0), `failed` (every trial is there and some failed, listed in `failed`, exit 1, as
  /// `runner sweep` exits for them), `more_rounds` (this round is complete and the sweep needs `rounds_left` more
  /// rounds of the shards, exit 0) or `missing` (trials of this round are missing, exit 1),
  /// the counts, the missing trials and the shards that run them, the rungs or batches, the next round's commands (with the
  /// copy each named shard makes first, null for the shard whose folder was merged into), the
  /// name a copy of the folder must have for the next round to read it, the best trial, and the
  /// warnings (without `warning: `) and other notes printed on stderr.
  public static func merge(_ outcome: MergeOutcome, exitCode: ExitStatus) -> JSONValue {
    // Printed on stderr alike; apart here, as `runner sweep --json` gives them.
    let warning = "warning: "
    let warnings = outcome.notes.filter { $0.hasPrefix(warning) }
    let notes = outcome.notes.filter { !$0.hasPrefix(warning) }
    let status =
      !outcome.missing.isEmpty
      ? "missing"
      : outcome.roundsLeft > 0 ? "more_rounds" : outcome.failed.isEmpty ? "complete" : "failed"
    let next: JSONValue =
      outcome.roundsLeft > 0 && outcome.roundCommands.count >= 2
      ? .object([
        ("copy", .string(outcome.copyCommand)),
        ("shard_copies", .array(outcome.shardCopies.map { JSONValue.optional($0) })),
        ("shard_commands", .array(outcome.roundCommands.dropLast().map(JSONValue.string))),
        ("finish_command", .string(outcome.roundCommands.last!)),
      ]) : .null
    let batches: JSONValue =
      outcome.batches.map {
        .object([
          ("count", .integer($0.count)),
          ("partly_run", .array($0.partlyRun.map(JSONValue.integer))),
          ("not_started", .array($0.notStarted.map(JSONValue.integer))),
        ])
      } ?? .null
    return .object([
      ("command", .string("merge")), ("status", .string(status)),
      ("exit_code", .integer(Int(exitCode.rawValue))),
      ("directory", .string(outcome.directory)), ("copy_name", .optional(outcome.copyName)),
      ("planned", .integer(outcome.planned)), ("copied", .integer(outcome.copied)),
      ("complete", .integer(outcome.complete)),
      ("missing", .array(outcome.missing.map(JSONValue.string))),
      (
        "missing_shards",
        .array(
          outcome.missingShards.map {
            .object([
              ("shard", .string($0.shard)), ("folder", .optional($0.folder)),
              ("command", .string($0.command)),
            ])
          })
      ),
      (
        "failed",
        .array(
          outcome.failed.map {
            .object([("trial", .string($0.trial)), ("reason", .string($0.reason))])
          })
      ),
      ("rounds_left", .integer(outcome.roundsLeft)), ("next_round", next),
      ("rungs", outcome.rungRuns.map { .array($0.map(\.json)) } ?? .null),
      ("batches", batches), ("best", outcome.best?.json ?? .null),
      ("warnings", .array(warnings.map { JSONValue.string(String($0.dropFirst(warning.count))) })),
      ("notes", .array(notes.map(JSONValue.string))),
    ])
  }
}
