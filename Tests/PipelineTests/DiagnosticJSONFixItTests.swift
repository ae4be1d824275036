import Conventions
import Pipeline
import Testing

@testable import Specs

/// `--json` gives a fix-it at a `--set` as the text does: a `--set` command (tester AX F10).
@Suite struct DiagnosticJSONFixItTests {
  @Test func aFixItAtASetIsASetCommand() {
    let at = SourceLocation(source: .override("sweep.budget.min=14"), line: 1, column: 18)
    let d = Diagnostic(.error, at: at, "one rung", fixIt: "min: 13")
    guard case .object(let entries) = d.json else {
      Issue.record("not an object: \(d.json)")
      return
    }
    let fixIt = entries.first { $0.0 == "fix_it" }?.1
    #expect(fixIt == .string("--set 'sweep.budget.min=13'"))
  }
}
