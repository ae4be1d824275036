import ArgumentParser
import Conventions
import Foundation
import Pipeline
import Reports

/// `runner predict SPEC --params DIR --data FILE`: predictions of a saved model on new data,
/// written as `predictions.csv`.
struct PredictCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "predict",
    abstract: "Predict with the parameters a run saved: one row per input row in predictions.csv.",
    discussion: """
      The spec's preprocessing is fitted again on its training data (as in the run that saved the \
      parameters) and applied to FILE. The spec (with any --set) must be the one the run was \
      trained with: one that differs from the run's spec.resolved.yaml on the data, its \
      preprocessing (and the split it is fitted on), the model, the loss or the dtype is refused \
      (exit 65), naming the keys; SPEC may be the run's spec.resolved.yaml or its folder (data \
      paths are found as the run found them). FILE is a CSV table (the spec's feature columns \
      are read; other columns, such as the target, are ignored) or an array file (.npy, IDX; \
      HDF5 and NPZ need --features). --params names a run's folder (its params/ is read) or the params/ folder \
      itself; a folder of runs (a sweep's) is refused, naming its runs. Columns: row, label, class \
      and probability_<class> per class for classifiers; row, value for regression (row, then \
      value_<target> per target column when the spec names several, target: [y1, y2]). The output \
      (-o, default predictions.csv; -o - writes the table to standard output, the count to \
      standard error) is written atomically; an existing file is replaced only when it is a \
      predictions file the runner wrote there, byte for byte (its digest is recorded in \
      .runner-written.sha256 beside it), or with --force, and never when it is an input (the \
      spec, --data, a file of --params). A symbolic link is never written through: it is refused, \
      or with --force replaced by the predictions file, the file it names left as it is (a link to \
      a folder is refused as a folder). Exit codes: 0 success, 64 usage, 65 bad spec, data or \
      parameters, or -o in the regression gate's baselines, 66 missing input, 73 output \
      refused or not creatable (a write-protected or \
      read-only place, a path through a file, /proc, /sys, /dev), checked before predicting: \
      nothing is written.
      """)

  @Argument(
    help: "The spec the parameters were trained with, or the run's folder (its spec.resolved.yaml)."
  )
  var spec: String

  @Option(help: "A finished run's folder or its params/ folder, e.g. results/cat.")
  var params: String

  @Option(help: "The data to predict (CSV, NPY, IDX, HDF5, NPZ).")
  var data: String

  @Option(help: "The HDF5 dataset or NPZ member holding the features.")
  var features: String?

  @Option(
    name: .shortAndLong,
    help: "Where to write the predictions (- for standard output; ./- for a file named -).")
  var output = ResultsFile.predictions

  @Flag(
    help: "Replace an existing output file or link the runner did not write (never an input).")
  var force = false

  @OptionGroup var specOptions: SpecCommandOptions

  func run() throws {
    let console = Console(color: specOptions.color)
    // Ctrl-C or SIGTERM: exit 130 or 143 with a line, the output's temporary removed.
    Interrupt.installStops(console: console, output: output, what: "predictions")
    defer { Interrupt.finish() }
    // A run's folder stands for its spec.resolved.yaml.
    let spec = TrainedSpec.specFile(self.spec)
    let parameters: String
    do { parameters = try SavedParameters.resolve(params, specFile: spec) } catch {
      console.error(
        "error: " + error.message("--params \(params)") + ", e.g. --params \(error.candidates[0])")
      throw ExitCode(ExitStatus.dataError)
    }
    let request = PredictionRequest(
      specPath: spec, parameters: parameters, data: data, features: features,
      options: RunOptions(spec: specOptions.loaderOptions),
      otherOptions: (output == ResultsFile.predictions ? [] : ["-o", output])
        + (force ? ["--force"] : []))
    if output != "-" {
      try refuseGateBaselines(
        URL(fileURLWithPath: output), subject: "-o '\(output)'",
        instead: "write the predictions elsewhere (-o)", console: console)
    }
    let display = DownloadDisplay(console: console)
    try showingOutputFileErrors(on: console) {
      defer { display.end() }
      // `-o -` is standard output, as in most command-line tools; nothing else goes there.
      if output == "-" {
        let table = try Predictor.predict(
          request, note: console.error, download: display.progress)
        console.error("\(table.rows.count) prediction\(table.rows.count == 1 ? "" : "s")")
        console.out(table.rendered)
        return
      }
      try PredictionsOutput.check(output, for: request, force: force)
      let table = try Predictor.predict(
        request, note: console.error, download: display.progress)
      try OwnedOutput.write(table.rendered, to: output, kind: PredictionsOutput.kind)
      console.error("\(table.rows.count) prediction\(table.rows.count == 1 ? "" : "s")")
      console.out(output)
    }
  }
}
