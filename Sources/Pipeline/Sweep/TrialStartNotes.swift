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
      trial.locatedAtSweptValue(
        loaded.sourceMap.diagnostic(.note, at: SpecPath("model.init.from"), $0), base: base)
    }
  }
}

extension SweepTrial {
  /// `diagnostic` at one of `base`'s sweep axes (the trial's value at `model.init.from`, its
  /// data file) moved to the value of that axis's list this trial takes (left at the axis for
  /// a range).
  func locatedAtSweptValue(_ diagnostic: Diagnostic, base: LoadedSpec) -> Diagnostic {
    var d = diagnostic
    for assignment in assignments {
      guard let axis = base.spec.sweep?.axes.first(where: { $0.path == assignment.path }),
        d.location == axis.location, let value = axis.valueLocation(of: assignment.value)
      else { continue }
      d.location = value
      return d
    }
    return d
  }
}
