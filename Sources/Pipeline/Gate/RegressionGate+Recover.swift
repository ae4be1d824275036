import Conventions
import Foundation
import Reports

extension RegressionGate {
  /// Repairs what a `record` killed between its moves left, and returns one line per repair:
  /// a `.previous-<name>` whose `<name>` is missing is put back; one whose `<name>` exists is
  /// removed when it holds `asideMark` (the new baseline was in place), else kept and named.
  /// A `.recording-<name>` holding `recordingMark` (a record stopped while copying) is removed.
  /// When `recording`, an unmarked one is never put back (`record` would replace, and so
  /// delete, what the runner did not write): it is kept and named, and `record` refuses.
  public func recover(_ entries: [GateEntry], recording: Bool = false) throws(GateError)
    -> [String]
  {
    let fm = FileManager.default
    var lines: [String] = []
    for entry in entries {
      let (target, previous) = (baseline(entry), previous(entry))
      let mark = previous.appendingPathComponent(Self.asideMark)
      do {
        if fm.fileExists(atPath: previous.path) {
          let marked = fm.fileExists(atPath: mark.path)
          if !fm.fileExists(atPath: target.path), marked || !recording {
            try fm.moveItem(at: previous, to: target)
            lines.append(
              marked
                ? "\(entry.name): put back the baseline an interrupted --record left in "
                  + "\(previous.lastPathComponent)"
                : "\(entry.name): put \(previous.lastPathComponent), which the runner did not "
                  + "mark, back as the missing baseline; check it (git diff results/baseline)")
          } else if marked {
            try Self.removeAside(previous)
          } else {
            lines.append(
              "\(entry.name): \(previous.path) is not a baseline the runner moved aside; "
                + "left as it is (move it away before recording \(entry.name))")
          }
        }
        // Killed after marking, before moving aside (or just put back), or before unmarking
        // the new baseline: the mark goes.
        for name in [Self.asideMark, Self.recordingMark] {
          let placed = target.appendingPathComponent(name)
          if fm.fileExists(atPath: placed.path) { try fm.removeItem(at: placed) }
        }
        let staging = staging(entry)
        if GateMark.holds(staging, Self.recordingMark) {
          try GateMark.remove(staging, Self.recordingMark)
        }
      } catch {
        throw .cannotRecord(path: target.path, reason: AtomicFile.reason(error))
      }
    }
    return lines
  }
}
