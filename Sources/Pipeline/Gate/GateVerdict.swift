import Conventions
import Foundation
import Reports

/// The outcome of comparing one experiment's fresh results with its baseline.
public struct GateVerdict: Sendable {
  /// How the comparison was made.
  public enum Comparison: Sendable, Equatable {
    /// Byte for byte: the run's numeric environment is the baseline's.
    case bytes(environment: String)
    /// Within the entry's tolerances: the environments differ (or one is unknown).
    case tolerance(baseline: String, fresh: String)
  }

  /// The entry checked.
  public let entry: GateEntry
  /// How it was compared.
  public let comparison: Comparison
  /// What differs, one line each; empty when the gate passes.
  public let differences: [String]

  /// True when nothing differs.
  public var passed: Bool { differences.isEmpty }

  /// One line saying how the comparison was made.
  public var method: String {
    switch comparison {
    case .bytes(let environment):
      return "byte for byte (same numeric environment: \(environment))"
    case .tolerance(let baseline, let fresh):
      let e = entry
      return
        "within tolerances (atol \(CSVCell.format(e.atol)), rtol \(CSVCell.format(e.rtol)), "
        + "converged iteration counts within \(CSVCell.format(e.iterationTolerance * 100))%), "
        + "because the numeric environment differs: baseline '\(baseline)', this run '\(fresh)'"
    }
  }

  /// The verdict as text: the method, then the differences.
  public var rendered: String {
    let head = "\(entry.name): \(passed ? "ok" : "DIFFERS"), compared \(method)"
    return ([head] + differences.map { "  " + $0 }).joined(separator: "\n")
  }
}
