import Conventions
import Foundation

extension TableDiff.CellChange {
  /// new − old as text, `-` when either cell is not a number.
  /// Two whole numbers give their exact difference (`1` between two 64-bit integers a double
  /// holds as one); a seed column gives `-` (a seed's difference means nothing).
  public var delta: String {
    if JSONValue.isSeed(column) { return "-" }
    if let difference = exactDifference { return String(difference) }
    guard let (a, b) = numbers else { return "-" }
    return TableDiff.CellChange.short(b - a)
  }

  /// new − old, exactly, when both cells are whole numbers.
  var exactDifference: Int128? {
    guard let a = CSVCell.integer(from: old), let b = CSVCell.integer(from: new) else { return nil }
    return b.subtractingReportingOverflow(a).overflow ? nil : b - a
  }

  /// (new − old) / |old| as text, `-` when either cell is not a number or in a seed column.
  public var relativeDelta: String {
    if JSONValue.isSeed(column) { return "-" }
    if let difference = exactDifference, let a = CSVCell.integer(from: old) {
      if a == 0 { return "inf" }
      return TableDiff.CellChange.short(Double(difference) / Double(a.magnitude))
    }
    guard let (a, b) = numbers else { return "-" }
    if a == 0 { return b == 0 ? "0" : "inf" }
    return TableDiff.CellChange.short((b - a) / abs(a))
  }

  /// The old and new cells for the terminal: numbers to 5 significant digits and long text
  /// shortened (`TerminalTable`; `--json` keeps every character), unless that would show them
  /// equal.
  var shown: [String] {
    let readable = [old, new].map(TerminalTable.readable)
    let short = readable.map { TerminalTable.shortened($0).visible }
    // `1.0` and `1` spell one number: every digit is shown then (`1.0` -> `1.00000001`).
    let alike =
      short[0] == short[1]
      || CSVCell.number(from: short[0]).map { $0 == CSVCell.number(from: short[1]) } == true
    guard alike else { return short }
    // Long texts with one start (`… from 10 to 20` and `… from 12 to 24`): each around the first
    // difference, so one cell does not widen the whole table.
    if readable[0] != readable[1],
      readable.contains(where: { $0.count > TerminalTable.descriptionWidth })
    {
      return TerminalTable.aroundDifference(readable[0], readable[1]).map(\.visible)
    }
    return [old.visible, new.visible]
  }

  /// Whether the terminal shows a cell shorter than the file holds it.
  var isShortened: Bool {
    zip(shown, [old.visible, new.visible]).contains {
      $0 != $1 && ($0.hasPrefix("…") || $0.hasSuffix("…"))
    }
  }

  private var numbers: (Double, Double)? {
    guard let a = CSVCell.number(from: old), let b = CSVCell.number(from: new) else { return nil }
    return (a, b)
  }

  private static func short(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    return String(format: "%.4g", value)
  }
}

extension TableDiff {
  /// A readable account of this file's differences (no trailing newline), the rows and
  /// columns of one side only named by `sides`.
  public func rendered(maxListedChanges: Int = 50, sides: DiffSides = .letters) -> String {
    let columns = keyColumns.joined(separator: ", ")
    let key =
      keyColumns.isEmpty
      ? "rows by position"
      : pairedBySweptValues ? "key: swept values (\(columns))" : "key: \(columns)"
    let name = nameInB == self.name ? self.name : "\(self.name) vs \(nameInB)"
    let improved = improvements.map {
      "  improved: \($0.row), \($0.column) \($0.shown[0]) -> \($0.shown[1]) "
        + "(delta \($0.delta), relative \($0.relativeDelta))"
    }
    guard differs else {
      let same = "\(name): same (\(matchedRows) row\(matchedRows == 1 ? "" : "s"), \(key))"
      return
        ([
          improved.isEmpty ? same : same.replacingOccurrences(of: ": same", with: ": no regression")
        ]
        + improved).joined(separator: "\n")
    }
    let count =
      changes.count + missingRows.count + newRows.count + removedColumns.count + addedColumns.count
    var lines = [
      "\(name): \(count) difference\(count == 1 ? "" : "s") (\(matchedRows) matched rows, \(key))"
    ]
    if !changes.isEmpty {
      let listed = changes.prefix(max(0, maxListedChanges))
      let table = TextTable(
        header: ["row", "column", "old", "new", "delta", "relative"],
        rows: listed.map {
          [$0.row, $0.column] + $0.shown + [$0.delta, $0.relativeDelta]
        })
      lines.append(table.rendered(indent: "  "))
      if changes.count > listed.count {
        lines.append("  … and \(changes.count - listed.count) more changed cells")
      }
      if listed.contains(where: \.isShortened) {
        lines.append("  (long text shortened at …: the files and --json hold every character)")
      }
    }
    lines += improved
    // As many rows as changed cells (`--max-changes`), then a count.
    for (rows, kind, side) in [(missingRows, "missing", sides.a), (newRows, "new", sides.b)] {
      let listed = rows.prefix(max(0, maxListedChanges))
      lines += listed.map { "  \(kind) row: \($0) (only in \(side))" }
      if rows.count > listed.count {
        lines.append("  … and \(rows.count - listed.count) more \(kind) rows (only in \(side))")
      }
    }
    lines += removedColumns.map { "  removed column: \($0) (only in \(sides.a))" }
    lines += addedColumns.map { "  new column: \($0) (only in \(sides.b))" }
    return lines.joined(separator: "\n")
  }
}

extension ResultsDiff {
  /// The report printed by `runner diff`: one block per file, then a one-line result.
  public var rendered: String {
    var lines: [String] = []
    if let pairing { lines += Self.pairingLines(pairing, folder: "") }
    for sweep in pairedBelow { lines += Self.pairingLines(sweep.pairing, folder: sweep.folder) }
    if files.contains(where: \.derivedSeedLeftOut) {
      lines.append(
        "seed: derived from each trial's ID, so it differs between versions; not compared")
    }
    for (side, folders) in [("A", earlierBelowA), ("B", earlierBelowB)] where !folders.isEmpty {
      lines.append(
        Self.earlierLine(side, folders, of: "of \(folders.count == 1 ? "its" : "their") sweep "))
    }
    lines += nestedLines
    for (side, manifests) in [("A", gateManifestsOnlyInA), ("B", gateManifestsOnlyInB)] {
      lines += manifests.map {
        "\($0): the regression gate's manifest, only in \(side): not a result, not compared"
      }
    }
    // What the runs were made from, before any figure (after the pairing, which names trials).
    lines += causes
    lines += files.map { $0.rendered(maxListedChanges: options.maxListedChanges) }
    lines += notCompared.map(\.line)
    lines += onlyInA.map { "\($0): only in A (missing in B)" }
    lines += onlyInB.map { "\($0): only in B (new file)" }
    let tolerances =
      "atol \(CSVCell.format(options.absoluteTolerance)), rtol \(CSVCell.format(options.relativeTolerance))"
      + options.columnTolerances.keys.sorted().map {
        ", \($0) rtol \(CSVCell.format(options.columnTolerances[$0]!))"
      }
      .joined()
      + options.better.keys.sorted().map { ", \($0) \(options.better[$0]!.rawValue) is better" }
      .joined()
    // Files on one side only are counted apart: they differ by being missing, not in content.
    let differing = files.filter(\.differs).count
    let oneSided = [(onlyInA.count, "only in A"), (onlyInB.count, "only in B")]
      .filter { $0.0 > 0 }.map { ", \($0.0) \($0.1)" }.joined()
    let counted =
      oneSided.isEmpty
      ? "\(differing) of \(files.count) files differ"
      : "\(differing) of \(files.count) file\(files.count == 1 ? "" : "s") in both differ\(oneSided)"
    let improvements = files.map(\.improvements.count).reduce(0, +)
    let verdict =
      improvements > 0
      ? "no regression: \(improvements) improvement\(improvements == 1 ? "" : "s") "
        + "and nothing else beyond tolerance in \(files.count) file\(files.count == 1 ? "" : "s")"
      : "same within tolerance: \(files.count) file\(files.count == 1 ? "" : "s")"
    let keys = Set(specChanges.map(\.key)).count
    let specs = keys == 0 ? "" : "the specs differ in \(keys) key\(keys == 1 ? "" : "s"), "
    lines.append(
      differs
        ? "different: \(specs)\(counted) (\(tolerances))"
        : "\(verdict) (\(tolerances))"
    )
    return lines.joined(separator: "\n") + "\n"
  }

  /// How the trials of the sweep in `folder` (A's and B's own: empty) were paired: the cause,
  /// the trials of one side only (removed, added) with their swept values, and the trial
  /// folders of an earlier version left out, the sides named by `sides`.
  public static func pairingLines(
    _ pairing: SweepPairing, folder: String, sides: DiffSides = .letters
  ) -> [String] {
    let count = pairing.trials.count
    // The same IDs in both: the spec is the same but for the swept values of the others.
    let cause =
      count == 0
      ? "the plans share no swept values"
      : pairing.trials.allSatisfy({ $0.key == $0.value })
        ? "the plans differ in their swept values only (the trials in both keep their IDs)"
        : "trial IDs differ (the spec changed besides the swept keys)"
    let place = folder.isEmpty ? "" : "\(folder): "
    var lines = [
      "\(place)\(cause): \(count) trial\(count == 1 ? "" : "s") of \(sides.a) paired with "
        + "\(sides.bOwn) by swept values (\(pairing.axes.joined(separator: ", ")))"
    ]
    let oneSided = [
      (pairing.removed, "removed", sides.aOwn, sides.b),
      (pairing.added, "added", sides.bOwn, sides.a),
    ]
    for (trials, kind, own, other) in oneSided where !trials.isEmpty {
      lines.append(
        "\(place)\(trials.count) trial\(trials.count == 1 ? "" : "s") \(kind) (only in \(own) "
          + "plan: no trial of the same swept values in \(other)):")
      lines += trials.prefix(10).map { trial in
        "  \(trial.trial): "
          + zip(pairing.axes, trial.values).map { "\($0)=\($1.visible)" }.joined(separator: ", ")
      }
      if trials.count > 10 { lines.append("  … and \(trials.count - 10) more") }
    }
    for (side, folders) in [(sides.a, pairing.earlierInA), (sides.b, pairing.earlierInB)]
    where !folders.isEmpty {
      lines.append(
        earlierLine(
          side, folders.map { folder.isEmpty ? $0 : folder + "/" + $0 },
          of: folder.isEmpty ? "" : "of \(folder) "))
    }
    return lines
  }

  /// The line counting the trial folders of an earlier version of a sweep that `side` (A or B)
  /// holds and that are not compared, the first three `paths` named, `whose` saying whose
  /// version (`of sw `, `of its sweep `, or empty for the sweep compared itself): `A: 2 trial
  /// folders of an earlier version of sw (not in its plan.csv) not compared: sw/1c13…, sw/a07d…`.
  static func earlierLine(_ side: String, _ paths: [String], of whose: String) -> String {
    "\(side): \(paths.count) trial folder\(paths.count == 1 ? "" : "s") of an earlier version "
      + "\(whose)(not in its plan.csv) not compared: "
      + paths.prefix(3).joined(separator: ", ") + (paths.count > 3 ? ", …" : "")
  }

  /// The first lines of the report: what the runs were made from, when that differs (the
  /// resolved specs' changed keys, the data records that differ), before any figure.
  public var causes: [String] {
    var lines: [String] = []
    if !specChanges.isEmpty {
      let keys = Set(specChanges.map(\.key)).count
      // A sweep's own seed is recorded in its `sweep.csv`, every other key in resolved specs.
      let records = [
        specChanges.contains { !$0.isSweepSeed } ? ResultsFile.resolvedSpec : nil,
        specChanges.contains(where: \.isSweepSeed) ? ResultsFile.sweepSettings : nil,
      ].compactMap { $0 }
      lines.append(
        "spec differs: \(keys) key\(keys == 1 ? "" : "s") of \(records.joined(separator: " and ")) "
          + "(the runs were made from different specs)")
      for change in specChanges.prefix(max(0, options.maxListedChanges)) {
        let place =
          change.isSweepSeed
          ? " (\(change.files.joined(separator: ", ")))"
          : comparedSpecs == 1
            ? ""
            : change.files.count == 1
              ? " (\(change.files[0]))"
              : " (in \(change.files.count) of \(comparedSpecs) resolved specs)"
        lines.append("  \(change.summary)\(place)")
      }
      if specChanges.count > options.maxListedChanges {
        lines.append("  … and \(specChanges.count - options.maxListedChanges) more changed keys")
      }
    }
    let data = dataChanges
    if !data.isEmpty {
      lines.append(
        "data differs: \(data.joined(separator: ", ")) record\(data.count == 1 ? "s" : "") "
          + "other data files or digests (the runs read different data; below)")
    }
    let renamed = renamedData
    if !renamed.isEmpty {
      lines.append(
        "data renamed: \(renamed.joined(separator: ", ")) record\(renamed.count == 1 ? "s" : "") "
          + "the same content under another file name (the SHA-256 digests agree: the runs "
          + "read the same data; below)")
    }
    return lines
  }
}

extension String {
  /// The text with an empty field shown as `(empty)` and line breaks escaped, for one-line tables.
  var visible: String { isEmpty ? "(empty)" : oneLine }
}
