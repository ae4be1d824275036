import Conventions

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

  /// Renders one diagnostic (no trailing newline); a fix-it at a `--set` as a `--set` command,
  /// whichever check made it.
  public func render(_ diagnostic: Diagnostic) -> String {
    let diagnostic = diagnostic.commandLineFixIt
    var out = diagnostic.location.map { paint("\($0):", .bold) + " " } ?? ""
    out += paint("\(diagnostic.severity.rawValue):", style(for: diagnostic.severity)) + " "
    out += paint(Self.visible(diagnostic.message, keepingLines: true), .bold)
    if let snippet = diagnostic.location.flatMap(snippet) { out += "\n" + snippet }
    let extras = [("note:", Style.cyan, diagnostic.note), ("fix-it:", .green, diagnostic.fixIt)]
    for case (let label, let style, let text?) in extras {
      out += "\n" + paint(label, style) + " " + Self.visible(text, keepingLines: true)
    }
    return out
  }

  private func snippet(_ location: SourceLocation) -> String? {
    let (gutter, whole): (String, String)
    switch location.source {
    case .file:
      guard let lineText = location.lineText else { return nil }
      (gutter, whole) = (String(location.line), lineText)
    case .override(let argument): (gutter, whole) = ("--set", argument)
    }
    let pad = String(repeating: " ", count: gutter.count)
    // The caret goes under the column'th Unicode scalar, as many cells in as the text before
    // it takes on a terminal (`displayWidth`: a CJK character two, a combining mark none);
    // tabs are kept so it lines up.
    let (text, before) = Self.clip(whole, around: max(0, location.column - 1))
    let shown = Self.visible(String(String.UnicodeScalarView(text.unicodeScalars.prefix(before))))
    let caretLine =
      shown.map { $0 == "\t" ? "\t" : String(repeating: " ", count: $0.displayWidth) }.joined()
      + String(repeating: " ", count: max(0, before - text.unicodeScalars.count))
    return "  \(gutter) | \(Self.visible(text))\n  \(pad) | \(caretLine)" + paint("^", .green)
  }

  /// The most characters of a source line shown: a longer line is cut to a window around the
  /// column, `…` marking each cut (as clang and rustc do).
  static let window = 120

  /// `text` cut to `window` Unicode scalars around the scalar offset `column`, and that
  /// offset in the cut text.
  static func clip(_ text: String, around column: Int) -> (text: String, column: Int) {
    let scalars = Array(text.unicodeScalars)
    guard scalars.count > window else { return (text, column) }
    let end = min(scalars.count, max(column + window / 2, window))
    let start = end - window
    let head = start > 0 ? "…" : ""
    let tail = end < scalars.count ? "…" : ""
    let kept = String(String.UnicodeScalarView(scalars[start..<end]))
    return (head + kept + tail, column - start + head.unicodeScalars.count)
  }

  /// The text with control and bidirectional-override characters escaped (`\u{1B}`), so that a
  /// hostile spec's value cannot drive the terminal; line breaks are kept in messages only.
  static func visible(_ text: String, keepingLines: Bool = false) -> String {
    func hidden(_ c: Unicode.Scalar) -> Bool {
      (c.value < 0x20 && c != "\t" && !(keepingLines && c == "\n"))
        || (0x7F...0x9F).contains(c.value) || (0x202A...0x202E).contains(c.value)
        || (0x2066...0x2069).contains(c.value)
    }
    guard text.unicodeScalars.contains(where: hidden) else { return text }
    return text.unicodeScalars.map {
      hidden($0) ? "\\u{\(String($0.value, radix: 16, uppercase: true))}" : String($0)
    }.joined()
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
