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
  /// The widest description in a terminal table, in characters.
  static let tableDescriptionWidth = 40

  /// The listing as text in `format`, showing `columns` (default: `self.columns`) in the
  /// table, CSV and Markdown forms; `root` is the folder listed (named in JSON). The terminal
  /// table leaves out a default column that is empty in every listed row (a `description` no
  /// spec has, a figure every run left empty); the other forms keep every column.
  ///
  /// The table is for reading: its decimals are rounded to 5 significant digits (as
  /// `dvc exp show`; the other forms keep every digit), and given a terminal `width` without
  /// chosen columns, the columns that do not fit are left out and named in a last line.
  public func rendered(
    _ format: ListingFormat, columns chosen: [String]? = nil, root: String = "", width: Int? = nil
  ) throws(ListingError) -> String {
    let (header, rows) = try cells(columns: chosen)
    switch format {
    case .table:
      if runs.isEmpty { return "no runs under \(root.isEmpty ? "this folder" : root)" }
      var shown = header.indices.filter { i in
        chosen != nil || i == 0 || rows.contains { !$0[i].isEmpty }
      }
      let short = rows.map { row in
        row.indices.map { i in
          header[i] == "description" && row[i].count > Self.tableDescriptionWidth
            ? String(row[i].prefix(Self.tableDescriptionWidth - 1)) + "…"
            : Self.readable(row[i])
        }
      }
      var left: [String] = []
      if let width, chosen == nil {
        // Past the width, the figures and parameters go before `when` and `description`.
        let later: Set<String> = ["when", "description"]
        let priority =
          shown.filter { !later.contains(header[$0]) }
          + shown.filter {
            later.contains(header[$0])
          }
        var used = 0
        let fitting = priority.enumerated().prefix { n, i in
          used += (n == 0 ? 0 : 2) + ([header[i]] + short.map { $0[i] }).map(\.count).max()!
          return n == 0 || used <= width
        }.map(\.element)
        left = priority.dropFirst(fitting.count).map { header[$0] }
        shown = shown.filter(fitting.contains)
      }
      let table = TextTable(
        header: shown.map { header[$0] },
        rows: short.map { row in
          shown.map { row[$0] }
        }
      ).rendered()
      guard !left.isEmpty else { return table }
      let names =
        left.count > 4
        ? left.prefix(3).joined(separator: ", ") + ", …"
        : left.joined(
          separator: ", ")
      return table + "\n(\(left.count) more column\(left.count == 1 ? "" : "s") past \(width!) "
        + "characters: \(names); choose them with --columns, or --format csv for all)"
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

  /// A decimal or exponent number as 5 significant digits (`0.99043`, `1.2346e-05`); an integer,
  /// `nan`, `inf` and text as written.
  static func readable(_ cell: String) -> String {
    guard cell.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }),
      let value = Double(cell), value.isFinite
    else { return cell }
    return String(format: "%.5g", value)
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
        ("parameters", .object(run.parameters.map { ($0.name, JSONValue.field($0.text)) })),
        ("metrics", .object(run.metrics.map { ($0.name, JSONValue.field($0.text)) })),
      ])
    }
    return .object([
      ("root", .string(root)), ("columns", .array((header ?? columns).map(JSONValue.string))),
      ("runs", .array(objects)),
    ])
  }
}
