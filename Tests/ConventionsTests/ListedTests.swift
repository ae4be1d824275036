import Conventions
import Testing

/// `[String].listed(_:)`, the one "a, b and c" joiner every message uses: no comma before the
/// conjunction, the conjunction only between the last two items.
@Suite struct ListedTests {
  @Test(arguments: [
    ([], ""), (["a"], "a"), (["a", "b"], "a and b"), (["a", "b", "c"], "a, b and c"),
    (["a", "b", "c", "d"], "a, b, c and d"),
  ])
  func itemsAreJoinedByCommasAndTheLastByAnd(_ items: [String], _ text: String) {
    #expect(items.listed() == text)
    #expect(items.listed(.and) == text)
  }

  @Test(arguments: [
    ([], ""), (["a"], "a"), (["a", "b"], "a or b"), (["a", "b", "c"], "a, b or c"),
  ])
  func orPutsOrBeforeTheLastItem(_ items: [String], _ text: String) {
    #expect(items.listed(.or) == text)
  }

  /// An item holding a comma or the conjunction is kept as it is, not split or re-joined.
  @Test func itemsAreKeptWhole() {
    #expect(["x, y", "a and b", "c"].listed(.or) == "x, y, a and b or c")
  }
}
