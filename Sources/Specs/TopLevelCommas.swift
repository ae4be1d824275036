/// Text split at its commas outside brackets, as a YAML flow list or a function's arguments are.
enum TopLevelCommas {
  /// The parts of `text` between its commas at nesting depth 0 (`opening` and `closing` nest):
  /// `a, [b, c]` → `a`, ` [b, c]`; one part (`text` itself) when there is no such comma.
  static func split(_ text: String, opening: String = "[{", closing: String = "]}") -> [String] {
    var parts: [String] = []
    var depth = 0
    var current = ""
    for c in text {
      if opening.contains(c) { depth += 1 }
      if closing.contains(c) { depth -= 1 }
      if c == ",", depth == 0 {
        parts.append(current)
        current = ""
      } else {
        current.append(c)
      }
    }
    parts.append(current)
    return parts
  }
}
