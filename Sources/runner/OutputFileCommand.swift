import ArgumentParser
import Conventions
import Pipeline
import Reports

/// Runs the body of a command that writes a file of its own (`predict`, `data export`): a
/// pipeline, output-file or results-file error is shown on `console` and ends the command with
/// its exit status.
func showingOutputFileErrors(on console: Console, _ body: () throws -> Void) throws {
  do { try body() } catch let error as PipelineError {
    console.error(render(error, console: console))
    throw ExitCode(error.exitCode)
  } catch let error as OutputFileError {
    console.error(error.description)
    throw ExitCode(error.exitCode)
  } catch let error as ResultsFileError {
    console.error("\(console.red("error:")) \(error)")
    throw ExitCode(ExitStatus.failure)
  }
}
