extension JSONValue {
  /// A field of the CSV column `column` as JSON: always a string in a column of names or
  /// identifiers (`isTextColumn`: trial `048101224034` keeps its leading zero, `1234567890e1`
  /// stays text), else `field(text)`.
  public static func field(_ text: String, column: String) -> JSONValue {
    !text.isEmpty && isTextColumn(column) ? .string(text) : field(text)
  }

  /// Whether the results column `column` (a CSV header or a key path) holds names or identifiers,
  /// never quantities: `trial`, `status`, `reason`, `stop_reason`, `verdict`, `dtype`, `loss`,
  /// `name`, `run`, `id`, `type` (also as a key path's last part, `model.type`), and any name
  /// ending in `_id`, `commit`, `hash`, `sha256` or `digest`.
  public static func isTextColumn(_ column: String) -> Bool {
    let last = column.split(separator: ".").last.map(String.init) ?? column
    let words: Set = [
      "trial", "status", "reason", "stop_reason", "verdict", "dtype", "loss", "type", "name",
      "run", "id",
    ]
    return words.contains(last)
      || ["_id", "commit", "hash", "sha256", "digest"].contains { last.hasSuffix($0) }
  }

  /// Whether the results column `column` (a CSV header or a key path) holds a seed: `seed`, a
  /// key path ending in `.seed`, or a name ending in `_seed`. A seed is an identifier: compared
  /// exactly, never within a tolerance, and written to JSON as a string.
  public static func isSeed(_ column: String) -> Bool {
    column.split(separator: ".").last.map { $0 == "seed" || $0.hasSuffix("_seed") } ?? false
  }
}
