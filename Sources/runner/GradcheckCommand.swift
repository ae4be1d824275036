import ArgumentParser
import Conventions
import Engine
import Foundation
import Pipeline

/// `runner gradcheck SPEC`: backpropagation against finite differences, per layer.
struct GradcheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gradcheck",
    abstract: "Compare backpropagated gradients with finite differences (float64).",
    discussion: """
      At the spec's initial parameters, each checked entry's relative error beyond the finite \
      difference's own floor (its rounding and truncation error): at an exact optimum both \
      gradients are noise below the floor, which is no failure. Entries with a kink within ±2ε \
      (mae, huber, relu) are checked against the one-sided differences and counted; at a kink \
      several rows share, against the sum of each row's one-sided differences (with batch \
      normalization, which couples the rows, such an entry is inconclusive). Also shown: \
      Ng's relative difference ‖g − g̃‖ / (‖g‖ + ‖g̃‖) per layer. Exit code 0 when every entry is \
      within --tolerance or inconclusive, 1 otherwise; 64 usage error, 65 bad spec or data, 66 missing input.

      A sweep spec is checked trial by trial, as the sweep trains them (each with its swept \
      values and its own seed; the spec without its sweep is none of them): each trial's table \
      under its ID, then one verdict for all; --trial ID checks one (its ID or a unique start, \
      as `runner explain --trial` takes it; `runner sweep SPEC --dry-run` lists them). A bayes \
      sweep's trials are its random start: TPE's later ones depend on the results.
      """)

  @Argument(help: "The experiment spec (YAML).")
  var spec: String

  @OptionGroup var trialOption: TrialOption

  @OptionGroup var specOptions: SpecCommandOptions

  @Option(help: "The largest acceptable relative error of an entry beyond the floor.")
  var tolerance: Double = 1e-7

  func validate() throws {
    // A NaN tolerance failed every check and an infinite one passed any: neither is a bound.
    guard tolerance.isFinite, tolerance >= 0 else {
      throw ValidationError(
        "--tolerance must be a finite number ≥ 0 (got \(tolerance)), e.g. --tolerance 1e-6")
    }
  }

  func run() throws {
    let console = Console(color: specOptions.color)
    let options = RunOptions(spec: specOptions.loaderOptions)
    do {
      let subjects = try GradientCheckRun.subjects(
        specPath: spec, options: options, trial: trialOption.trial)
      let swept = subjects.count > 1 || trialOption.trial != nil
      if subjects.count > 1 {
        console.error(
          "note: \(spec) is a sweep: each of its \(subjects.count) trials is checked (the "
            + "spec without its sweep is none of them); --trial ID checks one")
      }
      var (failed, undecided): ([String], [String]) = ([], [])
      for (index, subject) in subjects.enumerated() {
        let report = try GradientCheckRun.run(subject)
        var lines = swept ? [(index > 0 ? "\n" : "") + Self.heading(subject)] : []
        lines += Self.lines(report, tolerance: tolerance)
        console.out(lines.joined(separator: "\n"))
        let id = subject.trial?.id ?? spec
        if !report.passed(tolerance: tolerance) {
          failed.append(id)
        } else if report.inconclusive > 0 {
          undecided.append(id)
        }
      }
      if subjects.count > 1 {
        let inconclusive =
          undecided.isEmpty
          ? "" : " (\(undecided.joined(separator: ", ")) inconclusive at a shared kink)"
        console.out(
          failed.isEmpty
            ? "\nok: each of the \(subjects.count) trials within \(tolerance)\(inconclusive)"
            : "\nFAILED: \(failed.count) of the \(subjects.count) trials: "
              + failed.joined(separator: ", "))
      }
      if !failed.isEmpty { throw ExitCode(ExitStatus.failure) }
    } catch let error as PipelineError {
      console.error(render(error, console: console))
      throw ExitCode(error.exitCode)
    }
  }

  /// The line naming a sweep's trial and the values its axes give it.
  static func heading(_ subject: GradientCheckRun.Subject) -> String {
    guard let trial = subject.trial else { return "" }
    let values = trial.assignments.filter(\.applies).map { "\($0.path)=\($0.value)" }
    return "trial \(trial.id)" + (values.isEmpty ? "" : ": " + values.joined(separator: ", "))
  }

  /// The table of `report`, its notes and its verdict at `tolerance`.
  static func lines(_ report: GradientCheck.Report, tolerance: Double) -> [String] {
    var lines = [
      "layer  parameters  checked  kinks  relative difference  worst entry beyond floor"
    ]
    for layer in report.layers {
      lines.append(
        String(layer.layer).padding(toLength: 7, withPad: " ", startingAt: 0)
          + String(layer.parameters).padding(toLength: 12, withPad: " ", startingAt: 0)
          + String(layer.checked).padding(toLength: 9, withPad: " ", startingAt: 0)
          + String(layer.kinks).padding(toLength: 7, withPad: " ", startingAt: 0)
          + Self.scientific(layer.relativeDifference).padding(
            toLength: 21, withPad: " ", startingAt: 0)
          + Self.scientific(layer.worstEntry))
    }
    // Finite differences cost two forward passes per entry: large layers and sets are sampled.
    if report.layers.contains(where: { $0.checked < $0.parameters }) {
      lines.append(
        "note: a layer with more parameters than it checks is checked at evenly spaced "
          + "entries (finite differences cost two forward passes each)")
    }
    if report.rows < report.trainingRows {
      lines.append(
        "note: the loss is computed on \(report.rows) of the \(report.trainingRows) training "
          + "rows, evenly spaced")
    }
    if report.dropoutOff {
      lines.append(
        "note: dropout is off for the check (its masks are random), as with keep_prob 1; "
          + "the dropout layers' masks and scaling are not checked")
    }
    if report.batchStatistics {
      lines.append(
        "note: batch normalization uses the checked rows' own mean and variance (training "
          + "mode); its running statistics are not used")
    }
    if report.l1 {
      lines.append(
        "note: L1 is checked by its subgradient l1·sign(w) (sign(0) = 0, as torch's autograd)"
          + (report.l1Kinks == 0
            ? ""
            : ", and \(report.l1Kinks) weight\(report.l1Kinks == 1 ? " lies" : "s lie") within"
              + " ±2ε of 0, where |w| has its kink: checked against the one-sided differences"))
    }
    // The L1 note counts the weights at |w|'s kink; this one the loss's and activations'.
    let kinks = max(report.kinks - report.l1Kinks, 0)
    if kinks > 0 {
      lines.append(
        "note: \(kinks) entr\(kinks == 1 ? "y has" : "ies have") a kink of the loss "
          + "or an activation within ±2ε; checked against the one-sided differences")
    }
    if report.sharedKinks > 0 {
      lines.append(
        "note: \(report.sharedKinks) of them sit on a kink shared by up to "
          + "\(report.rowsAtSharedKink) rows: checked against the sum of each row's one-sided "
          + "differences (each row's own subgradient, as torch's relu'(0) = 0)")
    }
    let passed = report.passed(tolerance: tolerance)
    let undecided = report.inconclusive
    if undecided > 0 {
      lines.append(
        "\(passed ? "" : "note: ")inconclusive at a kink shared by \(report.rowsAtSharedKink) "
          + "rows: \(undecided) entr\(undecided == 1 ? "y" : "ies") outside the whole "
          + "objective's one-sided differences cannot be decided, as batch normalization "
          + "couples the rows\(passed ? "; every other entry within \(tolerance)" : "")")
    }
    if !passed {
      lines.append(
        report.worst.isNaN
          ? "FAILED: the objective or its gradient is NaN at these parameters (an overflow: "
            + "look at the initial values and the scale of the data)"
          : "FAILED: worst entry \(report.worst) > \(tolerance)")
    } else if undecided == 0 {
      lines.append("ok: every entry within \(tolerance) beyond the finite-difference floor")
    }
    return lines
  }

  /// `1.234e-08`, or `nan` (never printf's `-nan`).
  static func scientific(_ value: Double) -> String {
    value.isNaN ? "nan" : String(format: "%.3e", value)
  }
}
