import Datasets
import Engine
import Foundation
import Reports
import Specs

/// The reports that train more models or look further than the final figures: the bootstrap
/// bias/variance decomposition, learning and validation curves, the confusion matrix, saved
/// parameters, plots and the HTML/Markdown report (issue 7). Called once per run after the
/// main results are staged.
struct AnalysisReports<T: Scalar> {
  let execution: RunExecution<T>
  let data: PreparedData<T>
  let configuration: RunConfiguration
  let result: TrainingResult<T>

  /// Writes the analysis files the spec's `report` section asks for into `staging`, adding the
  /// time each takes to `timings`.
  func write(into staging: inout ResultsStaging, timings: inout TimingsTable) throws(PipelineError) {
  }
}
