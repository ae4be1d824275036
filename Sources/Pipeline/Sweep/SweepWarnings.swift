import Foundation

/// The warnings a sweep gives, collected from its events as they are printed: the one list
/// `runner sweep --json` reports and `--strict` fails on (docs/sweeps.md).
final class SweepWarnings: @unchecked Sendable {
  private let log = WarningLog()

  /// Every warning so far, each once, without its `warning: ` prefix: the sweep's own in the
  /// order given, then the trials' in trial-ID order (trials run at once finish in any order,
  /// and `--json` prints the same list on every run).
  var all: [String] {
    let given = log.recorded
    let ofTrials = given.filter { $0.hasPrefix("trial ") }
    return given.filter { !$0.hasPrefix("trial ") } + ofTrials.sorted()
  }

  /// Records `event` when it is a `warning: …` note.
  func record(_ event: SweepEvent) {
    if case .note(let text) = event { log.record(note: text) }
  }
}
