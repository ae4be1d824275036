/// How serious a diagnostic is.
public enum Severity: String, Sendable, Hashable {
  case error, warning, note
}

/// Where a diagnostic points: a line and column in a spec file, or a position inside a
/// command-line `--set` override.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
  /// What the location refers to.
  public enum Source: Sendable, Hashable {
    /// A file, by the path the user gave.
    case file(String)
    /// A `--set key=value` argument (its full text, without `--set`).
    case override(String)
  }

  /// The spec file or `--set` argument the line and column refer to.
  public var source: Source
  /// Line number, starting at 1 (always 1 for an override).
  public var line: Int
  /// Column number in Unicode scalars, starting at 1.
  public var column: Int
  /// The text of the line, for the snippet under the message (nil when unknown).
  public var lineText: String?

  /// `path:line:col` for a file, `--set key=value` for an override.
  public var description: String {
    switch source {
    case .file(let path): "\(path):\(line):\(column)"
    case .override(let text): "--set \(text)"
    }
  }

  /// Where a value was given, for a note: `at line 36`, or `by --set optimizer.epochs=10`.
  var given: String {
    if case .override = source { "by \(self)" } else { "at line \(line)" }
  }

  /// In an override `path=…`, the location of `path`'s last key (`--set optimizer.lr=…` points
  /// at `lr`); this location otherwise.
  func atLastKey(of path: SpecPath) -> SourceLocation {
    guard case .override(let text) = source, let key = path.lastKey, text.hasPrefix("\(path)")
    else { return self }
    var location = self
    location.column = "\(path)".unicodeScalars.count - key.unicodeScalars.count + 1
    return location
  }
}

/// One message about a spec: an error, a warning or a note, with its location and
/// optionally a note and a suggested fix.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
  /// Whether this is an error (the spec does not load), a warning or a note.
  public var severity: Severity
  /// Where the problem is; nil for problems without a place (e.g. an unreadable file).
  public var location: SourceLocation?
  /// The one-line problem statement, e.g. `learning_rate must be > 0 (got -0.1)`.
  public var message: String
  /// Extra explanation printed on its own `note:` line.
  public var note: String?
  /// A concrete replacement the user can apply, e.g. `learning_rate: 0.01`.
  public var fixIt: String?
  /// The location of the error this one follows from (nil: none): listed right after it.
  public var follows: SourceLocation?
  /// The key whose absence this error reports (`model.layers[2].units`); nil for other errors.
  public var missingKey: SpecPath?

  /// A diagnostic of `severity` at `location` with its message, optional note and fix-it.
  public init(
    _ severity: Severity, at location: SourceLocation?, _ message: String,
    note: String? = nil, fixIt: String? = nil
  ) {
    self.severity = severity
    self.location = location
    self.message = message
    self.note = note
    self.fixIt = fixIt
  }

  /// The rendering without colour (see `DiagnosticRenderer`).
  public var description: String { DiagnosticRenderer().render(self) }
}

extension Diagnostic {
  /// A key that changes nothing or does not apply: an error with `note` in a plain spec; in a
  /// sweep trial or curve point (whose value made it so) a warning, the key left out of its spec
  /// (and no `fixIt` given).
  static func inapplicable(
    at location: SourceLocation?, _ message: String, note: String?, fixIt: String? = nil,
    inTrial: Bool
  ) -> Diagnostic {
    Diagnostic(
      inTrial ? .warning : .error, at: location, message,
      note: inTrial ? "the trial's spec leaves it out" : note, fixIt: inTrial ? nil : fixIt)
  }

  /// Appends `extra` to the note (after `; ` when there is one).
  public mutating func addNote(_ extra: String) {
    note = [note, extra].compactMap { $0 }.joined(separator: "; ")
  }

  /// The diagnostic with `extra` appended to its note.
  public func noting(_ extra: String) -> Diagnostic {
    var d = self
    d.addNote(extra)
    return d
  }

  /// As `--strict` reports it: a warning becomes an error, noted so.
  public var strict: Diagnostic {
    guard severity == .warning else { return self }
    var d = noting("warnings are errors under --strict")
    d.severity = .error
    return d
  }

  /// Orders diagnostics by file, then line, then column; unlocated ones last; one that
  /// `follows` another right after it. Stable for equal keys.
  public static func sortedByLocation(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    diagnostics.sorted { $0.sortKey < $1.sortKey }  // stable: equal keys keep their order
  }

  private var sortKey: (Int, String, Int, Int, Int) {
    let (place, after) = follows.map { ($0, 1) } ?? (location, 0)
    guard let place else { return (2, "", 0, 0, after) }
    switch place.source {
    case .file(let path): return (0, path, place.line, place.column, after)
    case .override(let text): return (1, text, place.line, place.column, after)
    }
  }
}
