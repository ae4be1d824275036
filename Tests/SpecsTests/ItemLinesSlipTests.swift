import Foundation
import Testing

@testable import Specs

/// The lines of a list item a paste or a slip of the space bar leaves out of place (tester
/// BM-8, BM-9): each step written without a dash below a bare step, a comment after it or
/// not, and a two-line item one column right of its dash, named with fix-its that load.
@Suite struct ItemLinesSlipTests {
  typealias Pasted = PastedSpaceAndBulletSlipTests

  @Test func everyStepBelowABareStepIsNamedEvenAfterAComment() throws {
    let commented = try Pasted.fixItsLoad(
      Pasted.spec(
        "  split:", "  preprocessing:\n    - standardize   # first\n      scale: 1/16\n  split:"))
    #expect(commented.map(\.location?.line) == [7])
    #expect(commented.first?.fixIt == "    - scale: 1/16")
    let three = try Pasted.fixItsLoad(
      Pasted.spec(
        "  split:",
        "  preprocessing:\n    - standardize\n      scale: 1/16\n      # more\n"
          + "      polynomial: 2\n  split:"))
    #expect(three.map(\.location?.line) == [7, 9])
    #expect(three.map(\.fixIt) == ["    - scale: 1/16", "    - polynomial: 2"])
    // Only the first pasted: the step left in its item's column is named with its dash.
    let half = try Pasted.fixItsLoad(
      Pasted.spec(
        "  split:",
        "  preprocessing:\n    - standardize\n    - scale: 1/16\n      polynomial: 2\n  split:"))
    #expect(half.map(\.fixIt) == ["    - polynomial: 2"])
  }

  @Test func anItemOfTwoLinesOneColumnRightOfItsDashMovesWhole() throws {
    let slipped = try Pasted.fixItsLoad(
      Pasted.spec("    - {units: 1", "     - units: 4\n       activation: relu\n    - {units: 1"))
    #expect(slipped.first?.fixIt == "    - units: 4\n      activation: relu")
    // The first line alone moved: the second lines up with the key, not the dash.
    let half = try Pasted.fixItsLoad(
      Pasted.spec("    - {units: 1", "    - units: 4\n       activation: relu\n    - {units: 1"))
    #expect(half.first?.note?.contains("line 11 in column 7, line 12 in column 8") == true)
    #expect(half.first?.fixIt == "      activation: relu")
  }
}
