import Conventions

/// Where the runs of A and B were made, as their `environment.csv` files record it: the numeric
/// environments and runner versions of each side (read in module Pipeline), so that
/// `runner diff --json` tells a changed machine or runner from a regression.
public struct RunOrigins: Sendable, Equatable {
  /// The numeric environments of A's runs and of B's, each sorted.
  public var numericA: [String], numericB: [String]
  /// What differs between the numeric environments (`the BLAS kernel`); nil when they agree
  /// or one side records none.
  public var numericDifference: String?
  /// The runner versions of A's runs and of B's, each sorted.
  public var versionsA: [String], versionsB: [String]

  /// The record of both sides.
  public init(
    numericA: [String], numericB: [String], numericDifference: String?, versionsA: [String],
    versionsB: [String]
  ) {
    self.numericA = numericA
    self.numericB = numericB
    self.numericDifference = numericDifference
    self.versionsA = versionsA
    self.versionsB = versionsB
  }

  /// Whether the runner versions differ (both sides recording one).
  public var versionsDiffer: Bool {
    !versionsA.isEmpty && !versionsB.isEmpty && Set(versionsA + versionsB).count > 1
  }

  /// `{"numeric_environments": {"a", "b", "differ_in"}, "runner_versions": {"a", "b"}}`.
  var json: [(String, JSONValue)] {
    let strings = { (values: [String]) in JSONValue.array(values.map(JSONValue.string)) }
    return [
      (
        "numeric_environments",
        .object([
          ("a", strings(numericA)), ("b", strings(numericB)),
          ("differ_in", .optional(numericDifference)),
        ])
      ),
      ("runner_versions", .object([("a", strings(versionsA)), ("b", strings(versionsB))])),
    ]
  }
}
