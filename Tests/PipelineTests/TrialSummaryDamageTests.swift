import Foundation
import Testing

@testable import Pipeline

/// A trial's own `summary.csv` is whole when it parses and ends with a line end, LF or CRLF; the
/// other files an ok trial holds are checked by the same rule of whole text.
struct TrialSummaryDamageTests {
  /// CRLF text (a sweep folder through git's autocrlf) was "cut short": "\r\n" is one
  /// Character, so the text never had the suffix "\n", and the trial was run again.
  @Test func aWholeSummaryWithCRLFLineEndsIsWhole() throws {
    let dir = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let summary = dir.appendingPathComponent("summary.csv")
    for (text, whole) in [
      ("train_loss,test_loss\n0.5,0.6\n", true), ("train_loss,test_loss\r\n0.5,0.6\r\n", true),
      ("train_loss,test_loss\r\n0.5,0.6", false), ("train_loss,te\0\0st_loss\n0.5,0.6\n", false),
    ] {
      try text.write(to: summary, atomically: true, encoding: .utf8)
      #expect((TrialStatus.summaryDamage(in: dir) == nil) == whole, "\(text.debugDescription)")
    }
  }

  /// Each runner-written text file is whole only when it is UTF-8, not empty, ends with a line
  /// end and holds no NUL byte; the damage names the file.
  @Test func aRunnerWrittenFileIsWholeOnlyWhenItsTextIs() throws {
    let dir = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("metrics.csv")
    for (bytes, damage) in [
      (Data("a,b\n1,2\n".utf8), nil), (Data("a,b\r\n1,2\r\n".utf8), nil),
      (Data(), "is empty"), (Data("a,b\n1,2".utf8), "is cut short"),
      (Data("a,b\n1,\0\n".utf8), "holds NUL bytes"), (Data([0xFF, 0xFE, 0x0A]), "not UTF-8"),
      (Data("a,b\n1\n".utf8), "does not parse"),
    ] as [(Data, String?)] {
      try bytes.write(to: file)
      let found: String? =
        switch TrialFiles.table(file) {
        case .success: nil
        case .failure(let d): d.text
        }
      if let damage {
        #expect(found?.contains(damage) == true && found?.contains(file.path) == true, "\(bytes)")
      } else {
        #expect(found == nil, "\(bytes)")
      }
    }
    try FileManager.default.removeItem(at: file)
    if case .failure(let d) = TrialFiles.table(file) {
      #expect(d.text == "\(file.path) is missing")
    } else {
      Issue.record("a missing file read as whole")
    }
  }

  /// A trial's params/ folder empty of its first layer is named; none at all is accepted.
  @Test func missingParametersAreNamed() throws {
    let dir = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let params = dir.appendingPathComponent("params")
    // No params/ at all: a trial kept without its parameters, as the gate's baselines are.
    #expect(TrialFiles.parametersDamage(in: params) == nil)
    try FileManager.default.createDirectory(at: params, withIntermediateDirectories: true)
    #expect(
      TrialFiles.parametersDamage(in: params)
        == "\(params.appendingPathComponent("layer1_weights.npy").path) is missing")
  }

  /// A trial the runner wrote (its `timings.csv` is there) whose whole params/ folder was
  /// deleted counted as complete: never run again, merged and ranked without its parameters.
  /// A folder without timings.csv (the gate's baselines) may still lack params/.
  @Test func aRunnerWrittenTrialWithoutItsParamsFolderIsNotWhole() throws {
    let dir = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try "iteration,train_loss\n0,1\n".write(
      to: dir.appendingPathComponent("metrics.csv"), atomically: true, encoding: .utf8)
    try "name: t\n".write(
      to: dir.appendingPathComponent("spec.resolved.yaml"), atomically: true, encoding: .utf8)
    #expect(TrialFiles.damage(in: dir) == nil)
    try "phase,seconds\ntrain,0.1\n".write(
      to: dir.appendingPathComponent("timings.csv"), atomically: true, encoding: .utf8)
    #expect(
      TrialFiles.damage(in: dir) == "\(dir.appendingPathComponent("params").path)/ is missing")
  }
}
