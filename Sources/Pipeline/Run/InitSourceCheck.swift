import Foundation
import Specs

extension ExperimentRunner {
  /// Refuses `model.init.from` inside the folder the run writes (`destination`): the run
  /// replaces the parameters it starts from, so every rerun of the same spec would start where
  /// the last one ended and give other numbers. A folder that does not exist yet is left to
  /// the run's own check.
  public static func checkInitSource(_ loaded: LoadedSpec, destination: URL)
    throws(PipelineError)
  {
    guard case .from(let path) = loaded.spec.model.initialization,
      let source = try? SavedParameters.locate(path, specFile: loaded.file)
    else { return }
    let folder = destination.standardizedFileURL.resolvingSymlinksInPath().path
    let start = source.resolvingSymlinksInPath().path
    guard start == folder || start.hasPrefix(folder + "/") else { return }
    let diagnostic = loaded.sourceMap.diagnostic(
      .error, at: SpecPath("model.init.from"),
      "model.init.from reads this run's own results folder (\(destination.path)), which the run "
        + "replaces: each rerun would start from the last one's weights",
      note:
        "copy the parameters out first (e.g. `cp -r \(path) warm-start`) and start from the copy")
    throw .spec(.invalid([diagnostic]))
  }
}
