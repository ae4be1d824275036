import ArgumentParser
import Conventions
import Foundation
import Pipeline

/// `runner gradcheck SPEC`: backpropagation against finite differences, per layer.
struct GradcheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gradcheck",
    abstract: "Compare backpropagated gradients with centered finite differences (float64).",
    discussion: """
      Prints each layer's relative difference ‖g − g̃‖ / (‖g‖ + ‖g̃‖) and its worst entry at the \
      spec's initial parameters. Exit code 0 when every layer is within --tolerance, 1 otherwise.
      """)

  @Argument(help: "The experiment spec (YAML).")
  var spec: String

  @OptionGroup var specOptions: SpecCommandOptions

  @Option(help: "The largest acceptable relative difference per layer.")
  var tolerance: Double = 1e-7

  func run() throws {
    let console = Console(color: specOptions.color)
    do {
      let report = try GradientCheckRun.run(
        specPath: spec, options: RunOptions(spec: specOptions.loaderOptions))
      var lines = ["layer  checked  relative difference  worst entry"]
      for layer in report.layers {
        lines.append(
          String(layer.layer).padding(toLength: 7, withPad: " ", startingAt: 0)
            + String(layer.checked).padding(toLength: 9, withPad: " ", startingAt: 0)
            + String(format: "%-21.3e", layer.relativeDifference)
            + String(format: "%.3e", layer.worstEntry))
      }
      let passed = report.passed(tolerance: tolerance)
      lines.append(
        passed
          ? "ok: every layer within \(tolerance)" : "FAILED: worst \(report.worst) > \(tolerance)")
      console.out(lines.joined(separator: "\n"))
      if !passed { throw ExitCode(ExitStatus.failure) }
    } catch let error as PipelineError {
      console.error(render(error, console: console))
      throw ExitCode(error.exitCode)
    }
  }
}
