/// How a report names the two sides compared: `runner diff`'s `A` and `B`, or the regression
/// gate's baseline and fresh results (tester BM: the gate said "A" and "B" in some lines and
/// "the baseline" in the others, never saying which was which).
public struct DiffSides: Sendable, Equatable {
  /// The old side (`A`, `the baseline`).
  public var a: String
  /// The new side (`B`, `the fresh results`).
  public var b: String
  /// The old side's possessive (`A's`, `the baseline's`).
  public var aOwn: String
  /// The new side's possessive (`B's`, `the fresh results'`).
  public var bOwn: String

  /// `runner diff`'s sides: A and B.
  public static let letters = DiffSides(a: "A", b: "B", aOwn: "A's", bOwn: "B's")
  /// The regression gate's sides: the baseline and the fresh results.
  public static let baselineAndFresh = DiffSides(
    a: "the baseline", b: "the fresh results", aOwn: "the baseline's",
    bOwn: "the fresh results'")
}
