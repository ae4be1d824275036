import Foundation
import Reports

extension RegressionGate {
  /// For a sweep entry whose trial IDs changed (a key changed besides the swept ones), what
  /// `runner diff` says of the two folders, compared exactly: the pairing by swept values, the
  /// changed spec keys and data, then the paired files that differ and those on one side only.
  /// Byte for byte, every trial's files were only in one side, and the cause went unnamed
  /// (tester BL-1). nil when the trials keep their IDs (the byte account names the cells).
  static func pairedTrials(_ baseline: URL, _ fresh: URL) -> [String]? {
    guard let pairing = SweepPairing.of(baseline, fresh),
      pairing.trials.contains(where: { $0.key != $0.value })
    else { return nil }
    let lines = ResultsDiff.pairingLines(pairing, folder: "")
    guard
      let diff = try? ResultsDiff(
        baseline, fresh, options: DiffOptions(), specReader: SpecParameters.reader)
    else { return lines }
    return lines + diff.causes
      + diff.files.filter(\.differs).map { $0.rendered(maxListedChanges: 5) }
      + diff.onlyInA.map { "\($0): only in the baseline" }
      + diff.onlyInB.map { "\($0): only in the fresh results" }
  }
}
