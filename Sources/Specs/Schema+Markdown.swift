/// The key reference of `docs/spec.md`, generated from the schema so the two cannot drift
/// (a test compares them).
extension Schema {
  /// Marks around the generated part of `docs/spec.md`.
  public static let referenceBegin =
    "<!-- BEGIN KEY REFERENCE (generated from Sources/Specs/Schema.swift) -->"
  /// The mark closing the generated key reference in `docs/spec.md`.
  public static let referenceEnd = "<!-- END KEY REFERENCE -->"

  /// One `### \`path\`` section per key, grouped under a `##` heading per top-level section.
  public static func markdownReference() -> String {
    var out = referenceBegin + "\n"
    var section: String?
    for key in keys {
      let top = key.path.prefix { $0 != "." && $0 != "[" }
      let group = topLevel.contains { $0.path == key.path } ? "Top-level keys" : "`\(top)`"
      if group != section {
        out += "\n## \(group)\n"
        section = group
      }
      out += "\n### `\(key.path)`\n\n"
      out += "- Type: \(key.type)\n"
      out += "- Default: \(key.defaultValue)\n"
      out += "- \(key.meaning)\n"
      out += "- Example: `\(key.example)`\n"
    }
    return out + "\n" + referenceEnd + "\n"
  }
}
