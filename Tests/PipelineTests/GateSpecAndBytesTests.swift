import Conventions
import Foundation
import Pipeline
import Reports
import Testing

@testable import Pipeline

/// The gate fails on a spec edit that was not re-recorded on every machine, and says why bytes
/// differ when no value does (tester AB6, AB11).
@Suite("regression gate: resolved specs and byte differences explained")
struct GateSpecAndBytesTests {
  /// A copy of the xor baseline, edited by `edit` (file → new text).
  func copy(_ edits: [String: (String) -> String]) throws -> (GateEntry, URL) {
    let entry = try #require(GateSupport.entries.first { $0.name == "xor-mlp-sigmoid" })
    let (copy, _) = try GateSupport.edited(entry, file: "summary.csv", relative: 0)
    for (file, edit) in edits {
      let url = copy.appendingPathComponent(file)
      try edit(String(contentsOf: url, encoding: .utf8)).write(
        to: url, atomically: true, encoding: .utf8)
    }
    return (entry, copy)
  }

  @Test("tolerance mode fails on a changed spec, as byte mode does")
  func specChangeFailsWithinTolerances() throws {
    let spec = { (text: String) in
      text.replacingOccurrences(of: "learning_rate: 1.0", with: "learning_rate: 1.00000001")
        .replacingOccurrences(of: "description: \"\"", with: "description: tried")
    }
    let (entry, fresh) = try copy([
      "spec.resolved.yaml": spec,
      "environment.csv": { $0.replacingOccurrences(of: "Haswell kernel", with: "Other kernel") },
    ])
    defer { GateSupport.remove(fresh) }
    let verdict = try GateSupport.gate.check(entry, fresh: fresh)
    #expect(!verdict.passed)
    // The baseline's runner version, when another's, is said last (`versionLine`).
    #expect(
      verdict.differences.filter { !$0.hasPrefix("the baseline was recorded by") } == [
        "spec.resolved.yaml: description (empty) -> tried",
        "spec.resolved.yaml: optimizer.learning_rate 1.0 -> 1.00000001",
      ])
    // Byte mode lists the same keys under its line.
    #expect(
      try RegressionGate.byteDifferences(GateSupport.gate.baseline(entry), fresh).first
        == "spec.resolved.yaml: bytes differ\n    description (empty) -> tried\n"
        + "    optimizer.learning_rate 1.0 -> 1.00000001")
  }

  @Test("other line ends, and a value spelt another way, are named as the reason")
  func byteReasons() throws {
    let (entry, crlf) = try copy([
      "summary.csv": { $0.replacingOccurrences(of: "\n", with: "\r\n") }
    ])
    defer { GateSupport.remove(crlf) }
    #expect(
      try RegressionGate.byteDifferences(GateSupport.gate.baseline(entry), crlf) == [
        "summary.csv: bytes differ: line ends are LF in the baseline, CRLF in this run (a "
          + "checkout converting line ends, git's core.autocrlf? the repository's .gitattributes "
          + "marks results/ -text; check the baseline out again)"
      ])
    let (_, spelt) = try copy([
      "summary.csv": { $0.replacingOccurrences(of: ",gd,1.0,", with: ",gd,1.00,") }
    ])
    defer { GateSupport.remove(spelt) }
    #expect(
      try RegressionGate.byteDifferences(GateSupport.gate.baseline(entry), spelt) == [
        "summary.csv: bytes differ: row 1 optimizer.learning_rate is '1.0' in the baseline and "
          + "'1.00' in this run, one value spelt two ways (a file saved by hand or by a "
          + "spreadsheet? check the baseline out again, or record it again)"
      ])
  }
}
