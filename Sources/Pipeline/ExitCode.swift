/// Process exit codes, shared by every command (see README "Exit codes").
///
/// Following BSD `sysexits.h` where it has a meaning for us.
public enum ExitCode: Int32, Sendable {
  /// Success.
  case success = 0
  /// A run or comparison failed (a diverging run, `runner diff` found differences).
  case failure = 1
  /// `runner diff` could not compare (missing file, incompatible columns).
  case trouble = 2
  /// Bad command-line usage.
  case usage = 64
  /// Bad spec or bad data.
  case dataError = 65
  /// A missing input file (spec or data).
  case noInput = 66
}

/// An error the runner reports to the user: a message without a stack trace, and the exit
/// code it maps to.
public protocol UserFacingError: Error, CustomStringConvertible {
  /// The process exit code for this error.
  var exitCode: ExitCode { get }
}
