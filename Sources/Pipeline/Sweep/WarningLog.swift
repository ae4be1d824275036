import Foundation

/// The warnings read from notes as they are given, each once, in the order given: what a trial
/// keeps in its folder and a sweep reports. A warning starts at a note's line that starts
/// `warning: ` and holds the lines after it up to the next such line.
final class WarningLog: @unchecked Sendable {
  private static let prefix = "warning: "
  private let lock = NSLock()
  private var texts: [String] = []

  /// An empty log.
  init() {}

  /// Every warning so far, without its `warning: ` prefix.
  var recorded: [String] { lock.withLock { texts } }

  /// Records the warnings of note `text` (none when no line starts `warning: `), each once.
  func record(note text: String) {
    var found: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix(Self.prefix) {
        found.append(String(line.dropFirst(Self.prefix.count)))
      } else if let last = found.indices.last {
        found[last] += "\n" + line
      }
    }
    lock.withLock { for warning in found where !texts.contains(warning) { texts.append(warning) } }
  }
}
