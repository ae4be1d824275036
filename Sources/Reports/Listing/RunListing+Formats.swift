import Conventions

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
  public func rendered(_ format: ListingFormat, columns chosen: [String]? = nil, root: String = "")
    throws(ListingError) -> String
  {
    let (header, rows) = try cells(columns: chosen)
    switch format {
    case .table:
      if runs.isEmpty { return "no runs under \(root.isEmpty ? "this folder" : root)" }
      let shown = header.indices.filter { i in
        chosen != nil || i == 0 || rows.contains { !$0[i].isEmpty }
      }
      let short = rows.map { row in
        shown.map { i in
          header[i] == "description" && row[i].count > Self.tableDescriptionWidth
            ? String(row[i].prefix(Self.tableDescriptionWidth - 1)) + "…" : row[i]
        }
      }
      return TextTable(header: shown.map { header[$0] }, rows: short).rendered()
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
