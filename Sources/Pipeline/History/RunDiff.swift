import Conventions
import Foundation
import Reports

/// `runner diff` over results folders: the CSV comparison (`DiffCommandResult`) with the
/// resolved specs compared key by key, where the runs were made, and the notes that explain a
/// difference (another spec or data first, then the numeric environment, the runner version).
public enum RunDiff {
  /// Compares `a` with `b` as `runner diff` does (see `DiffCommandResult.run`).
  public static func run(
    a: String, b: String, options: DiffOptions, columnTolerances: [String] = [],
    better: [String] = []
  ) -> DiffCommandResult {
    var result = DiffCommandResult.run(
      a: a, b: b, options: options, columnTolerances: columnTolerances, better: better,
      specReader: SpecParameters.reader)
    if result.diff != nil {
      result.origins = RunEnvironment.origins(URL(fileURLWithPath: a), URL(fileURLWithPath: b))
    }
    return result
  }

  /// The notes for standard error after a comparison that found differences: the numeric
  /// environments (not offered as the cause when the specs or data differ), the runner versions.
  public static func notes(_ result: DiffCommandResult) -> [String] {
    guard result.status == DiffCommandResult.different, let diff = result.diff else { return [] }
    let (a, b) = (URL(fileURLWithPath: result.a), URL(fileURLWithPath: result.b))
    let madeFrom =
      (diff.specChanges.isEmpty ? [] : ["the specs"])
      + (diff.dataChanges.isEmpty ? [] : ["the data"])
    return [
      RunEnvironment.differenceNote(a, b, madeFrom: madeFrom), RunEnvironment.versionNote(a, b),
    ].compactMap { $0 }
  }
}
