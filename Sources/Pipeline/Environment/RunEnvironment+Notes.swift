import Foundation

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
  /// differ in the last digits without anything being wrong. It names what differs and how
  /// to make it equal (`NumericEnvironmentPart`).
  public static func differenceNote(_ a: URL, _ b: URL) -> String? {
    let (first, second) = (numericEnvironments(of: a), numericEnvironments(of: b))
    let all = Set(first + second).sorted()
    guard all.count > 1 else { return nil }
    let made =
      first.count == 1 && second.count == 1
      ? "A and B were made in different numeric environments ('\(first[0])' and '\(second[0])')"
      : "the runs of A and B were made in \(all.count) numeric environments ("
        + all.map { "'\($0)'" }.joined(separator: ", ") + ")"
    return "note: \(made), \(NumericEnvironmentPart.which(all)), so their last digits can "
      + "differ; compare within tolerances (--rtol) or rerun both with "
      + NumericEnvironmentPart.remedy(all)
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
      return "warning: the trials were made in \(made): their last digits can differ from one "
        + "machine's; run the shards with \(remedy) to compare them byte for byte"
    case .resumed:
      return "warning: the trials in \(folder.path) were made in \(made): a trial made in one "
        + "can differ in its last digits from the same trial made in another, and the summary "
        + "ranks them together; run every trial with \(remedy) to compare them byte for byte "
        + "(to make them all here, sweep into a new folder or move this one away)"
    }
  }
}
