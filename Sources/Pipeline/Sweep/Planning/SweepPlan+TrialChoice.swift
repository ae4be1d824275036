import Conventions
import Specs

/// A trial of a sweep named by its ID or a start of it that none or several trials have
/// (`runner explain --trial`, `runner gradcheck --trial`): a usage error.
public struct TrialChoiceError: UserFacingError {
  /// What is wrong and which trials there are.
  public var description: String
  /// Always a usage error (exit 64).
  public var exitCode: ExitStatus { .usage }
}

extension SweepPlan {
  /// The trial whose ID starts with `prefix` (the whole ID or a unique start of it); refused
  /// when no trial's does (a few IDs named, and where all are listed) or several do. `specFile`
  /// names the spec as the user gave it.
  public func trial(matching prefix: String, specFile: String) throws(TrialChoiceError)
    -> SweepTrial
  {
    let matches = trials.filter { $0.id.hasPrefix(prefix) }
    if matches.count == 1 { return matches[0] }
    guard matches.isEmpty else {
      throw TrialChoiceError(
        description: "'\(prefix)' matches \(matches.count) trials; give more of the ID")
    }
    let sweep = base.spec.sweep ?? SweepSpec()
    // The first ten: a sweep of 100 000 trials listed every ID.
    let known =
      trials.prefix(10).map(\.id).joined(separator: ", ")
      + (trials.count > 10
        ? ", … \(trials.count) in all: \(Invocation.commandLine(["sweep", specFile, "--dry-run"])) lists them"
        : "")
    // TPE's trials come from the results, so the spec alone knows only the random start.
    let which = sweep.method == .bayes ? "among the random start trials of" : "in"
    throw TrialChoiceError(
      description: "no trial '\(prefix)' \(which) \(specFile) (trials: \(known))"
        + (sweep.method == .bayes
          ? "; a trial TPE suggested depends on the results: its spec.resolved.yaml is in the "
            + "sweep's folder, <results>/\(base.spec.output)/<trial>/" : ""))
  }
}
