import Foundation
import Pipeline
import Specs

extension SpecCommandOptions {
  /// `error` with `outputUnitsFromData` applied to its diagnostics (`runner run`, `runner sweep`).
  func outputUnitsFromData(_ error: SpecError, path: String, resultsDirectory: String?)
    -> SpecError
  {
    guard case .invalid(let diagnostics) = error else { return error }
    return .invalid(
      outputUnitsFromData(diagnostics, path: path, resultsDirectory: resultsDirectory))
  }

  /// `diagnostics` of the spec at `path`, refused for an output layer without `units` that only
  /// the data tells (`SpecLoader.outputUnitsLeftToData`), with the units the data check asks
  /// for as the fix-it, when the spec loads with a stand-in count and its data is read;
  /// unchanged otherwise. One answer for `validate`, `run` and `sweep` (tester BM-2: only
  /// `validate` gave the count).
  func outputUnitsFromData(
    _ diagnostics: [Diagnostic], path: String, resultsDirectory: String?
  ) -> [Diagnostic] {
    guard let layer = SpecLoader.outputUnitsLeftToData(diagnostics) else { return diagnostics }
    // A softmax output takes at least 2 units, a regression's may take 1.
    for standIn in [2, 1] {
      var options = loaderOptions
      options.overrides.append("model.layers[\(layer)].units=\(standIn)")
      guard let loaded = try? SpecLoader.load(file: path, options: options),
        let context = try? ProjectContext(
          specPath: path, environment: ProcessInfo.processInfo.environment,
          resultsRoot: resultsDirectory)
      else { continue }
      var checked = CheckedData()
      var units: String?
      do throws(PipelineError) {
        // Notes: the data was not read (not downloaded), so the stand-in was not checked.
        let notes = try ExperimentRunner.checkData(loaded, context: context, checked: &checked)
          .notes
        units = notes.isEmpty ? "units: \(standIn)" : nil
      } catch {
        // The data check's own fix-it for the output layer's units.
        if case .spec(.invalid(let found)) = error {
          units = found.compactMap(\.fixIt).first { $0.wholeMatch(of: /units: \d+/) != nil }
        }
      }
      guard let units else { return diagnostics }
      return diagnostics.map { diagnostic in
        var diagnostic = diagnostic
        if diagnostic.severity == .error {
          diagnostic.fixIt = SpecLoader.unitsFixIt(units, at: diagnostic.location)
        }
        return diagnostic
      }
    }
    return diagnostics
  }
}
