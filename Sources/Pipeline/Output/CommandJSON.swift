import Conventions
import Foundation
import Reports
import Specs

/// The JSON objects `--json` prints on `run`, `validate`, `diff` and `sweep` (one object on
/// stdout, diagnostics still on stderr; docs/results.md, "JSON output"). Every object has
/// `command` and `exit_code`; an error adds `error` and, for a spec, `diagnostics`.
public enum CommandJSON {
  /// A command that ended in `error`: `{"command", "status": "error", "exit_code", "error",
  /// "diagnostics"}`.
  public static func failure(
    command: String, exitCode: ExitStatus, message: String, diagnostics: [Diagnostic]?
  ) -> JSONValue {
    .object([
      ("command", .string(command)), ("status", .string("error")),
      ("exit_code", .integer(Int(exitCode.rawValue))), ("error", .string(message)),
      ("diagnostics", .array((diagnostics ?? []).map(\.json))),
    ])
  }

  /// A finished `runner run`. `printed` is every remark the run printed on stderr (its
  /// `RunEvent.note`s, in order) and `specWarnings` the spec's own warnings: those printed are
  /// given as `diagnostics`, the training and data warnings as `warnings`, and every other
  /// remark (a previous run kept in `.history`, leftovers settled, data downloaded) as `notes`.
  public static func run(
    _ outcome: RunOutcome, printed: [String] = [], specWarnings: [Diagnostic] = []
  ) -> JSONValue {
    let remarks = Remarks(printed, specWarnings, warnings: outcome.warnings)
    return .object([
      ("command", .string("run")), ("status", .string("ok")), ("exit_code", .integer(0)),
      ("name", .string(outcome.name)), ("directory", .string(outcome.directory)),
      ("stop_reason", .string(outcome.stopReason)),
      (
        "metrics",
        .object(outcome.figures.map { ($0.name, JSONValue.field($0.value.text, column: $0.name)) })
      ),
      ("verdict", .optional(outcome.verdict)),
      ("files", .array(outcome.files.map(JSONValue.string))),
      ("warnings", .array(outcome.warnings.map(JSONValue.string))),
      ("diagnostics", .array(remarks.diagnostics.map(\.json))),
      ("notes", .array(remarks.notes.map(JSONValue.string))),
    ])
  }

  /// A `runner run` that ended in `error`: `failure`'s object, its diagnostics after the
  /// printed spec warnings, then `directory` and `metrics` (the figures its `summary.csv`
  /// holds) when the run's folder was written anyway (a divergence, `--strict` warnings), else
  /// null, and the `warnings` and `notes` it printed.
  public static func runFailure(
    _ error: PipelineError, printed: [String] = [], specWarnings: [Diagnostic] = []
  ) -> JSONValue {
    var written: (directory: String, warnings: [String])?
    if case .diverged(_, let results, _, _, _) = error { written = (results, []) }
    if case .warnings(let warnings, let results) = error { written = (results, warnings) }
    let remarks = Remarks(printed, specWarnings, warnings: written?.warnings ?? [])
    let figures = written.flatMap {
      ResultsIndex.run(at: URL(fileURLWithPath: $0.directory), name: "")?.metrics
    }
    guard
      case .object(let entries) = failure(
        command: "run", exitCode: error.exitCode, message: error.description,
        diagnostics: remarks.diagnostics + (error.diagnostics ?? []))
    else { return .null }
    return .object(
      entries + [
        ("directory", .optional(written?.directory)),
        (
          "metrics",
          figures.map { .object($0.map { ($0.name, JSONValue.field($0.text, column: $0.name)) }) }
            ?? .null
        ),
        ("warnings", .array((written?.warnings ?? []).map(JSONValue.string))),
        ("notes", .array(remarks.notes.map(JSONValue.string))),
      ])
  }

  /// A run's printed remarks sorted: the spec's warnings among them, and the rest that no
  /// `warning: NAME: …` line of `warnings` already gives.
  private struct Remarks {
    var diagnostics: [Diagnostic] = []
    var notes: [String] = []

    init(_ printed: [String], _ specWarnings: [Diagnostic], warnings: [String]) {
      for text in printed {
        if let diagnostic = specWarnings.first(where: { $0.description == text }) {
          diagnostics.append(diagnostic)
        } else if !warnings.contains(where: {
          text.hasPrefix("warning: ") && text.hasSuffix(": \($0)")
        }) {
          notes.append(text)
        }
      }
    }
  }

  /// A finished (or interrupted) `runner sweep`: counts, the failed trials, the best trial by
  /// the objective (`best`, null when no trial recorded it), successive halving's and
  /// Hyperband's rungs (`rungs`: each rung's planned, complete and run trials; null otherwise),
  /// and every complete trial's row of the sweep's `summary.csv` (`trials`, best first).
  /// `retryCommand`, the command that runs the failed trials again, is `retry_command` when a
  /// trial failed (now or before), as the text output's last line gives it; null otherwise.
  public static func sweep(
    _ outcome: SweepOutcome, exitCode: ExitStatus, retryCommand: String? = nil
  ) -> JSONValue {
    let failedBefore = outcome.preview.trials.compactMap { trial -> JSONValue? in
      guard case .failed(let reason) = trial.state else { return nil }
      return .object([("trial", .string(trial.id)), ("reason", .string(reason))])
    }
    let failedNow = outcome.failed.map {
      JSONValue.object([("trial", .string($0.trial)), ("reason", .string($0.reason))])
    }
    let summary = try? CSVTable(
      contentsOf: SweepLayout(directory: .init(fileURLWithPath: outcome.directory)).summary)
    let rows = (summary?.rows ?? []).map { row in
      JSONValue.object(zip(summary!.header, row).map { ($0, JSONValue.field($1, column: $0)) })
    }
    return .object([
      ("command", .string("sweep")),
      (
        "status",
        .string(
          exitCode == .success
            ? "ok"
            : outcome.spentBudget != nil
              ? "timed_out" : outcome.cancelled ? "interrupted" : "failed")
      ),
      ("exit_code", .integer(Int(exitCode.rawValue))),
      ("timeout_seconds", outcome.spentBudget.map { .number($0) } ?? .null),
      ("name", .string(outcome.preview.name)),
      ("directory", .string(outcome.directory)), ("summary", .string(outcome.summary)),
      ("shard", .string(outcome.preview.shard.description)),
      ("trials_in_sweep", .integer(outcome.preview.sweepTrials)),
      ("trials_in_shard", .integer(outcome.preview.trials.count)),
      ("ran", .integer(outcome.finished.count)), ("skipped", .integer(outcome.skipped)),
      ("not_started", .integer(outcome.notStarted)),
      ("complete_in_folder", .integer(outcome.completeInFolder)),
      ("failed", .array(failedBefore + failedNow)),
      (
        "retry_command",
        (failedBefore + failedNow).isEmpty ? .null : retryCommand.map { .string($0) } ?? .null
      ),
      ("best", outcome.best?.json ?? .null),
      ("rungs", outcome.rungRuns.map { .array($0.map(\.json)) } ?? .null),
      ("trials", .array(rows)),
      ("warnings", .array(outcome.warnings.map(JSONValue.string))),
    ])
  }
}

extension Diagnostic {
  /// `{"severity", "file", "line", "column", "message", "note", "fix_it"}` (`file` null for
  /// an unlocated diagnostic; an override's location gives `override` instead of `file`).
  public var json: JSONValue {
    var entries: [(String, JSONValue)] = [("severity", .string(severity.rawValue))]
    switch location?.source {
    case .file(let path): entries.append(("file", .string(path)))
    case .override(let text): entries.append(("override", .string(text)))
    case nil: entries.append(("file", .null))
    }
    entries += [
      ("line", location.map { .integer($0.line) } ?? .null),
      ("column", location.map { .integer($0.column) } ?? .null),
      ("message", .string(message)), ("note", .optional(note)),
      ("fix_it", .optional(commandLineFixIt.fixIt)),
    ]
    return .object(entries)
  }
}

extension RungRuns {
  /// `{"bracket" (Hyperband; else null), "rung", "planned", "complete", "ran"}`.
  var json: JSONValue {
    .object([
      ("bracket", bracket.map { .integer($0) } ?? .null), ("rung", .integer(rung)),
      ("planned", .integer(planned)), ("complete", .integer(complete)), ("ran", .integer(ran)),
    ])
  }
}
