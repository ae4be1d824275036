/// Renders diagnostics the way compilers do:
///
///     experiments/iris.yaml:7:18: error: learning_rate must be > 0 (got -0.1)
///       7 |   learning_rate: -0.1
///         |                  ^
///
/// Colour (ANSI) is off unless asked for; the command line decides (terminal, `NO_COLOR`).
public struct DiagnosticRenderer: Sendable {
  /// Wrap locations, severities and messages in ANSI colour and bold escapes.
  public var color: Bool

  /// A renderer, plain text unless `color` is true.
  public init(color: Bool = false) {
    self.color = color
  }

  /// Renders several diagnostics, one after another, each ending in a newline.
  public func render(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.map { render($0) + "\n" }.joined()
  }

  /// Renders one diagnostic (no trailing newline).
  public func render(_ diagnostic: Diagnostic) -> String {
    var out = ""
    if let location = diagnostic.location {
      out += paint("\(location):", .bold) + " "
    }
    out += paint("\(diagnostic.severity.rawValue):", style(for: diagnostic.severity)) + " "
    out += paint(diagnostic.message, .bold)
    if let location = diagnostic.location, let snippet = snippet(location) {
      out += "\n" + snippet
    }
    if let note = diagnostic.note {
      out += "\n" + paint("note:", .cyan) + " " + note
    }
    if let fixIt = diagnostic.fixIt {
      out += "\n" + paint("fix-it:", .green) + " " + fixIt
    }
    return out
  }

  private func snippet(_ location: SourceLocation) -> String? {
    let gutter: String
    let text: String
    switch location.source {
    case .file:
      guard let lineText = location.lineText else { return nil }
      gutter = String(location.line)
      text = lineText
    case .override(let argument):
      gutter = "--set"
      text = argument
    }
    let pad = String(repeating: " ", count: gutter.count)
    // The caret goes under the column'th Unicode scalar; tabs are kept so it lines up.
    let before = max(0, location.column - 1)
    let caretLine =
      text.unicodeScalars.prefix(before).map { $0 == "\t" ? "\t" : " " }.joined()
      + String(repeating: " ", count: max(0, before - text.unicodeScalars.count))
    return "  \(gutter) | \(text)\n  \(pad) | \(caretLine)" + paint("^", .green)
  }

  private enum Style: String {
    case bold = "1"
    case red = "1;31"
    case magenta = "1;35"
    case cyan = "1;36"
    case green = "1;32"
  }

  private func style(for severity: Severity) -> Style {
    switch severity {
    case .error: .red
    case .warning: .magenta
    case .note: .cyan
    }
  }

  private func paint(_ text: String, _ style: Style) -> String {
    color ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
  }
}
