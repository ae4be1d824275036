import Testing

@testable import Conventions

@Suite("the name a wrong one most likely meant")
struct LikelyMeantTests {
  @Test("a typo, else the only name starting with it, else the only one holding its words")
  func guesses() {
    #expect("tagret".likelyMeant(among: ["age", "target"]) == "target")
    #expect(
      "sepal length".likelyMeant(among: ["sepal length (cm)", "species"]) == "sepal length (cm)")
    #expect("train_x".likelyMeant(among: ["train_set_x", "train_set_y"]) == "train_set_x")
    // Several fit, or none: no guess; nor one letter for another.
    #expect("sepal".likelyMeant(among: ["sepal length", "sepal width"]) == nil)
    #expect("x".likelyMeant(among: ["y", "z"]) == nil)
    #expect("test_y".likelyMeant(among: ["train_set_x", "train_set_y"]) == nil)
    #expect("".likelyMeant(among: ["a"]) == nil)
  }
}
