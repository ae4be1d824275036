import Conventions
import Foundation

/// How `runner ls` prints its rows.
public enum ListingFormat: String, Sendable, Equatable, CaseIterable {
  /// Aligned columns for the terminal (long descriptions shortened).
  case table
  /// RFC 4180 CSV, the header first.
  case csv
  /// One JSON object: `{"root": …, "columns": […], "runs": [{…}, …]}` (docs/results.md).
  case json
  /// A GitHub-flavoured Markdown table (e.g. for `$GITHUB_STEP_SUMMARY`).
  case markdown

  /// Parses `--format`.
  public init(parsing text: String) throws(ListingError) {
    guard
      let format = ListingFormat(rawValue: text.lowercased()) ?? (text == "md" ? .markdown : nil)
    else { throw .unknownFormat(text) }
    self = format
  }
}

extension RunListing {
  /// The listing as text in `format`, showing `columns` (default: `self.columns`) in the
  /// table, CSV and Markdown forms; `root` is the folder listed (named in JSON). The terminal
  /// table leaves out a default column that is empty in every listed row (a `description` no
  /// spec has, a figure every run left empty); the other forms keep every column.
  ///
  /// The table is for reading: its decimals are rounded to 5 significant digits (as
  /// `dvc exp show`; the other forms keep every digit), and given a terminal `width`, a name
  /// past half the width is shortened in its middle and the columns that do not fit are left
  /// out and named in a last line (`--wide` for all): of chosen columns the last ones; else the
  /// columns `kept` (those `--where` and `--sort` name), and a sweep's differing parameters
  /// when only its trials are listed, are left out last. Widths are terminal cells
  /// (`displayWidth`).
  public func rendered(
    _ format: ListingFormat, columns chosen: [String]? = nil, root: String = "", width: Int? = nil,
    keeping kept: [String] = []
  ) throws(ListingError) -> String {
    let (header, rows) = try cells(columns: chosen)
    switch format {
    case .table:
      if runs.isEmpty { return "no runs under \(root.isEmpty ? "this folder" : root)" }
      // A folder named by hand, a description or a parameter with a line break or a tab in it
      // would break its row: in every column, control characters escaped (`new\x0Aline`) as
      // bytes that are not UTF-8 are (`caf\xE9`).
      let rows = rows.map { row in row.map { ByteText.shown(Array($0.utf8)) } }
      var shown = header.indices.filter { i in
        chosen != nil || i == 0 || rows.contains { !$0[i].isEmpty }
      }
      // Fitting a width, a name longer than half of it keeps its start and end (`docker ps`
      // shortens so; --wide, CSV and JSON hold it whole), as much as tells the names apart.
      let names = header.firstIndex(of: "name").map { i in rows.map { $0[i] } } ?? []
      let nameWidth = width.map { TerminalTable.telling(names, from: max(24, $0 / 2)) }
      let short = rows.map { row in
        row.indices.map { i in
          switch header[i] {
          case "description": TerminalTable.shortened(row[i])
          case "name": nameWidth.map { TerminalTable.shortened(row[i], middle: $0) } ?? row[i]
          default: TerminalTable.readable(row[i])
          }
        }
      }
      var left: [String] = []
      if let width, chosen != nil {
        // Chosen columns keep the order asked; those past the width are the last ones.
        let fit = TerminalTable.fit(shown, width: width) { i in [header[i]] + short.map { $0[i] } }
        left = fit.left.map { header[$0] }
        shown = fit.fitting
      } else if let width {
        // Past the width, the name and the columns filtered or sorted by go first (with a
        // sweep's trials: their status, bracket, rung and budget, then the objective, then the
        // swept keys that tell them apart), then the other figures and parameters (a derived
        // `seed`), then `when` and `description`.
        let later: Set<String> = ["when", "description"]
        let swept = Set(runs.flatMap(\.sweptKeys))
        let axes = parameterColumns.filter { c in
          swept.isEmpty
            || swept.contains { c == $0 || c.hasPrefix($0 + ".") || c.hasPrefix($0 + "[") }
        }
        let trials = runs.allSatisfy(\.kind.isTrial)
        let first = Set(kept + (trials ? ["status"] + Self.budgetColumns : []))
        let objectives = Set(runs.compactMap(\.objective))
        let sweptColumns = Set(trials ? axes : [])
        let rank = { (i: Int) in
          i == 0
            ? 0
            : first.contains(header[i])
              ? 1
              : objectives.contains(header[i])
                ? 2 : sweptColumns.contains(header[i]) ? 3 : later.contains(header[i]) ? 5 : 4
        }
        let priority = shown.enumerated().sorted { (rank($0.1), $0.0) < (rank($1.1), $1.0) }
          .map(\.1)
        let fit = TerminalTable.fit(priority, width: width) { i in [header[i]] + short.map { $0[i] }
        }
        left = fit.left.map { header[$0] }
        shown = shown.filter(fit.fitting.contains)
      }
      let table = TextTable(
        header: shown.map { header[$0] },
        rows: short.map { row in
          shown.map { row[$0] }
        }
      ).rendered()
      guard let width, !left.isEmpty else { return table }
      let hint =
        chosen == nil
        ? "choose them with --columns, or --wide for all"
        : "choose fewer with --columns, or --wide for all"
      return table + "\n" + TerminalTable.note(left: left, width: width, hint: hint)
    case .csv:
      var table = CSVTable(trusted: header)
      for row in rows { table.append(trusted: row.map(CSVCell.text)) }
      return table.rendered
    case .markdown:
      let escape = { (text: String) in
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
      }
      var lines = ["| " + header.map(escape).joined(separator: " | ") + " |"]
      lines.append("|" + String(repeating: "---|", count: header.count))
      lines += rows.map { "| " + $0.map(escape).joined(separator: " | ") + " |" }
      return lines.joined(separator: "\n")
    case .json:
      return json(root: root, header: header).rendered
    }
  }

  /// The JSON form: the root, the shown columns, and every run with all its parameters and
  /// figures (numbers as JSON numbers, empty fields as null).
  public func json(root: String, header: [String]? = nil) -> JSONValue {
    let objects = runs.map { run -> JSONValue in
      .object([
        ("name", .string(run.name)), ("kind", .string(run.kind.rawValue)),
        ("path", .string(run.path)), ("when", .optional(run.when.isEmpty ? nil : run.when)),
        ("status", .optional(run.status.isEmpty ? nil : run.status)),
        ("description", .string(run.description)),
        ("parameters", .object(run.parameters.map { ($0.name, $0.json) })),
        ("metrics", .object(run.metrics.map { ($0.name, $0.json) })),
      ])
    }
    return .object([
      ("root", .string(root)), ("columns", .array((header ?? columns).map(JSONValue.string))),
      ("runs", .array(objects)),
    ])
  }
}
