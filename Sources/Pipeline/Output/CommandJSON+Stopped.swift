import Conventions
import Reports

extension CommandJSON {
  /// A command a signal stopped at once (a run's Ctrl-C, a sweep's second one, SIGTERM,
  /// SIGHUP): `{"command", "status": "interrupted", "exit_code", "message"}`, `message` being
  /// the line it printed on stderr (what is kept, how to resume).
  public static func stopped(command: String, exitCode: ExitStatus, message: String) -> JSONValue {
    .object([
      ("command", .string(command)), ("status", .string("interrupted")),
      ("exit_code", .integer(Int(exitCode.rawValue))), ("message", .string(message)),
    ])
  }
}
