import ArgumentParser
import Conventions

extension ExitCode {
  /// The process exit code of a runner exit status.
  init(_ status: ExitStatus) { self.init(status.rawValue) }
}
