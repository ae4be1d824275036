import Foundation
import Specs

/// What a sweep's trial says of the parameters it starts from (`model.init.from`), located as
/// the sweep's refusals of them are (`checkInitParameters(_:trials:)`).
enum TrialStartNotes {
  /// A note per array of `zeroed` (`SavedParameters.checkValues`: nonzero values the trial's
  /// dtype holds as 0), at `model.init.from` of `trial` (`loaded`) in `base`'s spec, as a run
  /// says them (`ExperimentRunner.initParameters`).
  static func zeroed(
    _ zeroed: [String], of trial: SweepTrial, _ loaded: LoadedSpec, base: LoadedSpec
  ) -> [Diagnostic] {
    zeroed.map {
      trial.locatedAtInitFrom(
        loaded.sourceMap.diagnostic(.note, at: SpecPath("model.init.from"), $0), base: base)
    }
  }
}

extension SweepTrial {
  /// `diagnostic` at `model.init.from` moved, when `base`'s sweep has an axis over that key, to
  /// the value of the axis's list this trial takes (left at the axis for a range).
  func locatedAtInitFrom(_ diagnostic: Diagnostic, base: LoadedSpec) -> Diagnostic {
    var d = diagnostic
    let axis = base.spec.sweep?.axes.first { $0.path == SpecPath("model.init.from") }
    let value = assignments.first { $0.path == axis?.path }?.value
    if let axis, let value, d.location == axis.location {
      d.location = axis.valueLocation(of: value)
    }
    return d
  }
}
