import Conventions

/// Why a spec did not load; `exitCode` follows the runner's conventions.
public enum SpecError: Error, Sendable, CustomStringConvertible {
  /// The spec file (or the project configuration) does not exist or cannot be read (exit 66).
  case missingFile(path: String, reason: String, document: SpecDocument = .spec)
  /// A malformed command-line override (exit 64).
  case usage(String)
  /// Errors in the spec or its overrides, with any warnings, sorted by location (exit 65).
  case invalid([Diagnostic])

  /// The process exit status: 66 missing file, 64 usage error, 65 invalid spec.
  public var exitCode: ExitStatus {
    switch self {
    case .missingFile: .noInput
    case .usage: .usage
    case .invalid: .dataError
    }
  }

  /// The diagnostics to show (one for a missing file or usage error).
  public var diagnostics: [Diagnostic] {
    switch self {
    case .missingFile(let path, let reason, let document):
      [Diagnostic(.error, at: nil, "cannot read \(document.object) '\(path)': \(reason)")]
    case .usage(let message): [Diagnostic(.error, at: nil, message)]
    case .invalid(let list): list
    }
  }

  /// The rendered diagnostics, one per line, without colour.
  public var description: String { DiagnosticRenderer().render(diagnostics) }
}
