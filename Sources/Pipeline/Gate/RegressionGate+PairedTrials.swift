import Foundation
import Reports

extension RegressionGate {
  /// For a sweep entry whose trial IDs changed (a key changed besides the swept ones), what
  /// `runner diff` says of the two folders, compared exactly: the pairing by swept values, the
  /// changed spec keys (the spec's own `seed` from `sweep.csv`) and data, then the paired files
  /// that differ and those on one side only, the sides named the baseline and the fresh
  /// results. Byte for byte, every trial's files were only in one side, and the cause went
  /// unnamed (tester BL-1). nil when the trials keep their IDs (the byte account names the
  /// cells).
  static func pairedTrials(_ baseline: URL, _ fresh: URL) -> [String]? {
    guard let pairing = SweepPairing.of(baseline, fresh),
      pairing.trials.contains(where: { $0.key != $0.value })
    else { return nil }
    let sides = DiffSides.baselineAndFresh
    let lines = ResultsDiff.pairingLines(pairing, folder: "", sides: sides)
    guard
      let diff = try? ResultsDiff(
        baseline, fresh, options: DiffOptions(), specReader: SpecParameters.reader)
    else { return lines }
    // Nothing but the trial IDs differs (`runner diff` of the folders says the same): the
    // baseline still fails, its files named by IDs the spec no longer gives; said so, as the
    // reason the two verdicts differ (tester BM-12).
    let onlyIDs =
      diff.differs
      ? []
      : [
        "no paired file or spec key differs (as `runner diff` of these folders says), but the "
          + "trials' IDs changed, so the baseline's files are not the fresh results' byte for "
          + "byte: re-record it if the spec change is meant"
      ]
    return lines + diff.causes
      + diff.files.filter(\.differs).map { $0.rendered(maxListedChanges: 5, sides: sides) }
      + diff.onlyInA.map { "\($0): only in the baseline" }
      + diff.onlyInB.map { "\($0): only in the fresh results" } + onlyIDs
  }
}
