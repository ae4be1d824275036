import Conventions

/// Why an entry's fresh run did not run cleanly: the run's or sweep's own message and exit
/// status, so that the gate can tell a limit or a full disk (71, 73) from a regression (1).
public struct GateRunFailure: UserFacingError {
  /// The run's or sweep's message, starting `error:`.
  public let description: String
  /// The status the run or sweep would have exited with on its own.
  public let exitCode: ExitStatus

  /// Whether the machine, not the experiment, stopped the run: a limit too low to start (71),
  /// results that could not be written (73: a full disk, a file size limit, in `TMPDIR`), or
  /// results in use (75).
  public var isEnvironmental: Bool {
    [.osError, .cannotCreate, .temporaryFailure].contains(exitCode)
  }
}
