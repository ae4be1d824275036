import Conventions

extension TableDiff.CellChange {
  /// `{"row", "column", "old", "new", "delta"}` (delta = new − old, exact between whole
  /// numbers, null unless both are finite numbers). A non-finite cell is the string the CSV writes (`"nan"`, `"inf"`,
  /// `"-inf"`): JSON has no such number, and `null` stands for an empty cell.
  var json: JSONValue {
    let finite = { (text: String) in CSVCell.number(from: text).flatMap { $0.isFinite ? $0 : nil } }
    let delta = finite(new).flatMap { b in finite(old).map { b - $0 } }
    return .object([
      ("row", .string(row)), ("column", .string(column)), ("old", Self.field(old, column)),
      ("new", Self.field(new, column)),
      ("delta", exactDifference.map { .field(String($0)) } ?? .optional(delta)),
    ])
  }

  /// A cell as JSON (`JSONValue.field`), a non-finite number as its CSV text.
  private static func field(_ text: String, _ column: String) -> JSONValue {
    guard let number = CSVCell.number(from: text), !number.isFinite else {
      return .field(text, column: column)
    }
    return .string(CSVCell.format(number))
  }
}

extension TableDiff {
  /// One file's comparison as JSON (docs/results.md, "JSON output").
  public var json: JSONValue {
    .object([
      ("file", .string(name)), ("file_b", .string(nameInB)), ("differs", .bool(differs)),
      ("key_columns", .array(keyColumns.map(JSONValue.string))),
      (
        "key",
        .string(pairedBySweptValues ? "swept_values" : keyColumns.isEmpty ? "position" : "columns")
      ),
      ("derived_seed_left_out", .bool(derivedSeedLeftOut)),
      ("matched_rows", .integer(matchedRows)),
      ("changes", .array(changes.map(\.json))),
      ("improvements", .array(improvements.map(\.json))),
      ("missing_rows", .array(missingRows.map(JSONValue.string))),
      ("new_rows", .array(newRows.map(JSONValue.string))),
      ("removed_columns", .array(removedColumns.map(JSONValue.string))),
      ("added_columns", .array(addedColumns.map(JSONValue.string))),
    ])
  }
}

extension DiffCommandResult {
  /// What `runner diff --json` prints: the verdict (`same`, `improved`, `different` or
  /// `trouble`), the exit code, the options' tolerances, and per file its changes.
  public var json: JSONValue {
    var entries: [(String, JSONValue)] = [
      ("command", .string("diff")), ("a", .string(a)), ("b", .string(b)),
      ("verdict", .string(verdict)), ("exit_code", .integer(Int(status.rawValue))),
    ]
    if let diff {
      let options = diff.options
      entries += [
        ("atol", .number(options.absoluteTolerance)), ("rtol", .number(options.relativeTolerance)),
        (
          "column_tolerances",
          .object(
            options.columnTolerances.keys.sorted().map {
              ($0, .number(options.columnTolerances[$0]!))
            })
        ),
        (
          "better",
          .object(options.better.keys.sorted().map { ($0, .string(options.better[$0]!.rawValue)) })
        ),
        (
          "paired_trials",
          diff.pairing.map(\.json) ?? .null
        ),
        (
          "paired_sweeps",
          .object(diff.pairedBelow.map { ($0.folder, $0.pairing.json) })
        ),
        ("spec_changes", .array(diff.specChanges.map(\.json))),
        ("data_changes", .array(diff.dataChanges.map(JSONValue.string))),
        ("data_renamed", .array(diff.renamedData.map(JSONValue.string))),
        ("files", .array(diff.files.map(\.json))),
        ("not_compared", .array(diff.notCompared.map(\.json))),
        ("only_in_a", .array(diff.onlyInA.map(JSONValue.string))),
        ("only_in_b", .array(diff.onlyInB.map(JSONValue.string))),
        ("gate_manifests_only_in_a", .array(diff.gateManifestsOnlyInA.map(JSONValue.string))),
        ("gate_manifests_only_in_b", .array(diff.gateManifestsOnlyInB.map(JSONValue.string))),
        ("a_inside_b", .optional(diff.aInsideB)), ("b_inside_a", .optional(diff.bInsideA)),
      ]
    }
    if let origins { entries += origins.json }
    if !error.isEmpty { entries.append(("error", .string(error))) }
    return .object(entries)
  }

  /// `same`, `improved` (only one-sided columns changed, for the better), `different` or
  /// `trouble`.
  public var verdict: String {
    guard let diff else { return "trouble" }
    if diff.differs { return "different" }
    return diff.files.contains { !$0.improvements.isEmpty } ? "improved" : "same"
  }
}

extension SweepPairing {
  /// `{"swept_keys", "trials" (A's ID → B's), "removed", "added" (each `{"trial", "values"}`),
  /// "earlier_in_a", "earlier_in_b"}`.
  var json: JSONValue {
    let unpaired = { (trials: [Unpaired]) in
      JSONValue.array(
        trials.map { trial in
          .object([
            ("trial", .string(trial.trial)),
            (
              "values",
              .object(zip(axes, trial.values).map { ($0, JSONValue.field($1, column: $0)) })
            ),
          ])
        })
    }
    return .object([
      ("swept_keys", .array(axes.map(JSONValue.string))),
      ("trials", .object(trials.keys.sorted().map { ($0, .string(trials[$0]!)) })),
      ("removed", unpaired(removed)), ("added", unpaired(added)),
      ("earlier_in_a", .array(earlierInA.map(JSONValue.string))),
      ("earlier_in_b", .array(earlierInB.map(JSONValue.string))),
    ])
  }
}
