import ArgumentParser
import Conventions
import Foundation
import Pipeline
import Reports

/// `runner compare RUN... [--into DIR]`: runs side by side, written as an offline
/// `compare.html` (inline SVG) plus CSVs.
struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Compare runs: parameters and final figures side by side, learning curves overlaid.",
    discussion: """
      RUN is a results folder or a name `\(Invocation.commandLine(["ls"]))` prints (cat, \
      sweep/trial); a sweep's folder stands for its finished trials. A sweep's trial is \
      labelled by its swept values from the sweep's plan.csv (optimizer=adam, learning_rate=0.01), other runs \
      by their names. Writes \
      compare.html (offline, inline SVG), compare_parameters.csv, compare_metrics.csv, \
      compare_curves.csv and plots/compare_<column>.svg into --into (default: \
      <results>/compare), a folder it creates or an earlier comparison wrote; it replaces or \
      removes only the charts an earlier comparison made, and keeps a compare.html or table \
      you edited in .history/. Exit codes: 0 written, 64 fewer than \
      two runs, 65 not a run's folder, a malformed results file (named) or --into in the \
      regression gate's baselines, 66 no such run, 73 \
      --into is a folder of another kind, holds a file it did not write where a chart goes, or \
      cannot be created or written.
      """)

  @Argument(help: "Two or more runs: results folders or names under --results-dir.")
  var runs: [String] = []
  @Option(help: "Write the comparison into this folder.") var into: String?
  @Option(
    name: .customLong("results-dir"),
    help: "Look up run names under this folder (default: the project's results_dir).")
  var resultsDirectory: String?

  func run() throws {
    let console = Console()
    Interrupt.installStops(console: console) {
      "\($0): the comparison folder holds the earlier comparison, or the new one if it was "
        + "being put in place, whole; nothing half-written is left"
    }
    defer { Interrupt.finish() }
    let resultsDirectory = try self.resultsDirectory ?? defaultResultsFolder(console)
    let root = URL(fileURLWithPath: resultsDirectory, isDirectory: true)
    let folder = into ?? (resultsDirectory as NSString).appendingPathComponent("compare")
    try refuseGateBaselines(
      URL(fileURLWithPath: folder, isDirectory: true),
      subject: into.map { "--into '\($0)'" } ?? "the comparison folder '\(folder)'",
      instead: "write the comparison into another folder (--into)", console: console)
    do {
      let comparison = RunComparison(try RunComparer.entries(runs, root: root))
      let written = try RunComparer.write(
        comparison, into: URL(fileURLWithPath: folder, isDirectory: true)
      ) { console.error($0) }
      console.out(comparison.text(width: terminalWidth()))
      console.out(
        "compare: \((folder as NSString).appendingPathComponent(RunComparison.htmlFile)) "
          + "(\(written.filter { !$0.hasPrefix("plots/") }.dropFirst().joined(separator: ", ")), "
          + "\(written.filter { $0.hasPrefix("plots/") }.count) plots)")
    } catch {
      console.error(error.description)
      throw ExitCode(error.exitCode)
    }
  }
}
