import Testing

@testable import Specs

/// A file fix-it at a `--set` is shown as the `--set` giving the same, whichever mapping along
/// the override's path its keys belong to (tester AX F10).
@Suite struct CommandLineFixItTests {
  func rendered(_ argument: String, _ fixIt: String) -> String? {
    let at = SourceLocation(source: .override(argument), line: 1, column: 1)
    return Diagnostic(.error, at: at, "problem", fixIt: fixIt).commandLineFixIt.fixIt
  }

  @Test func aKeyOfTheOverridesOwnMappingKeepsItsPath() {
    #expect(rendered("sweep.budget.min=14", "min: 13") == "--set 'sweep.budget.min=13'")
  }

  @Test func aSectionAboveTheOverrideIsSetWhole() {
    #expect(
      rendered("sweep.budget.min=14", "budget: {min: 4, max: 40}")
        == "--set 'sweep.budget={min: 4, max: 40}'")
  }

  @Test func aKeyOfASectionAboveTheOverrideIsSetThere() {
    #expect(rendered("sweep.budget.max=4", "eta: 4") == "--set 'sweep.eta=4'")
  }

  @Test func keysNoMappingAlongThePathHasStayAsWritten() {
    #expect(rendered("sweep.budget.max=4", "units: 4") == "units: 4")
  }
}
