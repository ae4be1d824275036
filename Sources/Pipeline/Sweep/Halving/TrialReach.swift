import Conventions
import Foundation
import Reports
import Specs

/// How far a successive-halving trial trained in all, in the budget's unit: for a diverged
/// trial, the epoch or iteration its stop reason names (its metrics end at the last finite
/// record); else the step of the last row of its `metrics.csv` (the state it ended in: its
/// budget, or where early stopping or convergence ended it). A trial that stopped below a
/// rung's budget has nothing left to train at a larger one, so the compute figures count what
/// it trained, not the budget (docs/sweeps.md, "Compute").
enum TrialReach {
  /// The epochs (or iterations, `unit`) the trial in `directory` trained in all, given its stop
  /// reason as its rung's summary holds it (the trial's own `summary.csv` cell, already read;
  /// nil or empty without one): only the last line of `metrics.csv` is read. Nil when neither
  /// says (then the rung's budget is counted).
  static func read(_ directory: URL, stopReason: String?, unit: String) -> Int? {
    if let stopReason, DivergedStopReason.matches(stopReason) {
      return diverged(stopReason, unit: unit)
    }
    return lastStep(of: directory.appendingPathComponent(ResultsFile.metrics))
  }

  /// The epoch (or iteration) a diverged trial's stop reason names: `training diverged at
  /// epoch 7 (iteration 80): …` gives 7 with an epoch budget, `… at iteration 80: …` 80.
  static func diverged(_ reason: String, unit: String) -> Int? {
    let word = unit == "iterations" ? "iteration " : "epoch "
    guard let start = reason.range(of: word) else { return nil }
    return Int(reason[start.upperBound...].prefix { $0.isNumber })
  }

  /// The whole number in the first field of the last line of the CSV file at `url` (its last
  /// row's step), read from the file's end; nil when the file is missing or empty, or that
  /// field is no whole number (a header without rows).
  static func lastStep(of url: URL) -> Int? {
    guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
    defer { try? handle.close() }
    guard let size = try? handle.seekToEnd(), size > 0 else { return nil }
    var chunk: UInt64 = 4096
    while true {
      let start = size > chunk ? size - chunk : 0
      guard (try? handle.seek(toOffset: start)) != nil,
        let data = try? handle.read(upToCount: Int(size - start))
      else { return nil }
      // The last line that is not blank, whole: a line break before it, or the file's start.
      let bytes = [UInt8](data)
      var end = bytes.count
      while end > 0, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") {
        end -= 1
      }
      if let lineBreak = bytes[..<end].lastIndex(of: UInt8(ascii: "\n")) {
        return firstField(bytes[(lineBreak + 1)..<end])
      }
      if start == 0 { return firstField(bytes[..<end]) }
      chunk *= 4
    }
  }

  /// The first field of a CSV line as a whole number (a quoted field without its quotes).
  private static func firstField(_ line: ArraySlice<UInt8>) -> Int? {
    let field = String(decoding: line.prefix { $0 != UInt8(ascii: ",") }, as: UTF8.self)
    let quoted = field.count >= 2 && field.hasPrefix("\"") && field.hasSuffix("\"")
    return Int(quoted ? String(field.dropFirst().dropLast()) : field)
  }
}
