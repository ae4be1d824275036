import Conventions

/// A fix-it written as a file edit (`min: 13`, `budget: {min: 4, max: 40}`, `eta: 4`) for an
/// error that a `--set` gives is shown as the `--set`s writing the same (tester AX F10): its
/// keys are placed by the schema, in the mapping of the value the error is at or in one above.
extension Diagnostic {
  /// The diagnostic with its fix-it as a command when it is at a `--set path=value` and writes
  /// keys of that path's mapping or of one above it as a file would: `learning_rate: 0.1` is
  /// `--set 'optimizer.learning_rate=0.1'`, `beta1: 0.9, beta2: 0.999` one `--set` each,
  /// `budget: {min: 4, max: 40}` at `--set sweep.budget.min=14`, `min: 13` at
  /// `--set 'sweep.budget={min: 14, max: 40}'` as `--set 'sweep.budget.min=13'`.
  /// A fix-it of several lines, or of keys no mapping there has, stays as it is.
  public var commandLineFixIt: Diagnostic {
    guard case .override(let text)? = location?.source, let fixIt, !text.hasPrefix("~"),
      !fixIt.hasPrefix("--set "), let eq = text.firstIndex(of: "="),
      let path = (try? Override(parsing: text))?.path,
      let command = Self.commandLine(
        fixIt, at: path, written: String(text[..<eq].trimmingSpaces))
    else { return self }
    var d = self
    d.fixIt = command
    return d
  }

  /// The file fix-it `fixIt` as the `--set`s giving the same, for an error at the value of
  /// `path` (as the user `written` it, when known): its keys those of the mapping holding
  /// `path`'s last key, or of the nearest mapping above it, whose keys (by the schema) they all
  /// are; nil for a fix-it of several lines or of keys none of those mappings has.
  static func commandLine(_ fixIt: String, at path: SpecPath, written: String? = nil) -> String? {
    let last = path.lastKey ?? ""
    guard !fixIt.contains("\n"), let pairs = topLevelPairs(fixIt, key: last), !pairs.isEmpty
    else { return nil }
    let components = path.components
    // A mapping set whole (`--set 'sweep.budget={min: 14, max: 40}'`, or `--set 'sweep={…}'`)
    // with a fix-it of the keys of it or of the one mapping below it that has them all.
    let pattern = path.schemaPattern
    let below = Set(
      Schema.keys.map { $0.path }
        .filter { $0.hasPrefix(pattern + ".") && !$0.dropFirst(pattern.count).contains("[]") }
        .map { String($0[..<($0.lastIndex(of: ".") ?? $0.startIndex)]) }
    ).union([pattern]).filter { mapping in
      let keys = Schema.children(of: mapping)
      return !keys.isEmpty && pairs.allSatisfy { keys.contains($0.key) }
    }
    if below.count == 1, let mapping = below.first {
      let inner = mapping.dropFirst(pattern.count)
      let prefix = (written ?? "\(path)") + inner + "."
      return pairs.map { "--set " + "\(prefix)\($0.key)=\($0.value)".singleQuoted }
        .joined(separator: " ")
    }
    for depth in stride(from: components.count, to: 0, by: -1) {
      guard case .key(let key) = components[depth - 1] else { continue }
      let parent = SpecPath(Array(components[..<(depth - 1)]))
      let siblings = Schema.children(of: parent.schemaPattern)
      guard pairs.allSatisfy({ $0.key == key || siblings.contains($0.key) }) else { continue }
      // At the path's own mapping the user's spelling of the path is kept.
      let prefix =
        if depth == components.count, let written, !last.isEmpty, written.hasSuffix(last) {
          String(written.dropLast(last.count))
        } else {
          parent.components.isEmpty ? "" : "\(parent)."
        }
      return pairs.map { "--set " + "\(prefix)\($0.key)=\($0.value)".singleQuoted }
        .joined(separator: " ")
    }
    return nil
  }

  /// `k: v` or `a: x, b: y` as its keys and values, split at commas outside brackets; nil when
  /// a part is not `key` or a plain key followed by `: `.
  static func topLevelPairs(_ text: String, key own: String) -> [(key: String, value: String)]? {
    let parts = TopLevelCommas.split(text)
    var pairs: [(key: String, value: String)] = []
    for part in parts {
      let trimmed = part[...].trimmingSpaces
      guard let colon = trimmed.range(of: ": ") else { return nil }
      let key = String(trimmed[..<colon.lowerBound])
      guard
        key == own || (!key.isEmpty && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" })
      else {
        return nil
      }
      pairs.append((key, String(trimmed[colon.upperBound...])))
    }
    return pairs
  }
}
