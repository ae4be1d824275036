import Conventions
import Foundation
import Reports

extension RunEnvironment {
  /// How the trials of one sweep folder came to be made in several numeric environments.
  public enum Mixing: Sendable {
    /// `runner merge` put shards run on other machines together.
    case merged
    /// `runner sweep` resumed (or shared) a folder whose earlier trials were made elsewhere.
    case resumed
  }

  /// A note when the runs of two results folders were made in different numeric environments
  /// (a sweep's trials merged from shards run on other machines, too): their numbers can then
  /// differ without anything being wrong (`NumericEnvironmentPart.howFarApart`). It names what differs and how
  /// to make it equal (`NumericEnvironmentPart`).
  /// For a file, the runs of the folder holding it. When `madeFrom` names what else differs
  /// (`the specs`, `the data`), the environment is not offered as the explanation.
  public static func differenceNote(_ a: URL, _ b: URL, madeFrom: [String] = []) -> String? {
    let (first, second) = (numericEnvironments(of: a), numericEnvironments(of: b))
    let all = Set(first + second).sorted()
    guard all.count > 1 else { return nil }
    let made =
      first.count == 1 && second.count == 1
      ? "A and B were made in different numeric environments ('\(first[0])' and '\(second[0])')"
      : "the runs of A and B were made in \(all.count) numeric environments ("
        + all.map { "'\($0)'" }.joined(separator: ", ") + ")"
    guard madeFrom.isEmpty else {
      let what = madeFrom.joined(separator: " and ")
      return "note: \(made), \(NumericEnvironmentPart.which(all)), but \(what) differ too "
        + "(above), which the environment does not explain: compare within tolerances only runs "
        + "of one spec and data"
    }
    return "note: \(made), \(NumericEnvironmentPart.which(all)), so their figures can differ "
      + "(\(NumericEnvironmentPart.howFarApart)); compare within tolerances (--rtol) or rerun "
      + "both with "
      + NumericEnvironmentPart.remedy(all)
  }

  /// A note when the runs of A and B were made by different runner versions (their
  /// `environment.csv`), which can change figures without anything else changing.
  public static func versionNote(_ a: URL, _ b: URL) -> String? {
    let origins = origins(a, b)
    guard origins.versionsDiffer else { return nil }
    let listed = { (values: [String]) in values.joined(separator: ", ") }
    return "note: A and B were made by different runner versions (A: \(listed(origins.versionsA)), "
      + "B: \(listed(origins.versionsB))), whose figures can differ; rerun A with the runner "
      + "that made B to compare one version's results"
  }

  /// Where the runs of A and B were made (`RunOrigins`), for `runner diff --json`.
  public static func origins(_ a: URL, _ b: URL) -> RunOrigins {
    let (first, second) = (numericEnvironments(of: a), numericEnvironments(of: b))
    let all = Set(first + second).sorted()
    return RunOrigins(
      numericA: first, numericB: second,
      numericDifference: all.count > 1 && !first.isEmpty && !second.isEmpty
        ? NumericEnvironmentPart.differing(all).map(\.name).listed() : nil,
      versionsA: recorded(versionKey, below: a), versionsB: recorded(versionKey, below: b))
  }

  /// A warning when every trial of the sweep folder `folder` was made in one numeric
  /// environment other than `current`, this process's: a resumed sweep skipped them all, and
  /// its summary holds another machine's numbers (tester BE-4: said only once one trial was
  /// made here). nil when they were made here, or in several (`mixedNote` says those).
  public static func elsewhereNote(_ folder: URL, current: String) -> String? {
    let all = numericEnvironments(of: folder)
    guard all.count == 1, let made = all.first, made != current else { return nil }
    return "warning: the trials in \(folder.path) were made in another numeric environment "
      + "('\(made)', not this run's '\(current)', \(NumericEnvironmentPart.which([made, current]))"
      + "): they were kept, so the summary holds that environment's numbers, which can differ "
      + "from this machine's (\(NumericEnvironmentPart.howFarApart)); to make them here, sweep "
      + "into a new folder or move this one away"
  }

  /// A warning when the trials of the sweep folder `folder` were made by runner versions other
  /// than `current` (resumed, or re-run in CI over a kept folder, after an upgrade), or by
  /// several (merged): the summary ranks figures an engine change between them can move, as a
  /// numeric environment's warning says for the BLAS kernel (tester BL-6).
  public static func versionsNote(
    _ folder: URL, _ mixing: Mixing, current: String = RunnerVersion.current
  ) -> String? {
    let all = recorded(versionKey, below: folder)
    let listed = all.joined(separator: ", ")
    switch mixing {
    case .merged:
      guard all.count > 1 else { return nil }
      return "warning: the trials were made by \(all.count) runner versions (\(listed)), whose "
        + "figures can differ; run every shard with one runner version to compare them"
    case .resumed:
      guard all.contains(where: { $0 != current }) else { return nil }
      let made = all.count == 1 ? "runner \(listed)" : "\(all.count) runner versions (\(listed))"
      let notOnly = all.contains(current) ? "not only this" : "not this"
      return "warning: the trials in \(folder.path) were made by \(made), \(notOnly) "
        + "run's \(current): they were kept, so the summary ranks figures another version made, "
        + "which can differ; to make them all with this version, sweep into a new folder or "
        + "move this one away"
    }
  }

  /// A warning when the trials of the sweep folder `folder` were made in more than one numeric
  /// environment (shards run on other machines, or a sweep resumed on one): their numbers are
  /// not those one machine gives. One check for `runner merge` and `runner sweep`.
  public static func mixedNote(_ folder: URL, _ mixing: Mixing = .merged) -> String? {
    let all = numericEnvironments(of: folder)
    guard all.count > 1 else { return nil }
    let made =
      "\(all.count) numeric environments (" + all.map { "'\($0)'" }.joined(separator: ", ")
      + "), \(NumericEnvironmentPart.which(all))"
    let remedy = NumericEnvironmentPart.remedy(all)
    switch mixing {
    case .merged:
      return "warning: the trials were made in \(made): their figures can differ from one "
        + "machine's (\(NumericEnvironmentPart.howFarApart)); run the shards with \(remedy) to "
        + "compare them byte for byte"
    case .resumed:
      return "warning: the trials in \(folder.path) were made in \(made): a trial made in one "
        + "can differ from the same trial made in another (\(NumericEnvironmentPart.howFarApart)), "
        + "and the summary ranks them together; run every trial with \(remedy) to compare them byte for byte "
        + "(to make them all here, sweep into a new folder or move this one away)"
    }
  }
}
