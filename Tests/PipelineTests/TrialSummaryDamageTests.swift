import Foundation
import Testing

@testable import Pipeline

/// A trial's own `summary.csv` is whole when it parses and ends with a line end, LF or CRLF.
struct TrialSummaryDamageTests {
  /// CRLF text (a sweep folder through git's autocrlf) was "cut short": "\r\n" is one
  /// Character, so the text never had the suffix "\n", and the trial was run again.
  @Test func aWholeSummaryWithCRLFLineEndsIsWhole() throws {
    let dir = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let marker = dir.appendingPathComponent("status.csv")
    let summary = dir.appendingPathComponent("summary.csv")
    for (text, whole) in [
      ("train_loss,test_loss\n0.5,0.6\n", true), ("train_loss,test_loss\r\n0.5,0.6\r\n", true),
      ("train_loss,test_loss\r\n0.5,0.6", false),
    ] {
      try text.write(to: summary, atomically: true, encoding: .utf8)
      #expect((TrialStatus.damage(beside: marker) == nil) == whole, "\(text.debugDescription)")
    }
  }
}
