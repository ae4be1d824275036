import ArgumentParser
import Foundation
import Pipeline
import Specs

/// Refuses (exit 65) a command's write to `path` at or below the regression gate's baselines
/// (`GateBaselineOutput`), said on `console` of `subject` (the option naming it) with `instead`:
/// only `runner gate --record` writes there.
func refuseGateBaselines(
  _ path: URL, subject: String, instead: String, console: Console
) throws {
  do {
    try GateBaselineOutput.check(writing: path, subject: subject, instead: instead)
  } catch {
    console.error(DiagnosticRenderer(color: console.useColor).render(error.diagnostics))
    throw ExitCode(error.exitCode)
  }
}
