/// The status a command ends with, shared by every command and every module's errors (see the
/// README's "Exit codes"). Following BSD `sysexits.h` where it has a meaning for us.
public struct ExitStatus: RawRepresentable, Sendable, Hashable, ExpressibleByIntegerLiteral,
  CustomStringConvertible
{
  /// The process exit code.
  public let rawValue: Int32

  /// Wraps a process exit code as is (any `Int32`, not only the named statuses).
  public init(rawValue: Int32) { self.rawValue = rawValue }
  /// Lets a literal stand for a status (`let usage: ExitStatus = 64`).
  public init(integerLiteral value: Int32) { self.rawValue = value }

  /// Success (`runner diff`: the same within tolerance).
  public static let success: ExitStatus = 0
  /// A run or comparison failed (a diverging run, `runner diff` found differences).
  public static let failure: ExitStatus = 1
  /// `runner diff` could not compare (missing file, incompatible columns).
  public static let trouble: ExitStatus = 2
  /// Bad command-line usage.
  public static let usage: ExitStatus = 64
  /// Bad spec or bad data.
  public static let dataError: ExitStatus = 65
  /// A missing input file (spec or data).
  public static let noInput: ExitStatus = 66
  /// A service the command needs is unavailable, e.g. an MLflow server down (EX_UNAVAILABLE).
  public static let unavailable: ExitStatus = 69
  /// The system cannot give the command what it needs to start, a limit on open files
  /// (`ulimit -n`) or on the stack (`ulimit -s`) too low (EX_OSERR).
  public static let osError: ExitStatus = 71
  /// How the help of a command names `osError`, which any command can end with (the start
  /// check; `runner sweep` checks again for its `--jobs`): one phrase for every help text.
  public static let osErrorHelp =
    "71 the limit on open files (ulimit -n) or on the stack (ulimit -s) is too low to start"
  /// An output folder cannot be written: it holds what the runner did not write, or it cannot
  /// be created or take files (EX_CANTCREAT).
  public static let cannotCreate: ExitStatus = 73
  /// Another process is using the same results; try again later (EX_TEMPFAIL).
  public static let temporaryFailure: ExitStatus = 75
  /// A time budget was spent before all the work started (`runner sweep --timeout`): what
  /// finished is kept, and running the command again resumes. 124, as GNU `timeout` reports a
  /// command whose time ran out.
  public static let timedOut: ExitStatus = 124
  /// The reader of standard output closed its pipe (`runner validate x.yaml | head -1`): the
  /// command stops writing, quietly, with 128 + SIGPIPE, as the shell reports any tool SIGPIPE
  /// ended (`yes | head -1`). No results folder is at fault: a run's results are saved first.
  public static let outputClosed: ExitStatus = 141
  /// Interrupted by the user (Ctrl-C: 128 + SIGINT).
  public static let interrupted: ExitStatus = 130
  /// Stopped by SIGTERM (a scheduler's or `timeout`'s stop): 128 + 15, as the shell reports it.
  public static let terminated: ExitStatus = 143
  /// Stopped by SIGHUP (the terminal closed, an ssh session dropped), handled as SIGTERM:
  /// 128 + 1, as the shell reports it.
  public static let hungUp: ExitStatus = 129

  /// The exit code as decimal text (`64`).
  public var description: String { String(rawValue) }

  /// The status to report when several inputs ended differently: usage beats a bad spec or
  /// data or any other failure (a results folder that cannot be written, …), which beat a
  /// missing input, which beats success.
  public static func worst(_ a: ExitStatus, _ b: ExitStatus) -> ExitStatus {
    let rank: [ExitStatus: Int] = [.success: 0, .noInput: 1, .dataError: 2, .usage: 3]
    return (rank[a] ?? 2) >= (rank[b] ?? 2) ? a : b
  }
}

/// An error the runner reports to the user: a message without a stack trace, and the exit
/// status it maps to.
public protocol UserFacingError: Error, CustomStringConvertible {
  /// The process exit status for this error.
  var exitCode: ExitStatus { get }
}
